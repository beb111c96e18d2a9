export { LoansService, type LoansDeps } from './service';
export { loanRoutes, loanReviewRoutes } from './routes';
export { LOAN_CAPS, capsOn, capTable } from './caps';
export { SandboxCreditBureau, type CreditBureau } from './bureau';
export { holderMatches } from './names';
export { seedLoanProducts, LOAN_PRODUCTS } from './products';
