import { LineExtrasLimits } from '@cabinet/shared-types';
import { requestMeta } from '../../platform/request-meta';
import { route, type RouteContext, type RouteSpec } from '../../platform/routes';
import {
  BlacklistAddDto,
  BlacklistNumberParams,
  BlacklistSwitchDto,
  BlacklistViewDto,
  ContentServiceDto,
  ContentServiceListDto,
  ContentServiceParams,
  IntegratorBlacklistDto,
  IntegratorLineParams,
  LineRefParams,
} from './dto';
import type { LineExtrasService } from './service';

const ctx = (c: RouteContext<unknown, unknown, unknown>) => ({ customerId: c.auth.customerId, ip: requestMeta(c.req).ip });
const BASE = '/accounts/:accountId/lines/:lineId';

export function lineExtrasRoutes(extras: LineExtrasService): RouteSpec[] {
  const tags = ['Mobile lines'];
  return [
    route<unknown, unknown, LineRefParams>({
      method: 'get',
      path: `${BASE}/blacklist`,
      summary: 'The call blacklist of a line: on or off, its fee, the numbers',
      tags,
      auth: 'customer',
      params: LineRefParams,
      response: BlacklistViewDto,
      errors: [404],
      handler: ({ auth, params }) => extras.blacklist(auth.customerId, params),
    }),
    route<BlacklistSwitchDto, unknown, LineRefParams>({
      method: 'put',
      path: `${BASE}/blacklist`,
      summary: 'Switch the blacklist on (the period’s fee is charged once) or off',
      description: `The fee is ${LineExtrasLimits.blacklistFee / 100} ₽ per line period, charged when it is switched on and at each new period while on; switching it off and on in one period charges once. 409 \`insufficient_funds\` changes nothing.`,
      tags,
      auth: 'customer',
      params: LineRefParams,
      body: BlacklistSwitchDto,
      response: BlacklistViewDto,
      errors: [403, 404, 409],
      handler: (c) => extras.switchBlacklist(ctx(c), c.params, c.body.enabled),
    }),
    route<BlacklistAddDto, unknown, LineRefParams>({
      method: 'post',
      path: `${BASE}/blacklist/numbers`,
      summary: `Add a number to the blacklist (at most ${LineExtrasLimits.blacklistMax})`,
      tags,
      auth: 'customer',
      idempotent: true,
      params: LineRefParams,
      body: BlacklistAddDto,
      status: 201,
      response: BlacklistViewDto,
      errors: [403, 404, 409],
      handler: (c) => extras.addToBlacklist(ctx(c), c.params, c.body),
    }),
    route<unknown, unknown, BlacklistNumberParams>({
      method: 'delete',
      path: `${BASE}/blacklist/numbers/:msisdn`,
      summary: 'Remove a number from the blacklist',
      tags,
      auth: 'customer',
      params: BlacklistNumberParams,
      status: 204,
      errors: [403, 404],
      handler: (c) => extras.removeFromBlacklist(ctx(c), c.params, c.params.msisdn),
    }),
    route<unknown, unknown, LineRefParams>({
      method: 'get',
      path: `${BASE}/content-services`,
      summary: 'Paid subscriptions and content services on a line, with their price and what they have cost',
      tags,
      auth: 'customer',
      params: LineRefParams,
      response: ContentServiceListDto,
      errors: [404],
      handler: ({ auth, params }) => extras.contentServices(auth.customerId, params),
    }),
    route<unknown, unknown, ContentServiceParams>({
      method: 'post',
      path: `${BASE}/content-services/:serviceId/off`,
      summary: 'Switch a paid service off in one click: it charges no more',
      tags,
      auth: 'customer',
      idempotent: true,
      params: ContentServiceParams,
      response: ContentServiceDto,
      errors: [403, 404, 409],
      handler: (c) => extras.switchOffContent(ctx(c), c.params, c.params.serviceId),
    }),
  ];
}

export function lineIntegrationRoutes(extras: LineExtrasService): RouteSpec[] {
  return [
    route<unknown, unknown, IntegratorLineParams>({
      method: 'get',
      path: '/integrations/lines/:msisdn/blacklist',
      summary: 'The call blacklist of a line, for the network (a switch enforces it while `enabled`)',
      tags: ['Integrations'],
      auth: 'integrator',
      scopes: ['lines:read'],
      params: IntegratorLineParams,
      response: IntegratorBlacklistDto,
      errors: [404],
      examples: { response: { msisdn: '+79210000001', enabled: true, numbers: ['+79210000002'], updatedAt: '2026-11-22T09:00:00.000Z' } },
      handler: ({ params }) => extras.integratorBlacklist(params.msisdn),
    }),
  ];
}
