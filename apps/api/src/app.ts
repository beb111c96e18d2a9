import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import express, { type Express, type Request } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import swaggerUi from 'swagger-ui-express';
import type { DataSource } from 'typeorm';
import { Limits, SupportLimits } from '@cabinet/shared-types';
import type { Config } from './config';
import { AccountsService, PeriodsService, SubscriptionsService, accountRoutes, subscriptionRoutes } from './modules/accounts';
import { AuditService } from './modules/audit';
import { BonusActivationService, BonusExpiryService, BonusHistoryService, BonusService, CampaignRules, PointsBook, TillService, bonusRoutes } from './modules/bonus';
import { ClosingDocuments, CorporateService, SpendingReports, corporateIntegratorRoutes, corporateRoutes } from './modules/corporate';
import { AuthService, SecurityQuestionService, SvgCaptchaProvider, authRoutes, securityQuestionRoutes, type CaptchaProvider } from './modules/auth';
import { CustomersService, PhoneChangeReviewService, customerRoutes, phoneChangeReviewRoutes } from './modules/customers';
import { healthRoutes } from './modules/health/routes';
import {
  ApiCallLog,
  ApiKeysService,
  PartnersService,
  UsageService,
  WebhooksService,
  createHttpWebhookSender,
  integrationBackofficeRoutes,
  integrationRoutes,
  type WebhookSender,
} from './modules/integrations';
import { DetailReportService, HistoryService, LedgerService, detailReportRoutes, historyRoutes } from './modules/ledger';
import { LoansService, loanReviewRoutes, loanRoutes } from './modules/loans';
import {
  HttpSmsGatewayTransport,
  NotificationsService,
  OutboxOnlyTransport,
  SmtpMailTransport,
  devInboxRoutes,
  notificationCentreRoutes,
  type MailTransport,
  type SmsTransport,
} from './modules/notifications';
import { NewsService, NewsletterService, newsRoutes } from './modules/news';
import {
  AutopayService,
  BalanceAlertsService,
  CardsService,
  PaymentsService,
  PayoutsService,
  PromisedPaymentsService,
  SandboxAcquirer,
  paymentRoutes,
  sandboxPages,
  type CallbackSender,
  type RawBodyRequest,
} from './modules/payments';
import { TariffAdminService, TariffsService, tariffAdminRoutes, tariffRoutes } from './modules/tariffs';
import { AccountClosureService, AccountProvisioning, closureRoutes } from './modules/accounts';
import { ApplicationsService, applicationRoutes } from './modules/applications';
import { BackofficeService, backofficeRoutes } from './modules/backoffice';
import { NumbersService, numberRoutes } from './modules/numbers';
import { OrdersService, orderRoutes } from './modules/orders';
import { FaqService, SupportBus, SupportService, supportRoutes } from './modules/support';
import { EsiaService, OpenIdEsiaProvider, esiaRoutes, type EsiaProvider } from './modules/esia';
import { QuickPayService, quickPayRoutes } from './modules/quickpay';
import { HelpService, helpRoutes } from './modules/help';
import { PushService, WebPushSender, pushRoutes, type PushSender } from './modules/push';
import { SpeedTestService, UPLOAD_PATH, speedTestRoutes, speedTestUploadParser } from './modules/speedtest';
import { LineExtrasService, OperatorPointsService, lineExtrasRoutes, lineIntegrationRoutes } from './modules/line-extras';
import { ChangeFeed } from './platform/change-feed';
import type { Clock } from './platform/clock';
import { AppError, errorHandler, notFoundHandler } from './platform/errors';
import type { JobDefinition } from './platform/jobs';
import { createLogger } from './platform/logger';
import { buildOpenApi } from './platform/openapi';
import { IdempotencyStore } from './platform/idempotency';
import { OtpService } from './platform/otp/otp.service';
import { RateCounter } from './platform/rate-limit';
import { registerRoutes, type RouteSpec } from './platform/routes';
import { requestLogging } from './platform/request-log';

