import { route, type RouteSpec } from '../../platform/routes';
import { pageLimit } from '../../platform/pagination';
import { normalizePhone } from '../../platform/phone';
import {
  NotificationIdParams,
  NotificationListQuery,
  NotificationPreferencesDto,
  NotificationViewDto,
  OutboxAttachmentParams,
  OutboxMessageDto,
  OutboxQuery,
  PreferencesUpdateDto,
  UnreadCountDto,
} from './dto';
import type { NotificationsService } from './service';

/** The dev inbox: what the system "sent". Mounted only when not in production. */
export function devInboxRoutes(notifications: NotificationsService): RouteSpec[] {
  return [
    route<unknown, OutboxQuery>({
      method: 'get',
      path: '/dev/outbox',
      summary: 'Dev inbox: SMS and e-mails the system sent (not in production)',
      description: 'Newest first. Lets a person or a QA suite read the one-time code the system "sent". Absent (404) in production.',
      tags: ['Dev'],
      auth: 'public',
      query: OutboxQuery,
      page: OutboxMessageDto,
      handler: ({ query }) =>
        notifications.list({
          to: query.to ? (normalizePhone(query.to) ?? query.to.trim().toLowerCase()) : undefined,
          limit: pageLimit(query),
          cursor: query.cursor,
        }),
    }),
    route<unknown, unknown, OutboxAttachmentParams>({
      method: 'get',
      path: '/dev/outbox/:id/attachments/:attachmentId',
      summary: 'Dev inbox: a file attached to an e-mail (not in production)',
      tags: ['Dev'],
      auth: 'public',
      params: OutboxAttachmentParams,
      produces: 'application/octet-stream',
      errors: [404],
      handler: async ({ params, res }) => {
        const a = await notifications.attachment(params.id, params.attachmentId);
        res.status(200);
        res.setHeader('Content-Type', a.contentType);
        res.setHeader('Content-Disposition', `attachment; filename="${a.filename.replace(/[^\w.-]/g, '_')}"`);
        res.end(a.content);
      },
    }),
  ];
}

/** The notification centre and the preferences of the signed-in customer. */
export function notificationCentreRoutes(notifications: NotificationsService): RouteSpec[] {
  return [
    route<unknown, NotificationListQuery>({
      method: 'get',
      path: '/me/notifications',
      summary: 'The notification centre: what the system told me, newest first',
      description: 'Payments, low balance, application and order status, loan reminders, bonus expiry, support replies, security events. `unread=true`: only unread.',
      tags: ['Notifications'],
      auth: 'customer',
      query: NotificationListQuery,
      page: NotificationViewDto,
      handler: ({ auth, query }) => notifications.centre(auth.customerId, { limit: pageLimit(query), cursor: query.cursor, unread: query.unread === 'true' }),
    }),
    route({
      method: 'get',
      path: '/me/notifications/unread-count',
      summary: 'How many notifications I have not read (the badge in the header)',
      tags: ['Notifications'],
      auth: 'customer',
      response: UnreadCountDto,
      handler: async ({ auth }) => ({ count: await notifications.unreadCount(auth.customerId) }),
    }),
    route<unknown, unknown, NotificationIdParams>({
      method: 'post',
      path: '/me/notifications/:id/read',
      summary: 'Mark one notification read',
      tags: ['Notifications'],
      auth: 'customer',
      params: NotificationIdParams,
      status: 204,
      errors: [404],
      handler: async ({ auth, params }) => {
        await notifications.markRead(auth.customerId, params.id);
      },
    }),
    route({
      method: 'post',
      path: '/me/notifications/read-all',
      summary: 'Mark every notification read',
      tags: ['Notifications'],
      auth: 'customer',
      status: 204,
      handler: async ({ auth }) => {
        await notifications.markAllRead(auth.customerId);
      },
    }),
    route({
      method: 'get',
      path: '/me/notification-preferences',
      summary: 'My notification preferences: per event type and channel (sms, email, in_app)',
      description: 'Defaults apply until changed. Security events (`locked`) stay on.',
      tags: ['Notifications'],
      auth: 'customer',
      response: NotificationPreferencesDto,
      handler: async ({ auth }) => ({ items: await notifications.preferences(auth.customerId) }),
    }),
    route<PreferencesUpdateDto>({
      method: 'put',
      path: '/me/notification-preferences',
      summary: 'Switch notifications on or off per event type and channel',
      description: 'Switching a security event off answers 409 `notification_locked` and changes nothing.',
      tags: ['Notifications'],
      auth: 'customer',
      body: PreferencesUpdateDto,
      response: NotificationPreferencesDto,
      errors: [409],
      examples: { body: { changes: [{ type: 'balance.low', channel: 'sms', enabled: false }] } },
      handler: async ({ auth, body }) => ({ items: await notifications.setPreferences(auth.customerId, body.changes) }),
    }),
  ];
}
