export { ApiKeysService, API_KEY_SCOPES, clientIp, normalizeCidr, type ApiKeyScope } from './api-keys';
export { ApiCallLog } from './call-log';
export { PartnersService } from './partners';
export { UsageService } from './usage';
export { integrationRoutes } from './routes';
export { integrationBackofficeRoutes } from './backoffice-routes';
/** Other modules announce events with `WebhooksService.publish(em, type, data)` inside their own transaction. */
export { WebhooksService, nextAttemptAt, type WebhookActor, type EventPublisher } from './webhooks/service';
export { createHttpWebhookSender, isPrivateAddress, type WebhookSender, type WebhookResponse } from './webhooks/sender';
export { newWebhookSecret, signWebhook, verifyWebhook, webhookHeaders } from './webhooks/signing';
