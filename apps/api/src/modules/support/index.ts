export { SupportService, type Party } from './service';
export { FaqService } from './faq';
export { SupportBus } from './bus';
export { supportRoutes } from './routes';
export { sniffType } from './files';
export { seedSupport, DEMO_FAQ } from './seed';
