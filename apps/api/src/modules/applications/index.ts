export { ApplicationsService } from './service';
export { applicationRoutes } from './routes';
