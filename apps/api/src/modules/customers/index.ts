export { CustomersService, loginKey, toCustomerView, type CustomerCredentials, type NewCustomer, type RequestMeta } from './service';
export { customerRoutes } from './routes';
