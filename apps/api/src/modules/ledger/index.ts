export { LedgerService, type LedgerKind, type PostInput, type PostResult } from './service';
