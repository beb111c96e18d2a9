export { LineExtrasService } from './service';
export { lineExtrasRoutes, lineIntegrationRoutes } from './routes';
