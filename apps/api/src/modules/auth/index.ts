export { AuthService } from './service';
export { SvgCaptchaProvider, type CaptchaProvider } from './captcha';
export { authRoutes, REFRESH_COOKIE, setRefreshCookie } from './routes';
export type { SessionStarted } from './service';
