export { AccountsService, accessOf, type Access } from './service';
export { accountRoutes } from './routes';
