export { PushService, pushBackoffSeconds } from './service';
export { WebPushSender, type PushSender, type PushTarget, type PushAnswer } from './sender';
export { pushRoutes } from './routes';
