export { NotificationsService, type NotificationInput, type EventNotice, type DeliveryOptions, type EventNotification, type NotificationFanOut } from './service';
export { OutboxOnlyTransport, TransportError, type Attachment, type SmsTransport, type MailTransport, type OutgoingMessage } from './transports';
export { NotificationEventRegistry, BUILT_IN_EVENTS, type NotificationEventType } from './events';
export { SmtpMailTransport } from './smtp-transport';
export { HttpSmsGatewayTransport, type SmsGatewayOptions } from './sms-gateway-transport';
export { devInboxRoutes, notificationCentreRoutes } from './routes';
