import { requestMeta } from '../../platform/request-meta';
import { route, type RouteContext, type RouteSpec } from '../../platform/routes';
import {
  AccountParams,
  AddDeviceDto,
  DeviceParams,
  DeviceViewDto,
  LineOptionParams,
  LineParams,
  OptionActivationDto,
  RenameDeviceDto,
  TariffChangeDto,
  TariffChangeQuoteDto,
  TariffChangeQuoteQuery,
  TariffChangeResultDto,
} from './dto';
import type { SubscriptionRef, SubscriptionsService } from './subscriptions';

const ctx = (c: RouteContext<unknown, unknown, unknown>) => ({ customerId: c.auth.customerId, ip: requestMeta(c.req).ip });

/**
 * The same tariff-change and block actions for a mobile line (`/lines/:lineId`) and for the
 * contract of an internet account (`/contract`).
 */
export function subscriptionRoutes(subs: SubscriptionsService): RouteSpec[] {
  const targets: { base: string; name: string; params: typeof LineParams | typeof AccountParams; ref: (p: LineParams & AccountParams) => SubscriptionRef; block: [string, string] }[] = [
    { base: '/accounts/:accountId/lines/:lineId', name: 'line', params: LineParams, ref: (p) => ({ accountId: p.accountId, lineId: p.lineId }), block: ['block', 'unblock'] },
    { base: '/accounts/:accountId/contract', name: 'internet contract', params: AccountParams, ref: (p) => ({ accountId: p.accountId, contract: true }), block: ['suspend', 'resume'] },
  ];
  const routes: RouteSpec[] = [];
  for (const t of targets) {
    const tags = [t.name === 'line' ? 'Mobile lines' : 'Home internet'];
    routes.push(
      route<unknown, TariffChangeQuoteQuery, LineParams>({
        method: 'get',
        path: `${t.base}/tariff-change/quote`,
        summary: `What changing the ${t.name}'s tariff would cost, before confirming`,
        tags,
        auth: 'customer',
        params: t.params as typeof LineParams,
        query: TariffChangeQuoteQuery,
        response: TariffChangeQuoteDto,
        errors: [404, 409],
        handler: (c) => subs.quote(ctx(c), t.ref(c.params), c.query),
      }),
      route<TariffChangeDto, unknown, LineParams>({
        method: 'post',
        path: `${t.base}/tariff-change`,
        summary: `Change the ${t.name}'s tariff now (pro-rated) or from the next period`,
        description:
          'Refused for an archived tariff (409 `tariff_archived`), another operator’s tariff (409 `tariff_not_applicable`), a blocked ' +
          'line or inactive account (409 `account_not_active`), or when the balance cannot pay (409 `insufficient_funds`); nothing changes then.',
        tags,
        auth: 'customer',
        idempotent: true,
        params: t.params as typeof LineParams,
        body: TariffChangeDto,
        response: TariffChangeResultDto,
        errors: [404, 409],
        handler: (c) => subs.changeTariff(ctx(c), t.ref(c.params), c.body),
      }),
      route<unknown, unknown, LineParams>({
        method: 'delete',
        path: `${t.base}/tariff-change`,
        summary: `Cancel the ${t.name}'s tariff change scheduled for the next period`,
        tags,
        auth: 'customer',
        params: t.params as typeof LineParams,
        status: 204,
        errors: [404, 409],
        handler: (c) => subs.cancelScheduled(ctx(c), t.ref(c.params)),
      }),
      route<unknown, unknown, LineParams>({
        method: 'post',
        path: `${t.base}/${t.block[0]}`,
        summary: t.name === 'line' ? 'Voluntary block of the line (lost phone, travel): free for 90 days, then a daily fee' : 'Suspend the contract voluntarily (holiday)',
        tags,
        auth: 'customer',
        idempotent: true,
        params: t.params as typeof LineParams,
        status: 204,
        errors: [404, 409],
        handler: (c) => subs.block(ctx(c), t.ref(c.params)),
      }),
      route<unknown, unknown, LineParams>({
        method: 'post',
        path: `${t.base}/${t.block[1]}`,
        summary: t.name === 'line' ? 'Lift a voluntary block of the line' : 'Resume a voluntarily suspended contract',
        tags,
        auth: 'customer',
        idempotent: true,
        params: t.params as typeof LineParams,
        status: 204,
        errors: [404, 409],
        handler: (c) => subs.unblock(ctx(c), t.ref(c.params)),
      }),
    );
  }
  routes.push(
    route<OptionActivationDto, unknown, LineParams>({
      method: 'post',
      path: '/accounts/:accountId/lines/:lineId/options',
      summary: 'Turn an option on; its monthly fee is charged once per period',
      tags: ['Mobile lines'],
      auth: 'customer',
      idempotent: true,
      params: LineParams,
      body: OptionActivationDto,
      status: 204,
      errors: [404, 409],
      handler: (c) => subs.activateOption(ctx(c), c.params, c.body.optionId),
    }),
    route<unknown, unknown, LineOptionParams>({
      method: 'delete',
      path: '/accounts/:accountId/lines/:lineId/options/:optionId',
      summary: 'Turn an option off (its packages leave with it; no refund)',
      tags: ['Mobile lines'],
      auth: 'customer',
      params: LineOptionParams,
      status: 204,
      errors: [404, 409],
      handler: (c) => subs.deactivateOption(ctx(c), c.params, c.params.optionId),
    }),
    route<unknown, unknown, AccountParams>({
      method: 'get',
      path: '/accounts/:accountId/contract/devices',
      summary: 'Devices registered on the internet contract',
      tags: ['Home internet'],
      auth: 'customer',
      params: AccountParams,
      page: DeviceViewDto,
      errors: [404],
      handler: (c) => subs.devices(c.auth.customerId, c.params.accountId),
    }),
    route<AddDeviceDto, unknown, AccountParams>({
      method: 'post',
      path: '/accounts/:accountId/contract/devices',
      summary: 'Add a device by MAC address (at most 5)',
      tags: ['Home internet'],
      auth: 'customer',
      idempotent: true,
      params: AccountParams,
      body: AddDeviceDto,
      status: 201,
      response: DeviceViewDto,
      errors: [404, 409],
      handler: (c) => subs.addDevice(ctx(c), c.params.accountId, c.body),
    }),
    route<RenameDeviceDto, unknown, DeviceParams>({
      method: 'patch',
      path: '/accounts/:accountId/contract/devices/:deviceId',
      summary: 'Rename a device',
      tags: ['Home internet'],
      auth: 'customer',
      params: DeviceParams,
      body: RenameDeviceDto,
      response: DeviceViewDto,
      errors: [404],
      handler: (c) => subs.renameDevice(ctx(c), c.params.accountId, c.params.deviceId, c.body.name),
    }),
    route<unknown, unknown, DeviceParams>({
      method: 'delete',
      path: '/accounts/:accountId/contract/devices/:deviceId',
      summary: 'Remove a device',
      tags: ['Home internet'],
      auth: 'customer',
      params: DeviceParams,
      status: 204,
      errors: [404],
      handler: (c) => subs.removeDevice(ctx(c), c.params.accountId, c.params.deviceId),
    }),
  );
  return routes;
}
