export { NotificationsService, type NotificationInput } from './service';
export { OutboxOnlyTransport, type SmsTransport, type MailTransport } from './transports';
export { devInboxRoutes } from './routes';
