export const CustomerRoles = ['subscriber', 'operator', 'admin'] as const;
export type CustomerRole = (typeof CustomerRoles)[number];

export const CustomerStatuses = ['active', 'blocked'] as const;
export type CustomerStatus = (typeof CustomerStatuses)[number];

export const Genders = ['male', 'female'] as const;
export type Gender = (typeof Genders)[number];

/** GET /api/v1/me */
export interface CustomerView {
  id: string;
  /** E.164, e.g. `+79210000001`. */
  phone: string;
  contractNumber: string | null;
  surname: string;
  name: string;
  patronymic: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  gender: Gender | null;
  email: string | null;
  status: CustomerStatus;
  role: CustomerRole;
  mustChangePassword: boolean;
  createdAt: string;
  /**
   * A phone change waiting for an operator's confirmation (borrowers: the passport data is checked first).
   * Until it is confirmed the new phone cannot sign in; absent or null when none is waiting.
   */
  pendingPhone?: string | null;
}

/** POST /api/v1/me/password */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
  /** End every other session of this customer (default false). */
  endOtherSessions?: boolean;
}

export interface ChangePasswordResponse {
  endedSessions: number;
}

/** One signed-in device. GET /api/v1/me/sessions */
export interface SessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

/** POST /api/v1/me/phone — step 1: password again + new phone; a code goes to the new phone. */
export interface PhoneChangeRequest {
  password: string;
  phone: string;
}

export interface PhoneChangeStartedResponse {
  /** The new phone, normalised to E.164. */
  phone: string;
  resendAfter: number;
  codeTtl: number;
}

/** POST /api/v1/me/phone/confirm — step 2. */
export interface PhoneChangeConfirmRequest {
  code: string;
}

/** PUT /api/v1/me/email — password again + new e-mail (or null to remove). */
export interface EmailChangeRequest {
  password: string;
  email: string | null;
}
