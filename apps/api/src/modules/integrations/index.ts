export { ApiKeysService, API_KEY_SCOPES, type ApiKeyScope } from './api-keys';
export { UsageService } from './usage';
export { integrationRoutes } from './routes';
