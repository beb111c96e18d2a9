export { LedgerService, type LedgerKind, type PostInput, type PostResult } from './service';
export { HistoryService } from './history';
export { DetailReportService } from './detail-report';
export { detailReportRoutes, historyRoutes } from './routes';
