export { CustomersService, loginKey, toCustomerView, type CustomerCredentials, type CustomerHooks, type NewCustomer, type RequestMeta } from './service';
export { customerRoutes } from './routes';
export { PhoneChangeReviewService, type IdentityCheck } from './phone-change-review';
export { phoneChangeReviewRoutes } from './phone-change-routes';
