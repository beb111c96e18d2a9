export { LedgerService, type LedgerKind, type PostInput, type PostResult } from './service';
export { HistoryService } from './history';
export { historyRoutes } from './routes';
