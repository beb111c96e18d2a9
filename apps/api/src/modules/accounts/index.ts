export { AccountsService, accessOf, addMonths, type Access } from './service';
export { SubscriptionsService, normalizeMac } from './subscriptions';
export { accountRoutes } from './routes';
export { subscriptionRoutes } from './subscription-routes';
export { PeriodsService } from './periods';
