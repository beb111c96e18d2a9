export { LineExtrasService } from './service';
export { lineExtrasRoutes, lineIntegrationRoutes } from './routes';
export { OperatorPointsService, moscowMonth, previousMoscowMonth } from './operator-points';
