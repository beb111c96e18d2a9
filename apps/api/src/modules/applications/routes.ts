import type { RateCounter } from '../../platform/rate-limit';
import { pageLimit } from '../../platform/pagination';
import { requestMeta } from '../../platform/request-meta';
import { route, type RouteSpec } from '../../platform/routes';
import { STAFF_TAG } from '../../platform/staff';
import { ApplicationLimits } from '@cabinet/shared-types';
import {
  ApplicationIdParams,
  ApplicationStatusViewDto,
  ApplicationsQueueQueryDto,
  ApplicationViewDto,
  CallbackRequestDto,
  InternetApplicationDto,
  MobileApplicationDto,
  ProcessApplicationDto,
  StatusChangeDto,
  TrackQueryDto,
} from './dto';
import type { ApplicationsService } from './service';

const CAPTCHA_NOTE =
  'The first submission from an address in an hour needs no captcha; later ones answer 428 `captcha_required` with a picture — send its `captcha` answer. ' +
  `One phone opens at most ${ApplicationLimits.perPhonePerDay} a day (429 \`application_limit_reached\`).`;

export function applicationRoutes(applications: ApplicationsService, rate: RateCounter): RouteSpec[] {
  const forms = [rate.middleware({ name: 'public-forms', limit: ApplicationLimits.perIpPerMinute, windowMs: 60_000 })];
  return [
    route<MobileApplicationDto>({
      method: 'post',
      path: '/applications/mobile',
      summary: 'Apply for a mobile tariff (public): name or company, contact phone, tariff, optionally a beautiful number',
      description: `Answers 201 with the tracking number (\`A-100001\`); an SMS confirms it. A chosen number is reserved for the application. ${CAPTCHA_NOTE}`,
      tags: ['Applications'],
      auth: 'public',
      body: MobileApplicationDto,
      status: 201,
      response: ApplicationStatusViewDto,
      middleware: forms,
      errors: [404, 409, 428],
      handler: ({ body, req }) => applications.submitMobile(body, requestMeta(req)),
    }),
    route<InternetApplicationDto>({
      method: 'post',
      path: '/applications/internet',
      summary: 'Apply for home internet (public): address (street, house, building, flat), full name, phone, tariff',
      description: `Answers 201 with the tracking number. ${CAPTCHA_NOTE}`,
      tags: ['Applications'],
      auth: 'public',
      body: InternetApplicationDto,
      status: 201,
      response: ApplicationStatusViewDto,
      middleware: forms,
      errors: [409, 428],
      handler: ({ body, req }) => applications.submitInternet(body, requestMeta(req)),
    }),
    route<CallbackRequestDto>({
      method: 'post',
      path: '/callback-requests',
      summary: 'Ask for a call back (public): phone and topic; staff see it in a queue',
      description: `Answers 201 with the tracking number. ${CAPTCHA_NOTE}`,
      tags: ['Applications'],
      auth: 'public',
      body: CallbackRequestDto,
      status: 201,
      response: ApplicationStatusViewDto,
      middleware: forms,
      errors: [428],
      handler: ({ body, req }) => applications.submitCallback(body, requestMeta(req)),
    }),
    route<unknown, TrackQueryDto>({
      method: 'get',
      path: '/applications/status',
      summary: 'Where an application stands (public): by tracking number and the phone it was made with',
      description: 'Both must match, else 404. Shows every status with its time and the reason of a rejection.',
      tags: ['Applications'],
      auth: 'public',
      query: TrackQueryDto,
      response: ApplicationStatusViewDto,
      middleware: [rate.middleware({ name: 'application-track', limit: ApplicationLimits.trackPerIpPerMinute, windowMs: 60_000 })],
      errors: [404],
      handler: ({ query }) => applications.track(query.number, query.phone),
    }),

    route<unknown, ApplicationsQueueQueryDto>({
      method: 'get',
      path: '/backoffice/applications',
      summary: 'Queue of applications (staff): filter by kind and status, search by number, phone or name; newest first',
      tags: [STAFF_TAG],
      auth: 'staff',
      query: ApplicationsQueueQueryDto,
      page: ApplicationViewDto,
      handler: ({ query }) => applications.queue({ ...query, limit: pageLimit(query) }),
    }),
    route<unknown, unknown, ApplicationIdParams>({
      method: 'get',
      path: '/backoffice/applications/:id',
      summary: 'One application with its history (staff)',
      tags: [STAFF_TAG],
      auth: 'staff',
      params: ApplicationIdParams,
      response: ApplicationViewDto,
      errors: [404],
      handler: ({ params }) => applications.get(params.id),
    }),
    route<StatusChangeDto, unknown, ApplicationIdParams>({
      method: 'post',
      path: '/backoffice/applications/:id/status',
      summary: 'Change the status (staff): in_progress, waiting_for_customer, rejected (with a reason), done (callbacks)',
      description: 'Each change is timestamped, shown to the applicant, sent to them by SMS (and e-mail), and written to the audit log.',
      tags: [STAFF_TAG],
      auth: 'staff',
      params: ApplicationIdParams,
      body: StatusChangeDto,
      response: ApplicationViewDto,
      errors: [404, 409],
      handler: ({ auth, params, body, req }) => applications.changeStatus(auth, params.id, body, requestMeta(req).ip),
    }),
    route<ProcessApplicationDto, unknown, ApplicationIdParams>({
      method: 'post',
      path: '/backoffice/applications/:id/process',
      summary: 'Process a connection application (staff): customer, account and line (SIM + number) or contract; first-login SMS',
      description:
        'Mobile: `iccid` of the SIM card and a number (the chosen beautiful one, `numberId` from free stock, or the first free one of the operator). ' +
        'Internet: a contract whose number becomes the login. A customer with the applicant’s phone is attached to; otherwise one is created from `customer` ' +
        'with an issued password (mobile: the last 4 digits of the ICCID) that must be changed at the first sign-in.',
      tags: [STAFF_TAG],
      auth: 'staff',
      params: ApplicationIdParams,
      body: ProcessApplicationDto,
      response: ApplicationViewDto,
      idempotent: true,
      errors: [404, 409],
      handler: ({ auth, params, body, req }) => applications.process(auth, params.id, body, requestMeta(req).ip),
    }),
  ];
}
