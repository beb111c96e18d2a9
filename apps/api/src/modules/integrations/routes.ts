import { pageLimit } from '../../platform/pagination';
import { route, type IntegratorContext, type RouteSpec } from '../../platform/routes';
import { UsageBatchDto, UsageResultDto, parseUsageBatch } from './dto';
import {
  CreateWebhookEndpointDto,
  DeliveriesQuery,
  DeliveryParams,
  EndpointParams,
  IntegratorMeDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryDto,
  WebhookEndpointListDto,
  WebhookEndpointViewDto,
  WebhookEndpointWithSecretDto,
  WebhookEventTypesDto,
} from './management-dto';
import type { UsageService } from './usage';
import { AppError } from '../../platform/errors';
import { WebhookEventTypes } from '@cabinet/shared-types';
import type { WebhooksService } from './webhooks/service';

const WEBHOOK_EXAMPLE = {
  id: '9d2f6c1e-3b7a-4c55-9e61-0f3a2b1c4d5e',
  partnerId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  url: 'https://crm.partner.example/hooks/cabinet',
  description: 'CRM',
  events: ['payment.succeeded', 'payment.canceled'],
  status: 'active',
  disabledReason: null,
  failingSince: null,
  previousSecretExpiresAt: null,
  createdAt: '2026-11-22T09:00:00.000Z',
};

/** The partner behind the key; a key without one cannot own webhook endpoints. */
function partnerOf(i: IntegratorContext): string {
  if (!i.partnerId) throw new AppError('forbidden', 403, 'This API key belongs to no partner; ask the provider for a partner key to manage webhooks.');
  return i.partnerId;
}
const by = (i: IntegratorContext) => ({ kind: 'integrator' as const, apiKeyId: i.apiKeyId });

