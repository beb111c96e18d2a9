export { CorporateService, LIMIT_REASON } from './service';
export { SpendingReports } from './spending';
export { ClosingDocuments, VAT_PERCENT } from './documents';
export { corporateRoutes, corporateIntegratorRoutes } from './routes';
export { isValidInn, isValidKpp, innWithCheckDigit } from './inn';
