import type { PreferenceChannel } from '@cabinet/shared-types';

/** An event the system tells customers about; its defaults per channel and whether it may be muted. */
export interface NotificationEventType {
  /** `module.event`, e.g. `payment.succeeded`. */
  type: string;
  /** Russian label for the preferences page. */
  label: string;
  /** What a customer who never touched the preferences gets. */
  defaults: Record<PreferenceChannel, boolean>;
  /** Security events: every channel they use stays on, whatever the customer asks. */
  security?: boolean;
}

const on = (sms: boolean, email: boolean, inApp: boolean): Record<PreferenceChannel, boolean> => ({ sms, email, in_app: inApp });

/** Built-in event types; a module adds its own with `NotificationsService.events.register`. */
export const BUILT_IN_EVENTS: NotificationEventType[] = [
  { type: 'payment.succeeded', label: 'Платежи и пополнения', defaults: on(true, false, true) },
  { type: 'balance.low', label: 'Низкий баланс', defaults: on(true, true, true) },
  { type: 'application.status', label: 'Статус заявок', defaults: on(true, true, true) },
  { type: 'order.status', label: 'Заказы SIM-карт и номеров', defaults: on(true, false, true) },
  { type: 'loan.status', label: 'Займы: решения и выдача', defaults: on(true, true, true) },
  { type: 'loan.reminder', label: 'Займы: напоминания о платеже', defaults: on(true, true, true) },
  { type: 'bonus.expiry', label: 'Сгорание бонусных баллов', defaults: on(true, false, true) },
  { type: 'support.reply', label: 'Ответы поддержки в чате', defaults: on(true, false, true) },
  { type: 'promotion.joined', label: 'Участие в акциях', defaults: on(false, false, true) },
  { type: 'security.new_device', label: 'Вход с нового устройства', defaults: on(false, true, true), security: true },
  { type: 'security.password_changed', label: 'Смена пароля', defaults: on(true, true, true), security: true },
];

/** The event types the product knows. Registering a known type again replaces its definition (modules may refine labels or defaults). */
export class NotificationEventRegistry {
  private readonly types = new Map<string, NotificationEventType>();

  constructor(initial: NotificationEventType[] = BUILT_IN_EVENTS) {
    for (const t of initial) this.register(t);
  }

  register(t: NotificationEventType): void {
    if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(t.type) || t.type.length > 64) throw new Error(`Bad notification event type: ${t.type}`);
    this.types.set(t.type, { ...t, defaults: { ...t.defaults } });
  }

  get(type: string): NotificationEventType | undefined {
    return this.types.get(type);
  }

  all(): NotificationEventType[] {
    return [...this.types.values()];
  }
}