export interface AppDeps {
  config: Config;
  ds: DataSource;
  clock: Clock;
  logger?: Logger;
  sms?: SmsTransport;
  mail?: MailTransport;
  captcha?: CaptchaProvider;
  /** How webhooks are posted (default: HTTP). */
  webhookSender?: WebhookSender;
  /** Gosuslugi (default: OpenID Connect to `config.esia.issuer`, when set). */
  esiaProvider?: EsiaProvider | null;
  /** The Web Push service call (default: web-push over HTTP, when VAPID keys are configured). */
  pushSender?: PushSender | null;
}

export type Services = ReturnType<typeof createServices>;

/** Wires the services. Tests and QA suites use these to arrange data the way the product would. */
export function createServices(deps: AppDeps) {
  const { ds, clock, config } = deps;
  const outbox = new OutboxOnlyTransport();
  const rate = new RateCounter(ds, clock);
  const audit = new AuditService(clock);
  // Real transports when configured (an HTTP SMS gateway, SMTP); otherwise the outbox is the delivery (dev inbox).
  const n = config.notifications;
  const sms = deps.sms ?? (n.smsGateway ? new HttpSmsGatewayTransport(n.smsGateway) : outbox);
  const mail = deps.mail ?? (n.smtpUrl ? new SmtpMailTransport(n.smtpUrl, n.mailFrom) : outbox);
  const notifications = new NotificationsService(ds, clock, sms, mail, { maxAttempts: n.maxAttempts, retryBaseSeconds: n.retryBaseSeconds });
  const otp = new OtpService(clock, config.jwtSecret);
  const customers = new CustomersService(ds, clock, { audit, notifications, otp, rate });
  const captcha = deps.captcha ?? new SvgCaptchaProvider(clock);
  // Caches of this process hear database changes here (triggers notify on commit); opened on first use.
  const changes = new ChangeFeed((ds?.options as { url?: string } | undefined)?.url ?? config.databaseUrl, deps.logger);
  const auth = new AuthService(ds, clock, config, { customers, audit, notifications, otp, rate, captcha, changes });
  const apiCalls = new ApiCallLog(ds, clock);
  const partners = new PartnersService(ds, clock, { audit });
  const webhooks = new WebhooksService(ds, clock, { audit, notifications, sender: deps.webhookSender ?? createHttpWebhookSender(config.webhooks), allowHttp: config.env !== 'production', allowPrivateAddresses: config.webhooks.allowPrivateAddresses });
  const esiaProvider = deps.esiaProvider !== undefined ? deps.esiaProvider : config.esia.issuer ? new OpenIdEsiaProvider(config.esia as { issuer: string; clientId: string; clientSecret: string }) : null;
  const esia = new EsiaService(ds, clock, { provider: esiaProvider, standIn: config.esia.standIn, customers, auth, otp, notifications, audit, rate, logger: deps.logger });
  const tariffs = new TariffsService(ds, { changes, cacheSeconds: config.feedCacheSeconds });
  const ledger = new LedgerService(clock);
  const accounts = new AccountsService(ds, clock, { tariffs, audit });
  const subscriptions = new SubscriptionsService(ds, clock, { accounts, tariffs, ledger, audit, events: webhooks });
  const periods = new PeriodsService(ds, clock, { ledger, audit, events: webhooks });
  const history = new HistoryService(ds, clock, { accounts });
  const detailReports = new DetailReportService(ds, clock, { history, customers, notifications });
  const idempotency = new IdempotencyStore(ds, clock);
  const apiKeys = new ApiKeysService(ds, clock, { audit, calls: apiCalls });
  const usage = new UsageService(ds, clock, ledger, webhooks);
  const acquirer = new SandboxAcquirer(ds, clock, { secret: config.payments.sandboxSecret, sender: config.payments.callbackUrl ? httpSender(config.payments.callbackUrl) : null });
  const payments = new PaymentsService(ds, clock, { accounts, periods, ledger, notifications, provider: acquirer, seller: config.payments.seller, events: webhooks });
  const cards = new CardsService(ds, clock, { payments, audit });
  const quickpay = new QuickPayService(ds, { payments, rate, captcha });
  const securityQuestions = new SecurityQuestionService(ds, clock, { customers, audit, notifications, rate });
  const lineExtras = new LineExtrasService(ds, clock, { accounts, ledger, audit });
  const autopay = new AutopayService(ds, clock, { accounts, payments, audit });
  const promised = new PromisedPaymentsService(ds, clock, { accounts, periods, ledger, notifications, audit, events: webhooks });
  const alerts = new BalanceAlertsService(ds, { accounts, notifications });
  const bonusBook = new PointsBook(clock, config.bonus.pointsTtlMonths);
  const bonusCampaigns = new CampaignRules(ds, clock, config.bonus.campaignCacheSeconds);
  const bonus = new BonusService(ds, clock, config.bonus, { book: bonusBook, customers, notifications, audit, campaigns: bonusCampaigns, events: webhooks });
  const bonusHistory = new BonusHistoryService(ds, clock);
  const operatorPoints = new OperatorPointsService(ds, clock, { bonus });
  const bonusActivation = new BonusActivationService(ds, clock, { book: bonusBook, bonus, customers, otp, notifications, rate, audit });
  const till = new TillService(ds, clock, config.bonus, { book: bonusBook, audit, campaigns: bonusCampaigns, events: webhooks });
  const bonusExpiry = new BonusExpiryService(ds, clock, config.bonus, { customers, notifications });
  const payouts = new PayoutsService(ds, clock, { provider: acquirer, notifications });
  payments.payouts = payouts;
  const phoneChangeReview = new PhoneChangeReviewService(ds, clock, { audit, notifications });
  const loans = new LoansService(ds, clock, { customers, auth, otp, rate, notifications, audit, payments, payouts, secret: config.jwtSecret, events: webhooks });
  const loansOn = config.features.includes('loans');
  payments.hooks = {
    afterCredit: (em, p) => promised.repayFrom(em, p.account_id as string, BigInt(p.amount), p.id),
    saveCard: (em, p, card) => cards.save(em, p, card),
    autopayOutcome: (em, p, ok) => autopay.onPaymentSettled(em, p, ok),
    loanPayment: (em, p, ok) => loans.servicing.onLoanPayment(em, p, ok),
  };
  // Becoming a customer and the back office (issue 7).
  const numbers = new NumbersService(ds, clock, { audit });
  const provisioning = new AccountProvisioning(clock, { accounts, tariffs });
  const closure = new AccountClosureService(ds, clock, { accounts, audit });
  const applications = new ApplicationsService(ds, clock, { rate, captcha, customers, provisioning, tariffs, numbers, notifications, audit, events: webhooks });
  const orders = new OrdersService(ds, clock, { accounts, provisioning, tariffs, numbers, ledger, notifications, audit });
  const tariffAdmin = new TariffAdminService(ds, clock, { audit });
  const backoffice = new BackofficeService(ds, clock, {
    customers, accounts, periods, auth, payments, ledger, notifications, audit, numbersAvailable: async () => (await numbers.counts()).available,
  });
  // What must be settled before an account closes; each module adds its own rule (loans: an open loan).
  closure.register({ key: 'promised_payment', check: (em, a) => promised.promisedClosureBlocker(em, a.id) });
  closure.register({ key: 'deferred_payment', check: (em, a) => promised.deferredClosureBlocker(em, a.id) });
  closure.register({ key: 'open_order', check: (em, a) => orders.closureBlocker(em, a.id) });
  // The customer card's sections and the console's counters, contributed by the modules that own them
  // (loans and bonus add theirs here: backoffice.registerSection({ key: 'loans', load: (c) => loans.cardSection(c.id) })).
  backoffice.registerSection({ key: 'orders', load: (c) => orders.cardSection(c.id) });
  backoffice.registerSection({ key: 'applications', load: (c) => applications.cardSection(c.id, c.phone) });
  if (config.features.includes('bonus')) {
    backoffice.registerSection({
      key: 'bonus',
      load: async (c) => {
        const s = await bonus.summary(c.id);
        if (!s.cards.length) return null;
        return {
          key: 'bonus',
          title: `Бонусные карты · ${s.balance} баллов`,
          items: s.cards.map((card) => ({
            id: card.id,
            title: `${card.kind === 'virtual' ? 'Виртуальная' : 'Пластиковая'} карта ${card.number}`,
            subtitle: `Баланс ${s.balance} баллов`,
            status: card.status,
            amount: null,
            at: card.activatedAt,
            link: null,
          })),
        };
      },
    });
  }
  backoffice.registerSummary(async () => (await applications.counts()).map(({ kind, ...n }) => ({ key: kind, ...n })));
  backoffice.registerSummary(async () => (await orders.counts()).map(({ kind, ...n }) => ({ key: kind, ...n })));
  payouts.hooks.loan_disbursement = (em, payout) => loans.servicing.onPayoutSettled(em, payout);
  if (loansOn) {
    // A borrower's phone change waits for an operator's identity check against the passport on file.
    customers.hooks.phoneChangeNeedsReview = (em, customerId) => loans.hasBorrowerProfile(em, customerId);
    phoneChangeReview.identity = loans;
  }
  // Loans add their own rule to account closure and their section to the staff's customer card.
  closure.register({ key: 'open_loan', check: async (em, a) => ((await loans.hasOpenLoan(a.customer_id, em)) ? { code: 'open_loan', detail: 'A microloan is open: repay it first.', amount: null } : null) });
  backoffice.registerSection({ key: 'loans', load: (c) => loans.cardSection(c.id) });
  // News, promotions and the newsletter (issue 8).
  const news = new NewsService(ds, clock, { audit, notifications });
  const newsletter = new NewsletterService(ds, clock, {
    notifications, audit, news, publicUrl: config.publicUrl, confirmHours: config.newsletterConfirmHours,
    secret: createHmac('sha256', config.jwtSecret).update('newsletter-unsubscribe').digest('hex'),
  });
  // The corporate cabinet (issue 10): companies on mobile accounts, employees' lines, limits, closing documents.
  const corporate = new CorporateService(ds, clock, { accounts, notifications, audit });
  const corporateSpending = new SpendingReports(ds, { corporate });
  const closingDocuments = new ClosingDocuments(ds, clock, { corporate, seller: config.payments.seller });
  // Support chat and FAQ (issue 8): live delivery through PostgreSQL LISTEN/NOTIFY, files under the data folder.
  const supportBus = new SupportBus((ds?.options as { url?: string } | undefined)?.url ?? config.databaseUrl, deps.logger);
  const support = new SupportService(ds, clock, { bus: supportBus, dataDir: config.dataDir, notifications, audit, rate, captcha });
  const faq = new FaqService(ds, clock, { audit });
  // Installable app and help (issue 10), the guide and the speed test (issue 8).
  const help = new HelpService(ds, clock, { name: config.about.name, version: config.version, support: config.about.support });
  const pushSender = deps.pushSender !== undefined ? deps.pushSender : config.push.vapid ? new WebPushSender(config.push.vapid) : null;
  const push = new PushService(ds, clock, { sender: pushSender, publicKey: config.push.vapid?.publicKey ?? null, maxAttempts: config.push.maxAttempts, allowHttp: config.push.allowHttp });
  notifications.addFanOut(push);
  orders.pickupPoints = help;
  const speedTest = new SpeedTestService(ds, clock);
  return {
    news, newsletter, support, faq, changes,
    rate, audit, notifications, otp, customers, auth, tariffs, ledger, accounts, subscriptions, periods, history, detailReports, idempotency, apiKeys, usage,
    acquirer, payments, cards, autopay, promised, alerts,
    bonus, bonusHistory, bonusActivation, till, bonusExpiry, bonusTtlMonths: config.bonus.pointsTtlMonths,
    numbers, provisioning, closure, applications, orders, tariffAdmin, backoffice,
    apiCalls, partners, webhooks, esia,
    payouts, phoneChangeReview, loans,
    corporate, corporateSpending, closingDocuments,
    quickpay, lineExtras, securityQuestions,
    help, push, speedTest, operatorPoints,
  };
}

