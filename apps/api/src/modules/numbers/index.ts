export { NumbersService, type TakenNumber } from './service';
export { numberRoutes } from './routes';
export { patternsOf } from './patterns';
