/** The INN / KPP checks live in the contract (the SPA checks as the person types); see shared-types `corporate.ts`. */
export { innWithCheckDigit, isValidInn, isValidKpp } from '@cabinet/shared-types';
