export { HelpService, mapLinks } from './service';
export { helpRoutes } from './routes';
export { seedHelp } from './seed';
