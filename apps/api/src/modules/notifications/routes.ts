import { route, type RouteSpec } from '../../platform/routes';
import { pageLimit } from '../../platform/pagination';
import { normalizePhone } from '../../platform/phone';
import { OutboxAttachmentParams, OutboxMessageDto, OutboxQuery } from './dto';
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
