export { SpeedTestService, kbps } from './service';
export { speedTestRoutes, speedTestUploadParser, UPLOAD_PATH } from './routes';
