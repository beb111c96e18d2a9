import { pageLimit } from '../../platform/pagination';
import type { RateCounter } from '../../platform/rate-limit';
import { requestMeta } from '../../platform/request-meta';
import { route, type RouteSpec } from '../../platform/routes';
import { ADMIN_TAG, STAFF_TAG } from '../../platform/staff';
import {
  IdParams,
  NewsInputDto,
  NewsItemViewDto,
  NewsletterConfirmDto,
  NewsletterSendDto,
  NewsletterStatusDto,
  NewsletterSubscribeDto,
  NewsListQuery,
  NewsPatchDto,
  PromotionJoinDto,
  PromotionViewDto,
  SlugParams,
  StaffNewsItemViewDto,
  StaffNewsListDto,
  UnsubscribeQuery,
} from './dto';
import type { NewsletterService } from './newsletter';
import type { NewsService } from './service';
import { PageQuery } from '../../platform/pagination';

const ip = (req: Parameters<typeof requestMeta>[0]) => requestMeta(req).ip;

export function newsRoutes(news: NewsService, newsletter: NewsletterService, rate: RateCounter, opts: { formsPerMinute: number }): RouteSpec[] {
  const forms = [rate.middleware({ name: 'newsletter', limit: opts.formsPerMinute, windowMs: 60_000 })];
  return [
    route<unknown, NewsListQuery>({
      method: 'get',
      path: '/news',
      summary: 'News and promotions, newest first (public)',
      description: 'What the clock has published and nobody archived: a scheduled item appears at its time.',
      tags: ['News'],
      auth: 'public',
      query: NewsListQuery,
      page: NewsItemViewDto,
      handler: ({ query }) => news.list({ kind: query.kind, limit: pageLimit(query), cursor: query.cursor }),
    }),
    route<unknown, unknown, SlugParams>({
      method: 'get',
      path: '/news/:slug',
      summary: 'One news item or promotion (public)',
      tags: ['News'],
      auth: 'public',
      params: SlugParams,
      response: NewsItemViewDto,
      errors: [404],
      handler: ({ params }) => news.get(params.slug),
    }),
    route<unknown, unknown, SlugParams>({
      method: 'get',
      path: '/news/:slug/image',
      summary: 'The picture of a news item (public)',
      tags: ['News'],
      auth: 'public',
      params: SlugParams,
      produces: 'image/*',
      errors: [404],
      handler: async ({ params, res }) => {
        const img = await news.image(params.slug);
        res.status(200);
        res.setHeader('Content-Type', img.contentType);
        res.setHeader('Cache-Control', 'public, max-age=86400');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.end(img.content);
      },
    }),
    route<unknown, PageQuery>({
      method: 'get',
      path: '/me/promotions',
      summary: 'Promotions open to me, with whether I joined',
      tags: ['News'],
      auth: 'customer',
      query: PageQuery,
      page: PromotionViewDto,
      handler: ({ auth, query }) => news.promotions(auth.customerId, { limit: pageLimit(query), cursor: query.cursor }),
    }),
    route<unknown, unknown, IdParams>({
      method: 'post',
      path: '/me/promotions/:id/join',
      summary: 'Join a promotion (once; joining again answers the first date)',
      tags: ['News'],
      auth: 'customer',
      params: IdParams,
      response: PromotionJoinDto,
      errors: [404, 409],
      handler: ({ auth, params }) => news.join(auth.customerId, params.id),
    }),
    route<NewsletterSubscribeDto>({
      method: 'post',
      path: '/newsletter/subscriptions',
      summary: 'Subscribe an e-mail to the newsletter (sends a confirmation link: double opt-in)',
      description: 'Answers 202 the same whether the address was new, pending or already subscribed.',
      tags: ['Newsletter'],
      auth: 'public',
      body: NewsletterSubscribeDto,
      status: 202,
      response: NewsletterStatusDto,
      middleware: forms,
      handler: ({ body }) => newsletter.subscribe(body.email),
    }),
    route<NewsletterConfirmDto>({
      method: 'post',
      path: '/newsletter/confirm',
      summary: 'Confirm a subscription with the token from the e-mail',
      tags: ['Newsletter'],
      auth: 'public',
      body: NewsletterConfirmDto,
      response: NewsletterStatusDto,
      middleware: forms,
      errors: [400],
      handler: ({ body }) => newsletter.confirm(body.token),
    }),
    route<unknown, UnsubscribeQuery>({
      method: 'post',
      path: '/newsletter/unsubscribe',
      summary: 'One-click unsubscribe (RFC 8058): the signed link from the e-mail, no sign-in',
      description:
        'The address and its token are in the query (the `List-Unsubscribe` URL). Mail clients POST `List-Unsubscribe=One-Click` as a form; the SPA POSTs without a body. A token signed for another address: 400.',
      tags: ['Newsletter'],
      auth: 'public',
      query: UnsubscribeQuery,
      response: NewsletterStatusDto,
      errors: [400],
      handler: ({ query }) => newsletter.unsubscribe(query.email, query.token),
    }),
    // The back office.
    route<unknown, NewsListQuery>({
      method: 'get',
      path: '/backoffice/news',
      summary: 'Every news item and promotion: drafts, scheduled, published, archived',
      tags: [STAFF_TAG],
      auth: 'staff',
      query: NewsListQuery,
      response: StaffNewsListDto,
      handler: async ({ query }) => ({ items: await news.staffList({ kind: query.kind }) }),
    }),
    route<unknown, unknown, IdParams>({
      method: 'get',
      path: '/backoffice/news/:id',
      summary: 'One news item, as staff see it',
      tags: [STAFF_TAG],
      auth: 'staff',
      params: IdParams,
      response: StaffNewsItemViewDto,
      errors: [404],
      handler: ({ params }) => news.staffGet(params.id),
    }),
    route<NewsInputDto>({
      method: 'post',
      path: '/backoffice/news',
      summary: 'Write a news item or promotion (publish now, schedule with a future publishedAt, or keep a draft)',
      tags: [ADMIN_TAG],
      auth: 'staff',
      body: NewsInputDto,
      status: 201,
      response: StaffNewsItemViewDto,
      idempotent: true,
      errors: [409],
      handler: ({ auth, body, req }) => news.create(auth, body, ip(req)),
    }),
    route<NewsPatchDto, unknown, IdParams>({
      method: 'patch',
      path: '/backoffice/news/:id',
      summary: 'Edit, publish or reschedule a news item',
      tags: [ADMIN_TAG],
      auth: 'staff',
      params: IdParams,
      body: NewsPatchDto,
      response: StaffNewsItemViewDto,
      errors: [404, 409],
      handler: ({ auth, params, body, req }) => news.update(auth, params.id, body, ip(req)),
    }),
    route<unknown, unknown, IdParams>({
      method: 'post',
      path: '/backoffice/news/:id/archive',
      summary: 'Archive a news item (it leaves the public pages)',
      tags: [ADMIN_TAG],
      auth: 'staff',
      params: IdParams,
      response: StaffNewsItemViewDto,
      errors: [404],
      handler: ({ auth, params, req }) => news.archive(auth, params.id, ip(req)),
    }),
    route<unknown, unknown, IdParams>({
      method: 'post',
      path: '/backoffice/news/:id/newsletter',
      summary: 'Send a published item to every confirmed newsletter subscriber',
      tags: [ADMIN_TAG],
      auth: 'staff',
      params: IdParams,
      response: NewsletterSendDto,
      idempotent: true,
      errors: [404],
      handler: ({ auth, params, req }) => newsletter.send(auth, params.id, ip(req)),
    }),
  ];
}
