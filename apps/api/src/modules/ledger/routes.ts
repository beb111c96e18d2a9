import { pageLimit } from '../../platform/pagination';
import { route, type RouteSpec } from '../../platform/routes';
import type { DetailReportService } from './detail-report';
import {
  DetailReportDto,
  DetailReportsQuery,
  DetailReportViewDto,
  HistoryFilterQuery,
  HistoryParams,
  MonthlySummaryDto,
  SummaryQuery,
  TransactionsQuery,
  TransactionViewDto,
} from './dto';
import type { HistoryService } from './history';

export function historyRoutes(history: HistoryService): RouteSpec[] {
  return [
    route<unknown, TransactionsQuery, HistoryParams>({
      method: 'get',
      path: '/accounts/:accountId/transactions',
      summary: 'Account history: filters, sort by time or amount, cursor pages',
      description: 'Keyset-paginated: a deep page costs what the first does. Viewers may read it too.',
      tags: ['History'],
      auth: 'customer',
      params: HistoryParams,
      query: TransactionsQuery,
      page: TransactionViewDto,
      errors: [404],
      handler: ({ auth, params, query }) => history.list(auth.customerId, params.accountId, { ...query, limit: pageLimit(query) }),
    }),
    route<unknown, HistoryFilterQuery, HistoryParams>({
      method: 'get',
      path: '/accounts/:accountId/transactions.csv',
      summary: 'The same selection as CSV (UTF-8 with BOM, `;`-separated, opens in Excel)',
      tags: ['History'],
      auth: 'customer',
      params: HistoryParams,
      query: HistoryFilterQuery,
      produces: 'text/csv',
      errors: [404],
      handler: ({ auth, params, query, res }) => history.csv(auth.customerId, params.accountId, query, res),
    }),
    route<unknown, SummaryQuery, HistoryParams>({
      method: 'get',
      path: '/accounts/:accountId/transactions/summary',
      summary: 'Spent and received per month (Moscow), by kind, for the chart',
      tags: ['History'],
      auth: 'customer',
      params: HistoryParams,
      query: SummaryQuery,
      response: MonthlySummaryDto,
      errors: [404],
      handler: ({ auth, params, query }) => history.summary(auth.customerId, params.accountId, query.months ?? 6),
    }),
  ];
}

export function detailReportRoutes(reports: DetailReportService): RouteSpec[] {
  return [
    route<DetailReportDto, unknown, HistoryParams>({
      method: 'post',
      path: '/accounts/:accountId/detail-reports',
      summary: "Order a period's detail (CSV or PDF) by e-mail",
      description:
        'Queued, then rendered by a job and sent to the e-mail in your profile as an attachment (within a minute or so). ' +
        'The period is Moscow days, both inclusive, at most 12 months, not in the future. Viewers may order it too. ' +
        '409 `email_required` when the profile has no e-mail; 409 `detail_report_too_large` when the period holds more entries than one report may.',
      tags: ['History'],
      auth: 'customer',
      params: HistoryParams,
      body: DetailReportDto,
      status: 202,
      response: DetailReportViewDto,
      idempotent: true,
      errors: [404, 409],
      handler: ({ auth, params, body }) => reports.order(auth.customerId, params.accountId, body),
    }),
    route<unknown, DetailReportsQuery, HistoryParams>({
      method: 'get',
      path: '/accounts/:accountId/detail-reports',
      summary: 'Your detail report orders for this account, newest first, with their status',
      tags: ['History'],
      auth: 'customer',
      params: HistoryParams,
      query: DetailReportsQuery,
      page: DetailReportViewDto,
      errors: [404],
      handler: ({ auth, params, query }) => reports.list(auth.customerId, params.accountId, { limit: pageLimit(query), cursor: query.cursor }),
    }),
  ];
}