/** The sandbox acquirer's callbacks, over HTTP to the product's callback endpoint. */
function httpSender(url: string): CallbackSender {
  return async (body, headers) => (await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) })).ok;
}

/** Scheduled work (pg-boss). Each job is idempotent. */
export function jobTable(s: Services): JobDefinition[] {
  return [
    { name: 'billing-periods', cron: '*/5 * * * *', run: () => s.periods.runDue() },
    { name: 'voluntary-block-fees', cron: '20 0 * * *', run: () => s.periods.chargeBlockFees() },
    { name: 'idempotency-purge', cron: '40 * * * *', run: () => s.idempotency.purgeExpired() },
    { name: 'payments-reconcile', cron: '*/2 * * * *', run: () => s.payments.reconcile() },
    { name: 'sandbox-acquirer-callbacks', cron: '* * * * *', run: () => s.acquirer.deliverDue() },
    { name: 'autopay', cron: '*/5 * * * *', run: () => s.autopay.runDue() },
    { name: 'promised-payments-due', cron: '*/5 * * * *', run: () => s.promised.runDue() },
    { name: 'deferred-payments-due', cron: '15 * * * *', run: () => s.promised.runDeferredDue() },
    { name: 'low-balance-alerts', cron: '*/5 * * * *', run: () => s.alerts.run() },
    { name: 'detail-reports', cron: '* * * * *', run: () => s.detailReports.runQueued() },
    { name: 'bonus-expiry', cron: '*/10 * * * *', run: () => s.bonusExpiry.runDue() },
    { name: 'bonus-expiry-notices', cron: '30 7 * * *', run: () => s.bonusExpiry.sendNotices() },
    { name: 'webhook-deliveries', cron: '* * * * *', run: () => s.webhooks.deliverDue() },
    // SMS and e-mails the transport failed to take (retried with backoff), and any never handed over.
    { name: 'notification-deliveries', cron: '* * * * *', run: () => s.notifications.deliverDue() },
    { name: 'api-key-calls-purge', cron: '50 3 * * *', run: () => s.apiCalls.purge() },
    { name: 'esia-logins-purge', cron: '55 3 * * *', run: () => s.esia.purge() },
    { name: 'payouts-reconcile', cron: '*/2 * * * *', run: () => s.payouts.reconcile() },
    // Hourly, but each loan accrues once a day (a second run the same day finds nothing to accrue).
    { name: 'line-extras-fees', cron: '25 * * * *', run: () => s.lineExtras.chargeDue() },
    // Daily, but each line earns once per month (the bonus ref names the month): a missed day catches up.
    { name: 'operator-points', cron: '40 4 * * *', run: () => s.operatorPoints.accrueMonth() },
    { name: 'loans-daily', cron: '7 * * * *', run: () => s.loans.servicing.runDaily() },
    // Corporate lines over their monthly limit take incoming calls only; back within it (or a new period), all calls again.
    { name: 'corporate-limits', cron: '* * * * *', run: () => s.corporate.enforce() },
    // Hourly: last month's invoice and act once it has ended (a second run finds them made).
    { name: 'corporate-documents', cron: '25 * * * *', run: () => s.closingDocuments.runDue() },
    { name: 'push-deliveries', cron: '* * * * *', run: () => s.push.deliverDue() },
  ];
}

