import { pageLimit } from '../../platform/pagination';
import { route, type RouteSpec } from '../../platform/routes';
import { HistoryFilterQuery, HistoryParams, MonthlySummaryDto, SummaryQuery, TransactionsQuery, TransactionViewDto } from './dto';
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
