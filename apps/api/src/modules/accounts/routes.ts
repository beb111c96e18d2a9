import { pageLimit } from '../../platform/pagination';
import { requestMeta } from '../../platform/request-meta';
import { route, type RouteSpec } from '../../platform/routes';
import { AccountParams, AccountsQuery, AccountViewDto, CreateGrantDto, GrantParams, GrantViewDto } from './dto';
import type { AccountsService } from './service';

export function accountRoutes(accounts: AccountsService): RouteSpec[] {
  return [
    route<unknown, AccountsQuery>({
      method: 'get',
      path: '/accounts',
      summary: 'Accounts the caller owns or was granted, with lines or contract, balance and packages left',
      tags: ['Accounts'],
      auth: 'customer',
      query: AccountsQuery,
      page: AccountViewDto,
      handler: ({ auth, query }) => accounts.list(auth.customerId, { limit: pageLimit(query), cursor: query.cursor }),
    }),
    route<unknown, unknown, AccountParams>({
      method: 'get',
      path: '/accounts/:accountId',
      summary: 'One account (404 when it is neither yours nor granted to you)',
      tags: ['Accounts'],
      auth: 'customer',
      params: AccountParams,
      response: AccountViewDto,
      errors: [404],
      handler: ({ auth, params }) => accounts.get(auth.customerId, params.accountId),
    }),
    route<unknown, unknown, AccountParams>({
      method: 'get',
      path: '/accounts/:accountId/grants',
      summary: 'Who else has access to the account (owner only)',
      tags: ['Access'],
      auth: 'customer',
      params: AccountParams,
      page: GrantViewDto,
      errors: [404],
      handler: ({ auth, params }) => accounts.grants(auth.customerId, params.accountId),
    }),
    route<CreateGrantDto, unknown, AccountParams>({
      method: 'post',
      path: '/accounts/:accountId/grants',
      summary: 'Invite a registered customer by phone: viewer, line_manager (one line) or account_manager',
      tags: ['Access'],
      auth: 'customer',
      idempotent: true,
      params: AccountParams,
      body: CreateGrantDto,
      status: 201,
      response: GrantViewDto,
      errors: [404, 409],
      handler: ({ auth, params, body, req }) => accounts.grant(auth.customerId, params.accountId, body, requestMeta(req).ip),
    }),
    route<unknown, unknown, GrantParams>({
      method: 'delete',
      path: '/accounts/:accountId/grants/:grantId',
      summary: 'Revoke a grant (owner only)',
      tags: ['Access'],
      auth: 'customer',
      params: GrantParams,
      status: 204,
      errors: [404],
      handler: ({ auth, params, req }) => accounts.revokeGrant(auth.customerId, params.accountId, params.grantId, requestMeta(req).ip),
    }),
  ];
}
