export { AccountsService, accessOf, addMonths, type Access } from './service';
export { SubscriptionsService, normalizeMac } from './subscriptions';
export { accountRoutes } from './routes';
export { subscriptionRoutes } from './subscription-routes';
export { PeriodsService } from './periods';
export { AccountProvisioning } from './provisioning';
export { AccountClosureService, type ClosureCheck } from './closure';
export { closureRoutes } from './closure-routes';
export { visibleAccountSql, type AccountRow } from './repository';
