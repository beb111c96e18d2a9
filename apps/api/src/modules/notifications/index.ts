export { NotificationsService, type EventNotification, type NotificationFanOut, type NotificationInput } from './service';
export { OutboxOnlyTransport, type Attachment, type SmsTransport, type MailTransport } from './transports';
export { devInboxRoutes } from './routes';
