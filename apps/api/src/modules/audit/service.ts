import type { EntityManager } from 'typeorm';
import type { Clock } from '../../platform/clock';
import { prepared } from '../../db/prepared';

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
  // becoming a customer and the back office (issue 7)
  | 'application_status_changed'
  | 'application_processed'
  | 'order_placed'
  | 'order_canceled'
  | 'order_status_changed'
  | 'order_processed'
  | 'account_closed'
  | 'numbers_imported'
  | 'number_archived'
  | 'number_category_updated'
  | 'customer_card_viewed'
  | 'balance_adjusted'
  | 'staff_created'
  | 'staff_updated'
  | 'catalog_tariff_created'
  | 'catalog_tariff_updated'
  | 'catalog_tariff_archived'
  | 'catalog_tariff_restored'
  | 'catalog_option_created'
  | 'catalog_option_updated'
  | 'catalog_option_archived'
  | 'catalog_option_restored'
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
  | 'bonus_activation_requested'
  | 'bonus_card_activated'
  | 'bonus_card_blocked'
  | 'bonus_campaign_created'
  | 'bonus_till_purchase'
  | 'bonus_till_refund'
  // integrator platform and Gosuslugi sign-in (issue 9)
  | 'partner_created'
  | 'partner_updated'
  | 'api_key_created'
  | 'api_key_updated'
  | 'api_key_rotated'
  | 'api_key_revoked'
  | 'webhook_endpoint_created'
  | 'webhook_endpoint_updated'
  | 'webhook_endpoint_deleted'
  | 'webhook_endpoint_disabled'
  | 'webhook_secret_rotated'
  | 'webhook_redelivered'
  | 'esia_linked'
  | 'esia_unlinked'
  | 'esia_registered'
  | 'phone_change_review_requested'
  | 'phone_change_identity_mismatch'
  | 'phone_change_rejected'
  | 'loan_registered'
  | 'loan_application_viewed'
  | 'loan_application_approved'
  | 'loan_application_rejected'
  | 'loan_service_refunded'
  // news and the newsletter (issue 8)
  | 'news_created'
  | 'news_updated'
  | 'news_archived'
  | 'newsletter_sent'
  | 'company_registered'
  | 'corporate_employee_bound'
  | 'corporate_employee_unbound'
  | 'corporate_limit_set'
  | 'corporate_limit_lifted'
  | 'corporate_line_restricted'
  | 'corporate_line_restored'
  // line extras (issue 10)
  | 'blacklist_switched'
  | 'blacklist_changed'
  | 'content_service_switched_off'
  | 'security_question_set'
  | 'password_reset_by_question'
  // support and FAQ (issue 8)
  | 'support_chat_taken'
  | 'support_chat_closed'
  | 'support_operator_topics_changed'
  | 'faq_changed';

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
    // Plain and prepared: every sign-in writes one.
    await em.query(RECORD, [this.clock.now(), input.action, input.actorId ?? input.customerId ?? null, input.customerId ?? null, input.ip ?? null, JSON.stringify(input.details ?? {})]);
  }
}

const RECORD = prepared('audit.record', 'INSERT INTO audit_log (at, action, actor_id, customer_id, ip, details) VALUES ($1, $2, $3, $4, $5, $6::jsonb)');
