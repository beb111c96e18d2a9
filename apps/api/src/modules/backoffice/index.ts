export { BackofficeService, type CustomerCardSectionProvider, type SummarySource } from './service';
export { backofficeRoutes } from './routes';
