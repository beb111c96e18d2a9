import { pageLimit } from '../../platform/pagination';
import { requestMeta } from '../../platform/request-meta';
import { route, type RouteSpec } from '../../platform/routes';
import { ConfirmPhoneChangeDto, PhoneChangeListQuery, PhoneChangeParams, PhoneChangeRequestViewDto, RejectPhoneChangeDto } from './dto';
import type { PhoneChangeReviewService } from './phone-change-review';

/** The back office's queue of phone changes waiting for the identity check (staff only, every decision audited). */
export function phoneChangeReviewRoutes(review: PhoneChangeReviewService): RouteSpec[] {
  return [
    route<unknown, PhoneChangeListQuery>({
      method: 'get',
      path: '/backoffice/phone-changes',
      summary: 'Phone changes waiting for an operator (oldest first); `status` for decided ones',
      tags: ['Back office'],
      auth: 'staff',
      query: PhoneChangeListQuery,
      page: PhoneChangeRequestViewDto,
      handler: ({ query }) => review.list({ status: query.status, limit: pageLimit(query), cursor: query.cursor }),
    }),
    route<unknown, unknown, PhoneChangeParams>({
      method: 'get',
      path: '/backoffice/phone-changes/:id',
      summary: 'One phone change',
      tags: ['Back office'],
      auth: 'staff',
      params: PhoneChangeParams,
      response: PhoneChangeRequestViewDto,
      errors: [404],
      handler: ({ params }) => review.get(params.id),
    }),
    route<ConfirmPhoneChangeDto, unknown, PhoneChangeParams>({
      method: 'post',
      path: '/backoffice/phone-changes/:id/confirm',
      idempotent: true,
      summary: 'Confirm after the identity check: the passport series and number the person gave must match the data on file',
      description: 'A mismatch answers 409 `identity_mismatch`, changes nothing and is audited. A match switches the login to the new phone and tells both phones by SMS.',
      tags: ['Back office'],
      auth: 'staff',
      params: PhoneChangeParams,
      body: ConfirmPhoneChangeDto,
      response: PhoneChangeRequestViewDto,
      errors: [404, 409],
      handler: ({ auth, params, body, req }) => review.confirm(auth, params.id, body, requestMeta(req)),
    }),
    route<RejectPhoneChangeDto, unknown, PhoneChangeParams>({
      method: 'post',
      path: '/backoffice/phone-changes/:id/reject',
      idempotent: true,
      summary: 'Reject a phone change (the old phone keeps signing in and is told why)',
      tags: ['Back office'],
      auth: 'staff',
      params: PhoneChangeParams,
      body: RejectPhoneChangeDto,
      response: PhoneChangeRequestViewDto,
      errors: [404, 409],
      handler: ({ auth, params, body, req }) => review.reject(auth, params.id, body.reason, requestMeta(req)),
    }),
  ];
}
