export { OrdersService } from './service';
export { orderRoutes } from './routes';