export function integrationRoutes(usage: UsageService, webhooks: WebhooksService): RouteSpec[] {
  const tags = ['Integrations'];
  const hooks = ['Webhooks'];
  return [
    route<UsageBatchDto>({
      method: 'post',
      path: '/integrations/usage',
      summary: 'Post usage records of mobile lines (CDR), up to 1000 per batch',
      description:
        'Each record decrements the line’s package for the period; usage past the package is charged per unit by the tariff. ' +
        'Idempotent by record id: a replayed batch counts once (`duplicates`). Unknown lines are listed in `rejected`; the rest are counted. ' +
        'A line whose balance cannot cover its overage is blocked for debt.',
      tags,
      auth: 'integrator',
      idempotent: true,
      scopes: ['usage:write'],
      body: UsageBatchDto,
      parseBody: parseUsageBatch,
      response: UsageResultDto,
      examples: {
        body: { records: [{ id: 'cdr-2026-11-22-000123', msisdn: '+79210000001', type: 'minutes', quantity: 3, occurredAt: '2026-11-22T08:00:00Z' }] },
        response: { accepted: 1, duplicates: 0, rejected: [], charged: { amount: 0, currency: 'RUB' } },
      },
      handler: ({ integrator, body }) => usage.ingest(integrator, body.records),
    }),
    route({
      method: 'get',
      path: '/integrations/me',
      summary: 'The API key making this call: its name, scopes and partner (a connection check)',
      tags,
      auth: 'integrator',
      scopes: [],
      response: IntegratorMeDto,
      examples: { response: { apiKeyId: '5b1f…', name: 'CRM', scopes: ['webhooks:manage'], partnerId: '1a2b…' } },
      handler: ({ integrator }) => ({ apiKeyId: integrator.apiKeyId, name: integrator.name, scopes: integrator.scopes, partnerId: integrator.partnerId ?? null }),
    }),
    route({
      method: 'get',
      path: '/integrations/webhooks/event-types',
      summary: 'The event types an endpoint can subscribe to',
      tags: hooks,
      auth: 'public',
      response: WebhookEventTypesDto,
      handler: () => ({ items: [...WebhookEventTypes] }),
    }),
    route({
      method: 'get',
      path: '/integrations/webhooks',
      summary: 'Your webhook endpoints',
      tags: hooks,
      auth: 'integrator',
      scopes: ['webhooks:manage'],
      response: WebhookEndpointListDto,
      handler: async ({ integrator }) => ({ items: await webhooks.list(partnerOf(integrator)) }),
    }),
    route<CreateWebhookEndpointDto>({
      method: 'post',
      path: '/integrations/webhooks',
      summary: 'Register a webhook endpoint and choose its events; the answer carries the signing secret, once',
      description:
        'Deliveries follow Standard Webhooks: headers `webhook-id` (the same on every retry: drop duplicates by it), `webhook-timestamp` (unix seconds) and ' +
        '`webhook-signature` = `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` keyed with the base64 part of the `whsec_` secret. ' +
        'Answer 2xx within 10 s; anything else is retried with exponential backoff for 24 hours. An endpoint failing for 3 days is disabled and your contact e-mail told.',
      tags: hooks,
      auth: 'integrator',
      scopes: ['webhooks:manage'],
      idempotent: true,
      body: CreateWebhookEndpointDto,
      status: 201,
      response: WebhookEndpointWithSecretDto,
      errors: [409],
      examples: {
        body: { url: 'https://crm.partner.example/hooks/cabinet', events: ['payment.succeeded', 'payment.canceled'], description: 'CRM' },
        response: { ...WEBHOOK_EXAMPLE, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
      },
      handler: ({ integrator, body }) => webhooks.create(partnerOf(integrator), body, by(integrator)),
    }),
    route<unknown, unknown, EndpointParams>({
      method: 'get',
      path: '/integrations/webhooks/:id',
      summary: 'One of your webhook endpoints',
      tags: hooks,
      auth: 'integrator',
      scopes: ['webhooks:manage'],
      params: EndpointParams,
      response: WebhookEndpointViewDto,
      errors: [404],
      examples: { response: WEBHOOK_EXAMPLE },
      handler: ({ integrator, params }) => webhooks.get(partnerOf(integrator), params.id),
    }),
    route<UpdateWebhookEndpointDto, unknown, EndpointParams>({
      method: 'patch',
      path: '/integrations/webhooks/:id',
      summary: 'Change the URL or events of an endpoint, or turn it off and on',
      tags: hooks,
      auth: 'integrator',
      scopes: ['webhooks:manage'],
      params: EndpointParams,
      body: UpdateWebhookEndpointDto,
      response: WebhookEndpointViewDto,
      errors: [404],
      examples: { body: { status: 'active' } },
      handler: ({ integrator, params, body }) => webhooks.update(partnerOf(integrator), params.id, body, by(integrator)),
    }),
    route<unknown, unknown, EndpointParams>({
      method: 'delete',
      path: '/integrations/webhooks/:id',
      summary: 'Delete an endpoint and its delivery log',
      tags: hooks,
      auth: 'integrator',
      scopes: ['webhooks:manage'],
      params: EndpointParams,
      status: 204,
      errors: [404],
      handler: ({ integrator, params }) => webhooks.remove(partnerOf(integrator), params.id, by(integrator)),
    }),
    route<unknown, unknown, EndpointParams>({
      method: 'post',
      path: '/integrations/webhooks/:id/rotate-secret',
      summary: 'A new signing secret (shown once); the old one keeps signing beside it for 24 hours',
      tags: hooks,
      auth: 'integrator',
      scopes: ['webhooks:manage'],
      idempotent: true,
      params: EndpointParams,
      response: WebhookEndpointWithSecretDto,
      errors: [404],
      handler: ({ integrator, params }) => webhooks.rotateSecret(partnerOf(integrator), params.id, by(integrator)),
    }),
    route<unknown, DeliveriesQuery, EndpointParams>({
      method: 'get',
      path: '/integrations/webhooks/:id/deliveries',
      summary: 'The delivery log of an endpoint: each event, its status and its attempts, newest first',
      tags: hooks,
      auth: 'integrator',
      scopes: ['webhooks:manage'],
      params: EndpointParams,
      query: DeliveriesQuery,
      page: WebhookDeliveryDto,
      errors: [404],
      handler: ({ integrator, params, query }) => webhooks.deliveries(partnerOf(integrator), params.id, { limit: pageLimit(query), cursor: query.cursor, status: query.status }),
    }),
    route<unknown, unknown, DeliveryParams>({
      method: 'post',
      path: '/integrations/webhooks/:id/deliveries/:deliveryId/redeliver',
      summary: 'Send a delivery again now (same `webhook-id`); answers the delivery with the new attempt',
      tags: hooks,
      auth: 'integrator',
      scopes: ['webhooks:manage'],
      idempotent: true,
      params: DeliveryParams,
      response: WebhookDeliveryDto,
      errors: [404],
      handler: ({ integrator, params }) => webhooks.redeliver(partnerOf(integrator), params.id, params.deliveryId, by(integrator)),
    }),
  ];
}
