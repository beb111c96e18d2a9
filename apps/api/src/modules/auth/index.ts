export { AuthService } from './service';
export { SvgCaptchaProvider, type CaptchaProvider } from './captcha';
export { authRoutes, REFRESH_COOKIE, sessionResponse, setRefreshCookie } from './routes';
export type { SessionStarted } from './service';
export { CaptchaAnswerDto, TokenResponseDto } from './dto';
export { SecurityQuestionService, normalizeAnswer } from './security-question';
export { securityQuestionRoutes } from './security-question-routes';
