export { AuthService } from './service';
export { SvgCaptchaProvider, type CaptchaProvider } from './captcha';
export { authRoutes, REFRESH_COOKIE } from './routes';
