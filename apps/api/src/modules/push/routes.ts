import { route, type RouteSpec } from '../../platform/routes';
import { PushConfigDto, PushSubscriptionDto, PushSubscriptionListDto, PushSubscriptionParams, PushSubscriptionViewDto, PushUnsubscribeDto } from './dto';
import type { PushService } from './service';

const TAG = ['Push notifications'];

export function pushRoutes(push: PushService): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/push/config',
      summary: 'Web Push: the VAPID public key for `pushManager.subscribe`, and the events that are pushed',
      description: '`publicKey` is null when push is off on this server.',
      tags: TAG,
      auth: 'public',
      response: PushConfigDto,
      handler: () => push.config(),
    }),
    route<PushSubscriptionDto>({
      method: 'post',
      path: '/me/push-subscriptions',
      summary: 'Web Push: this browser allows notifications (payments credited, support replies)',
      description: 'Send `PushSubscription.toJSON()` (endpoint and keys). Subscribing the same browser again updates it; a browser that another customer subscribed moves to the caller.',
      tags: TAG,
      auth: 'customer',
      body: PushSubscriptionDto,
      status: 201,
      response: PushSubscriptionViewDto,
      errors: [503],
      idempotent: true,
      handler: ({ auth, body, req }) => push.subscribe(auth.customerId, body, req.get('user-agent') ?? null),
    }),
    route({
      method: 'get',
      path: '/me/push-subscriptions',
      summary: 'Web Push: my browsers that receive notifications',
      tags: TAG,
      auth: 'customer',
      response: PushSubscriptionListDto,
      handler: ({ auth }) => push.list(auth.customerId),
    }),
    route<PushUnsubscribeDto>({
      method: 'post',
      path: '/me/push-subscriptions/unsubscribe',
      summary: 'Web Push: this browser stops receiving notifications (by its endpoint)',
      tags: TAG,
      auth: 'customer',
      body: PushUnsubscribeDto,
      status: 204,
      handler: ({ auth, body }) => push.unsubscribeEndpoint(auth.customerId, body.endpoint),
    }),
    route<unknown, unknown, PushSubscriptionParams>({
      method: 'delete',
      path: '/me/push-subscriptions/:id',
      summary: 'Web Push: stop notifications to one of my browsers',
      tags: TAG,
      auth: 'customer',
      params: PushSubscriptionParams,
      status: 204,
      errors: [404],
      handler: ({ auth, params }) => push.unsubscribe(auth.customerId, params.id),
    }),
  ];
}
