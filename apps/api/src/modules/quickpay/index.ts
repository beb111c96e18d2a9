export { QuickPayService, maskName } from './service';
export { quickPayRoutes } from './routes';
