export { NewsService } from './service';
export { NewsletterService } from './newsletter';
export { newsRoutes } from './routes';
export { seedNews } from './seed';
