import { AuditEntry } from '../modules/audit/entities/audit-entry.entity';
import { CaptchaChallengeRow } from '../modules/auth/entities/captcha-challenge.entity';
import { LoginAttempt } from '../modules/auth/entities/login-attempt.entity';
import { Session } from '../modules/auth/entities/session.entity';
import { Customer } from '../modules/customers/entities/customer.entity';
import { OutboxMessage } from '../modules/notifications/entities/outbox-message.entity';
import { OneTimeCode } from '../platform/otp/one-time-code.entity';

/** Every entity the data source knows. */
export const entities = [Customer, Session, LoginAttempt, CaptchaChallengeRow, OneTimeCode, OutboxMessage, AuditEntry];
