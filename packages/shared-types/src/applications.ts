import type { CaptchaAnswer } from './auth';
import type { Money } from './common';

/**
 * Becoming a customer (issue 7): public connection applications (mobile, home internet) and callback
 * requests. Staff work them in the back office; the applicant follows the status by number + phone.
 */
export const ApplicationKinds = ['mobile', 'internet', 'callback'] as const;
export type ApplicationKind = (typeof ApplicationKinds)[number];

/** The life of an application or an order. `done` and `rejected` (and `canceled`, orders only) are final. */
export const RequestStatuses = ['new', 'in_progress', 'waiting_for_customer', 'done', 'rejected'] as const;
export type RequestStatus = (typeof RequestStatuses)[number];

/** What staff may set by hand (`done` of a connection comes from processing it). */
export const StatusChanges = ['in_progress', 'waiting_for_customer', 'done', 'rejected'] as const;
export type StatusChange = (typeof StatusChanges)[number];

/** Topics of a callback request (as the ISP's online consultant asks). */
export const CallbackTopics = ['connection', 'tariffs', 'billing', 'technical', 'other'] as const;
export type CallbackTopic = (typeof CallbackTopics)[number];

export const ApplicationLimits = {
  /** Applications (and, separately, callback requests) one phone may open in 24 hours. */
  perPhonePerDay: 3,
  /** Public submissions from one address per hour without a captcha; after that each one needs it. */
  freePerIpPerHour: 1,
  /** Public form submissions per address per minute (429 after). */
  perIpPerMinute: 10,
  /** Status look-ups per address per minute. */
  trackPerIpPerMinute: 30,
  nameMaxLength: 100,
  addressMaxLength: 300,
  commentMaxLength: 1000,
  reasonMaxLength: 500,
} as const;

export interface InternetAddress {
  street: string;
  house: string;
  building?: string | null;
  flat?: string | null;
}

/** POST /api/v1/applications/mobile — a connection application for a mobile tariff. */
export interface MobileApplicationRequest {
  /** How to address the person (or the contact person of a company). */
  name: string;
  /** For a company: its name. */
  companyName?: string;
  /** A contact phone, as typed. */
  phone: string;
  email?: string;
  /** Where to bring the SIM card (optional). */
  address?: string;
  tariffId: string;
  /** A number from the beautiful-number catalog: reserved for the application. */
  numberId?: string;
  /** Consent to the terms and to the processing of personal data: must be true. */
  consent: boolean;
  /** Needed after the first application from an address in an hour (428 `captcha_required` otherwise). */
  captcha?: CaptchaAnswer;
}

/** POST /api/v1/applications/internet */
export interface InternetApplicationRequest {
  /** Surname, name and patronymic. */
  fullName: string;
  phone: string;
  email?: string;
  address: InternetAddress;
  tariffId: string;
  consent: boolean;
  captcha?: CaptchaAnswer;
}

/** POST /api/v1/callback-requests */
export interface CallbackRequestRequest {
  phone: string;
  name?: string;
  topic: CallbackTopic;
  comment?: string;
  captcha?: CaptchaAnswer;
}

export interface StatusEventView {
  status: RequestStatus | 'canceled';
  at: string;
  /** Why it was rejected, or a note staff left for the applicant. */
  reason: string | null;
}

/**
 * What the applicant sees (201 of the public forms, and GET /applications/status?number=&phone=):
 * no personal data beyond what they typed themselves.
 */
export interface ApplicationStatusView {
  /** The tracking number, e.g. `A-100001`. */
  number: string;
  kind: ApplicationKind;
  status: RequestStatus;
  /** The reason of a rejection, or the last note to the applicant. */
  reason: string | null;
  tariff: { id: string; name: string } | null;
  /** The beautiful number chosen, if any. */
  chosenNumber: string | null;
  createdAt: string;
  updatedAt: string;
  /** Every status with its time, oldest first. */
  history: StatusEventView[];
}

/** GET /api/v1/applications/status */
export interface ApplicationTrackQuery {
  number: string;
  phone: string;
}

/** A status change as staff see it: who made it. */
export interface StaffStatusEventView extends StatusEventView {
  actor: { id: string; name: string } | null;
}

/** An application in the back office. */
export interface ApplicationView {
  id: string;
  number: string;
  kind: ApplicationKind;
  status: RequestStatus;
  reason: string | null;
  name: string;
  companyName: string | null;
  phone: string;
  email: string | null;
  /** Mobile: delivery address (free text); internet: the address composed from its parts. */
  address: string | null;
  internetAddress: InternetAddress | null;
  topic: CallbackTopic | null;
  comment: string | null;
  tariff: { id: string; name: string; provider: string; monthlyFee: Money } | null;
  chosenNumber: { id: string; msisdn: string; operator: string; price: Money } | null;
  /** A customer with the applicant's phone, if one exists (processing attaches to them). */
  existingCustomerId: string | null;
  /** Set once processed. */
  result: ApplicationResultView | null;
  createdAt: string;
  updatedAt: string;
  history: StaffStatusEventView[];
}

export interface ApplicationResultView {
  customerId: string;
  accountId: string;
  lineId: string | null;
  contractId: string | null;
  /** What the customer signs in with: the phone, or the contract number. */
  login: string;
  /** A new customer was created (false: attached to the existing one). */
  newCustomer: boolean;
}

/** GET /api/v1/backoffice/applications */
export interface ApplicationsQueueQuery {
  kind?: ApplicationKind;
  /** One status, or `open` (new, in_progress, waiting_for_customer). */
  status?: RequestStatus | 'open';
  /** Tracking number, phone, or a part of the name. */
  q?: string;
  limit?: number;
  cursor?: string;
}

/** POST /api/v1/backoffice/applications/:id/status */
export interface StatusChangeRequest {
  status: StatusChange;
  /** Required with `rejected`; otherwise an optional note the applicant sees. */
  reason?: string;
}

/** Who the new customer is, as staff checked it against the passport. */
export interface CustomerNameInput {
  surname: string;
  name: string;
  patronymic?: string;
}

/**
 * POST /api/v1/backoffice/applications/:id/process — mobile: a number (the chosen beautiful one, a
 * given one from free stock, or the first free one of the tariff's operator) and a SIM card (ICCID);
 * internet: the contract. `customer` is required unless a customer with the applicant's phone exists.
 */
export interface ProcessApplicationRequest {
  customer?: CustomerNameInput;
  /** Mobile: the SIM card's ICCID (19–20 digits starting with 89). */
  iccid?: string;
  /** Mobile: a free number from stock (default: the chosen beautiful number, else the first free one). */
  numberId?: string;
}