/** The route table: what Express serves and what the OpenAPI document describes. */
export function routeTable(deps: AppDeps, s: Services): RouteSpec[] {
  const { config } = deps;
  return [
    ...healthRoutes(deps.ds, deps.clock, config.version),
    ...authRoutes(s.auth, s.rate, {
      secureCookies: config.env === 'production',
      authPerMinute: config.rateLimit.authPerMinute,
      otpPerMinute: config.rateLimit.otpPerMinute,
    }),
    ...securityQuestionRoutes(s.securityQuestions, [s.rate.middleware({ name: 'otp', limit: config.rateLimit.otpPerMinute, windowMs: 60_000 })]),
    ...customerRoutes(s.customers),
    ...tariffRoutes(s.tariffs),
    ...accountRoutes(s.accounts),
    ...subscriptionRoutes(s.subscriptions),
    ...historyRoutes(s.history),
    ...detailReportRoutes(s.detailReports),
    ...quickPayRoutes(s.quickpay, s.rate), // before /payments/:id
    ...paymentRoutes(s),
    ...lineExtrasRoutes(s.lineExtras),
    ...(config.features.includes('bonus')
      ? bonusRoutes(s, { tillSimulator: config.bonus.tillSimulator, otpLimit: [s.rate.middleware({ name: 'otp', limit: config.rateLimit.otpPerMinute, windowMs: 60_000 })] })
      : []),
    ...closureRoutes(s.closure),
    ...numberRoutes(s.numbers),
    ...applicationRoutes(s.applications, s.rate),
    ...orderRoutes(s.orders),
    ...tariffAdminRoutes(s.tariffAdmin),
    ...backofficeRoutes(s.backoffice),
    ...integrationRoutes(s.usage, s.webhooks),
    ...corporateIntegratorRoutes(s.corporate),
    ...corporateRoutes(s),
    ...lineIntegrationRoutes(s.lineExtras),
    ...integrationBackofficeRoutes(s),
    ...esiaRoutes(s.esia, s.rate, { secureCookies: config.env === 'production', redirectUri: config.esia.redirectUri, perMinute: config.rateLimit.authPerMinute }),
    ...(config.features.includes('loans')
      ? [
          ...loanRoutes(s.loans, s.rate, { secureCookies: config.env === 'production', otpPerMinute: config.rateLimit.otpPerMinute }),
          ...loanReviewRoutes(s.loans),
          ...phoneChangeReviewRoutes(s.phoneChangeReview),
        ]
      : []),
    ...notificationCentreRoutes(s.notifications),
    ...newsRoutes(s.news, s.newsletter, s.rate, { formsPerMinute: config.rateLimit.authPerMinute }),
    ...supportRoutes(s.support, s.faq, s.rate, { lifetimeMs: config.support.streamSeconds * 1000, heartbeatMs: config.support.heartbeatSeconds * 1000 }),
    ...helpRoutes(s.help),
    ...pushRoutes(s.push),
    ...speedTestRoutes(s.speedTest),
    ...(config.devInbox ? devInboxRoutes(s.notifications) : []),
  ];
}

