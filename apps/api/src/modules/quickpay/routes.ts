import { QuickPayLimits } from '@cabinet/shared-types';
import type { RateCounter } from '../../platform/rate-limit';
import { requestMeta } from '../../platform/request-meta';
import { route, type RouteSpec } from '../../platform/routes';
import { PaymentViewDto } from '../payments';
import { PayRecipientDto, PayRecipientViewDto, QuickPayDto, QuickPayParams, QuickPayViewDto, RecipientQuery, TopUpOtherDto } from './dto';
import type { QuickPayService } from './service';

const CAPTCHA_NOTE =
  `The first ${QuickPayLimits.freePerIpPerHour} look-ups and payments from an address in an hour need no captcha; later ones answer 428 \`captcha_required\` ` +
  `with a picture — send its \`captcha\` answer. At most ${QuickPayLimits.perIpPerMinute} a minute per address (429).`;

export function quickPayRoutes(quickpay: QuickPayService, rate: RateCounter): RouteSpec[] {
  const limit = [rate.middleware({ name: 'quickpay', limit: QuickPayLimits.perIpPerMinute, windowMs: 60_000 })];
  const tags = ['Pay without signing in'];
  return [
    route<PayRecipientDto>({
      method: 'post',
      path: '/pay/recipient',
      summary: 'Whom a number belongs to (public): the owner’s masked name («Иван П.»), never the balance',
      description: `A phone number of a line or an internet contract number; 404 \`recipient_not_found\` when no open account has it. ${CAPTCHA_NOTE}`,
      tags,
      auth: 'public',
      body: PayRecipientDto,
      response: PayRecipientViewDto,
      middleware: limit,
      errors: [404, 428],
      handler: ({ body, req }) => quickpay.lookup(body, requestMeta(req).ip),
    }),
    route<QuickPayDto>({
      method: 'post',
      path: '/pay',
      summary: 'Top up a number without signing in (public): by card (the acquirer’s page) or SBP',
      description:
        'Requires `Idempotency-Key`: a retry with the same key answers the first response and never pays twice. The payment starts `pending`; ' +
        'follow `confirmation`, then poll GET /pay/{id}. The owner sees it in the history as a payment by a third party. ' +
        CAPTCHA_NOTE,
      tags,
      auth: 'public',
      body: QuickPayDto,
      status: 201,
      response: QuickPayViewDto,
      idempotent: 'required',
      middleware: limit,
      errors: [404, 428, 503],
      handler: ({ body, req }) => quickpay.pay(body, requestMeta(req).ip),
    }),
    route<unknown, unknown, QuickPayParams>({
      method: 'get',
      path: '/pay/:id',
      summary: 'A payment made without signing in (public, by its id): status and the masked recipient; while pending, asks the acquirer',
      tags,
      auth: 'public',
      params: QuickPayParams,
      response: QuickPayViewDto,
      middleware: [rate.middleware({ name: 'quickpay-status', limit: 60, windowMs: 60_000 })],
      errors: [404],
      handler: ({ params }) => quickpay.status(params.id),
    }),
    route<unknown, RecipientQuery>({
      method: 'get',
      path: '/payments/recipient',
      summary: 'Whom a number belongs to, before topping it up from the cabinet: the masked name only',
      tags: ['Payments'],
      auth: 'customer',
      query: RecipientQuery,
      response: PayRecipientViewDto,
      middleware: [rate.middleware({ name: 'recipient-lookup', limit: QuickPayLimits.signedInLookupsPerMinute, windowMs: 60_000 })],
      errors: [404],
      handler: ({ query }) => quickpay.lookupSignedIn(query.number),
    }),
    route<TopUpOtherDto>({
      method: 'post',
      path: '/payments/other',
      summary: 'Top up another number (a relative’s phone, a friend’s contract) by card, saved card or SBP',
      description:
        'Requires `Idempotency-Key`. The recipient is shown only by a masked name (GET /payments/recipient); the owner sees a payment by a third party. ' +
        'The payment appears in your GET /payments.',
      tags: ['Payments'],
      auth: 'customer',
      body: TopUpOtherDto,
      status: 201,
      response: PaymentViewDto,
      idempotent: 'required',
      errors: [404, 503],
      handler: ({ auth, body }) => quickpay.payOther(auth.customerId, body),
    }),
  ];
}
