import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Clock } from '../../platform/clock';
import { AuditEntry } from './entities/audit-entry.entity';

export type AuditAction =
  | 'login_succeeded'
  | 'login_failed'
  | 'login_locked'
  | 'logout'
  | 'password_changed'
  | 'password_reset_requested'
  | 'password_reset'
  | 'session_revoked'
  | 'refresh_token_reused'
  | 'phone_change_requested'
  | 'phone_changed'
  | 'email_changed'
  | 'grant_created'
  | 'grant_revoked'
  | 'tariff_changed'
  | 'tariff_change_scheduled'
  | 'tariff_change_canceled'
  | 'option_activated'
  | 'option_deactivated'
  | 'line_blocked'
  | 'line_unblocked'
  | 'contract_resumed'
  | 'card_saved'
  | 'card_deleted'
  | 'autopay_changed'
  | 'promised_payment_opened'
  | 'deferred_payment_taken'
  | 'phone_change_review_requested'
  | 'phone_change_identity_mismatch'
  | 'phone_change_rejected'
  | 'loan_registered'
  | 'loan_application_viewed'
  | 'loan_application_approved'
  | 'loan_application_rejected';

export interface AuditInput {
  action: AuditAction;
  customerId?: string | null;
  actorId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Security events and staff actions. Written in the caller's transaction, so it commits with the change it records. */
export class AuditService {
  constructor(private readonly clock: Clock) {}

  async record(em: EntityManager, input: AuditInput): Promise<void> {
    await em.insert(AuditEntry, {
      at: this.clock.now(),
      action: input.action,
      customerId: input.customerId ?? null,
      actorId: input.actorId ?? input.customerId ?? null,
      ip: input.ip ?? null,
      details: input.details ?? {},
    } as QueryDeepPartialEntity<AuditEntry>);
  }
}