/** The OpenAPI 3.1 document of this route table (served at /api/v1/openapi.json; the typed client is generated from it). */
export function openApiDocument(deps: AppDeps, services: Services): Record<string, unknown> {
  return buildOpenApi(routeTable(deps, services), {
    title: 'Cabinet API',
    version: deps.config.version,
    serverUrl: '/api/v1',
    description:
      'Self-service personal cabinet. JSON, camelCase; money is integer kopecks; errors are RFC 9457 problem+json with a stable `code`; ' +
      'lists are cursor pages `{ items, nextCursor }`. Sign in with POST /auth/login and send `Authorization: Bearer <accessToken>`. ' +
      'Integrators send `Authorization: Bearer <API key>`; each operation names the scopes it needs, and answers carry `RateLimit-*` headers. ' +
      'Webhooks are signed as Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`).',
  });
}

/** Builds the Express app. Does not listen: main.ts does, tests hand it to supertest. */
export function createApp(deps: AppDeps & { services?: Services }): Express {
  const { config } = deps;
  const logger = deps.logger ?? createLogger(config.logLevel);
  const services = deps.services ?? createServices(deps);
  const routes = routeTable(deps, services);
  const openapi = openApiDocument(deps, services);

  const app = express();
  app.disable('x-powered-by');
  // No ETag on API answers: they are `no-store`, so nothing would ever send it back, and hashing every body was a
  // visible share of a cheap read's CPU. (The SPA's files keep theirs: express.static makes its own.)
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.use(requestLogging(logger));
  // Pages (the SPA, the API docs, the sandbox acquirer's forms) get helmet's full set for documents.
  const pageHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        // Off: on plain http from another host (a phone on the LAN) it would rewrite every request to https.
        'upgrade-insecure-requests': null,
      },
    },
  });
  // The API's answers are data, not documents. They get OWASP's headers for REST answers: a policy that lets
  // nothing load or frame them (an uploaded SVG opened by its address runs no script), nosniff, no framing, HSTS,
  // no referrer, same-origin resource policy. The page-only ones (the CSP's sources for a page, COOP, Origin-Agent-
  // Cluster, DNS prefetch, IE's download and XSS switches, Adobe's cross-domain policy) went out with every read:
  // ~500 of its ~950 bytes of headers, for the API and each client to write and parse.
  const apiHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] } },
    xFrameOptions: { action: 'deny' },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  app.use((req, res, next) => (req.url.startsWith('/api/v1/') ? apiHeaders : pageHeaders)(req, res, next));
  app.use('/api', cors({ origin: config.corsOrigin, credentials: true, maxAge: 600 }));
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.locals.startedAt = performance.now(); // latency in the integrator call log, body parsing included
    next();
  });
  // The acquirer's pages: HTML forms, before the JSON-only rule below.
  if (config.payments.provider === 'sandbox') app.use('/api/sandbox/acquirer', sandboxPages(services.acquirer));
  // Support attachments come as base64 in JSON (≤ 5 MB of file): their routes alone take a bigger body.
  const uploads = express.json({ limit: SupportLimits.attachmentBodyMaxBytes, type: ['application/json', 'application/*+json'] });
  app.use('/api/v1', (req, res, next) => (req.method === 'POST' && /^\/(backoffice\/)?support\/(visitor\/)?chats\/[^/]+\/attachments$/.test(req.path) ? uploads(req, res, next) : next()));
  // The speed test's upload is bytes, not JSON: read (and size-checked) before the JSON-only rule.
  app.use(`/api/v1${UPLOAD_PATH}`, ...speedTestUploadParser());
  app.use(
    '/api',
    express.json({
      limit: Limits.requestBodyMaxBytes,
      type: ['application/json', 'application/*+json'],
      // Callbacks are signed over their exact bytes: keep them.
      verify: (req, _res, buf) => {
        if ((req as RawBodyRequest).url?.startsWith('/v1/payments/callbacks/')) (req as RawBodyRequest).rawBody = buf;
      },
    }),
  );
  // RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` as a form.
  app.use('/api/v1/newsletter/unsubscribe', express.urlencoded({ extended: false, limit: '1kb' }));
  app.use('/api', (req: Request, _res, next) => {
    if (req.path === '/v1/newsletter/unsubscribe' && req.is('application/x-www-form-urlencoded')) return next();
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && ['POST', 'PUT', 'PATCH'].includes(req.method) && !Buffer.isBuffer(req.body) && !req.is(['application/json', 'application/*+json'])) {
      return next(new AppError('unsupported_media_type', 415, 'Send the body as JSON (Content-Type: application/json).'));
    }
    next();
  });
  // Cookies are read by the sign-in routes alone (the refresh token, the ESIA state): parsed there, not on every call.
  app.use('/api/v1/auth', cookieParser());

  const api = express.Router();
  registerRoutes(api, routes, async (req, spec, res) => {
    if (spec.auth === 'public') return null;
    if (spec.auth === 'integrator') return { integrator: await services.apiKeys.authenticate(req, res, spec, res.locals.startedAt ?? performance.now()) };
    return { auth: await services.auth.authenticate(req.get('authorization'), spec) };
  }, services.idempotency);
  api.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use('/api/v1', api);
  // Files for browsers go gzipped (the docs page's script is ~1 MB raw); API answers are left as they are.
  app.use('/api/docs', compression(), swaggerUi.serveFiles(undefined, { swaggerOptions: { url: '/api/v1/openapi.json' } }), swaggerUi.setup(undefined, {
    customSiteTitle: 'Cabinet API',
    swaggerOptions: { url: '/api/v1/openapi.json', persistAuthorization: true },
  }));
  app.use('/api', notFoundHandler);

  const index = path.join(config.webDist, 'index.html');
  if (config.serveWeb && existsSync(index)) {
    app.use(compression());
    app.use(express.static(config.webDist, { index: false, maxAge: '1h', setHeaders: immutableAssets }));
    // Every page of the app is index.html, revalidated on each visit. Through serve-static rather than res.sendFile:
    // Express 5 gives sendFile the app's `etag` setting, off for the API's answers, and a returning browser would get
    // the whole file again instead of a 304.
    const indexFile = express.static(config.webDist, { index: false, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') });
    app.get('/{*path}', (req, res, next) => {
      req.url = '/index.html';
      indexFile(req, res, next);
    });
  }
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}

function immutableAssets(res: express.Response, file: string): void {
  if (file.includes(`${path.sep}assets${path.sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  // The service worker and the manifest are checked on every visit, so a new release replaces them at once.
  const name = path.basename(file);
  if (name === 'sw.js' || name === 'manifest.webmanifest') res.setHeader('Cache-Control', 'no-cache');
  if (name === 'manifest.webmanifest') res.setHeader('Content-Type', 'application/manifest+json');
}
