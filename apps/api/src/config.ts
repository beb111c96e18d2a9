import { createECDH, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { BonusCategories, type BonusCategory } from '@cabinet/shared-types';

/** The repository root, whether we run from src/ (tsx, jest) or dist/ (node). */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const FEATURES = ['mobile', 'internet', 'loans', 'bonus'] as const;

/** `tobacco,alcohol` → the known bonus categories (an empty string: none). */
const categoryList = (fallback: string) => z
  .string()
  .default(fallback)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(BonusCategories)));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(path.join(REPO_ROOT, '.data')),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  CORS_ORIGIN: z.string().default('http://localhost:5173'),
  SERVE_WEB: bool.default(true),
  WEB_DIST: z.string().default(path.join(REPO_ROOT, 'apps', 'web', 'dist')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().default('loopback'),
  FEATURES: z
    .string()
    .default(FEATURES.join(','))
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(FEATURES))),
  PASSWORD_RESET_REQUIRE_SURNAME: bool.default(false),
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_OTP_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  DEV_INBOX: bool.optional(),
  SEED_DEMO: bool.default(true),
  SMS_TRANSPORT: z.enum(['outbox', 'http']).default('outbox'),
  // Real transports (issue 8): an HTTP SMS gateway and SMTP; without them the outbox and /dev/inbox are the delivery.
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_GATEWAY_KEY: z.string().min(1).optional(),
  SMS_SENDER: z.string().min(1).max(11).default('Cabinet'),
  SMTP_URL: z.string().regex(/^smtps?:\/\/.+/, 'must be smtp://user:pass@host:port or smtps://…').optional(),
  MAIL_FROM: z.string().min(3).default('Кабинет <no-reply@cabinet.local>'),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  NOTIFY_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  // Where people open the cabinet (links in e-mails: newsletter confirmation and unsubscribe).
  PUBLIC_URL: z.string().url().optional(),
  NEWSLETTER_CONFIRM_HOURS: z.coerce.number().int().min(1).max(720).default(72),
  PAYMENT_PROVIDER: z.enum(['sandbox']).default('sandbox'),
  PAYMENT_SANDBOX_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  PAYMENT_CALLBACK_URL: z.string().url().optional(),
  SELLER_NAME: z.string().default('ООО «Кабинет» (демо)'),
  SELLER_INN: z.string().regex(/^\d{10}(\d{2})?$/, 'must be 10 or 12 digits').default('7700000000'),
  SELLER_TAX_SYSTEM: z.enum(['osn', 'usn_income', 'usn_income_outcome', 'esn', 'patent']).default('osn'),
  SELLER_ADDRESS: z.string().default('Москва'),
  BONUS_ACCRUAL_PERCENT: z.coerce.number().min(0).max(100).refine((n) => Number.isInteger(n * 100), 'at most two decimals').default(1),
  BONUS_SPEND_EXCLUDED_CATEGORIES: categoryList('tobacco'),
  BONUS_ACCRUAL_EXCLUDED_CATEGORIES: categoryList('tobacco'),
  BONUS_POINTS_TTL_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  BONUS_TRANSFER_DAILY_POINTS: z.coerce.number().int().min(0).default(3000),
  BONUS_TRANSFER_DAILY_COUNT: z.coerce.number().int().min(0).default(5),
  BONUS_EXPIRY_NOTICE_DAYS: z.coerce.number().int().min(0).max(90).default(7),
  BONUS_TILL_SIMULATOR: bool.optional(),
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: bool.optional(),
  // Gosuslugi (ESIA) sign-in through OpenID Connect (issue 9)
  ESIA_ISSUER_URL: z.string().url().optional(),
  ESIA_CLIENT_ID: z.string().min(1).optional(),
  ESIA_CLIENT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  ESIA_REDIRECT_URI: z.string().url().optional(),
  ESIA_STAND_IN: bool.optional(),
  ESIA_STAND_IN_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  BONUS_CAMPAIGN_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  // Per-process caches the database change feed keeps fresh (sessions, tariffs): entries live at most this long; 0: off
  FEED_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).optional(),
  // Support chat streams (issue 8): how long one SSE response lives, and the heartbeat (each also re-reads)
  SUPPORT_STREAM_SECONDS: z.coerce.number().min(0.2).max(3600).default(55),
  SUPPORT_HEARTBEAT_SECONDS: z.coerce.number().min(0.1).max(300).default(15),
  // Web Push (issue 10): the VAPID key pair (base64url, as `web-push generate-vapid-keys` prints) and a contact
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{87}$/, 'must be an uncompressed P-256 public key, base64url (87 characters)').optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a P-256 private key, base64url (43 characters)').optional(),
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, 'must be a mailto: or https: URL').default('mailto:support@cabinet.example'),
  PUSH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  APP_NAME: z.string().default('Личный кабинет'),
  SUPPORT_PHONE: z.string().default('+78000000000'),
  SUPPORT_EMAIL: z.string().email().default('support@cabinet.example'),
});

export type Feature = (typeof FEATURES)[number];

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Null: start the embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  embeddedPgPort: number;
  workers: number;
  jwtSecret: string;
  corsOrigin: string[];
  serveWeb: boolean;
  webDist: string;
  logLevel: string;
  trustProxy: string;
  features: Feature[];
  passwordResetRequiresSurname: boolean;
  /** Caches kept fresh by the change feed (the session check, tariff rows): max age; 0: none. Default 10 s; 0 under NODE_ENV=test (suites that test them turn them on). */
  feedCacheSeconds: number;
  rateLimit: { authPerMinute: number; otpPerMinute: number };
  devInbox: boolean;
  seedDemo: boolean;
  smsTransport: 'outbox' | 'http';
  notifications: {
    /** The HTTP SMS gateway (SMS_TRANSPORT=http). */
    smsGateway: { url: string; key: string; sender: string } | null;
    /** SMTP by URL; null: e-mails stay in the outbox (dev inbox). */
    smtpUrl: string | null;
    mailFrom: string;
    maxAttempts: number;
    retryBaseSeconds: number;
  };
  /** The SPA's address, for links in e-mails (no trailing slash). */
  publicUrl: string;
  newsletterConfirmHours: number;
  payments: {
    provider: 'sandbox';
    /** HMAC secret of the sandbox acquirer's callbacks. */
    sandboxSecret: string;
    /** Where the sandbox acquirer posts its callbacks; null: it only queues them (tests deliver them by hand). */
    callbackUrl: string | null;
    seller: { name: string; inn: string; taxSystem: string; address: string };
  };
  bonus: BonusConfig;
  webhooks: {
    /** Receivers may be on loopback, private or link-local addresses (outside production, for local receivers). */
    allowPrivateAddresses: boolean;
  };
  esia: {
    /** The OpenID provider; null: the sign-in is off (unless main.ts starts the stand-in and fills it in). */
    issuer: string | null;
    clientId: string;
    clientSecret: string;
    /** The registered callback; null: derived from the request's host (dev only). */
    redirectUri: string | null;
    /** Run the local stand-in provider (dev; never in production). */
    standIn: boolean;
    standInPort: number;
  };
  support: {
    /** One Server-Sent Events response lives this long; the client reconnects with Last-Event-ID. */
    streamSeconds: number;
    heartbeatSeconds: number;
  };
  push: {
    /** Null: Web Push is off (production without VAPID keys). */
    vapid: { publicKey: string; privateKey: string; subject: string } | null;
    maxAttempts: number;
    /** Push-service endpoints on plain http (the local stand-in; never in production). */
    allowHttp: boolean;
  };
  about: { name: string; support: { phone: string; email: string } };
  version: string;
}

export interface BonusConfig {
  /** Basis points of the paid amount earned as points (1 % = 100). */
  accrualBasisPoints: number;
  /** Categories points may not pay for (tobacco by law). */
  spendExcluded: BonusCategory[];
  /** Categories that earn no points. */
  accrualExcluded: BonusCategory[];
  pointsTtlMonths: number;
  transferDailyPoints: number;
  transferDailyCount: number;
  /** "N points expire on DATE" goes by SMS this many days ahead (0: never). */
  expiryNoticeDays: number;
  /** The till simulator for staff (off in production unless asked for). */
  tillSimulator: boolean;
  /** How long a node keeps the campaigns it read (0: reads them for every receipt). */
  campaignCacheSeconds: number;
}

export class ConfigError extends Error {}

/**
 * The one reader of the environment. Fails fast naming the bad variable.
 * Tests pass their own `env` object instead of touching process.env.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && e.ESIA_ISSUER_URL && (!e.ESIA_CLIENT_ID || !e.ESIA_CLIENT_SECRET || !e.ESIA_REDIRECT_URI)) {
    throw new ConfigError('Invalid configuration:\n  ESIA_ISSUER_URL: needs ESIA_CLIENT_ID, ESIA_CLIENT_SECRET and ESIA_REDIRECT_URI in production');
  }
  if (production && !e.JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required in production (at least 32 characters)');
  }
  if (e.SMS_TRANSPORT === 'http' && (!e.SMS_GATEWAY_URL || !e.SMS_GATEWAY_KEY)) {
    throw new ConfigError('Invalid configuration:\n  SMS_TRANSPORT: http needs SMS_GATEWAY_URL and SMS_GATEWAY_KEY');
  }
  const jwtSecret = e.JWT_SECRET ?? localSecret(path.resolve(e.DATA_DIR));
  if (!!e.VAPID_PUBLIC_KEY !== !!e.VAPID_PRIVATE_KEY) {
    throw new ConfigError(`Invalid configuration:\n  ${e.VAPID_PUBLIC_KEY ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY'}: VAPID keys come as a pair`);
  }
  const vapidKeys = e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY } : production ? null : localVapidKeys(path.resolve(e.DATA_DIR));
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: path.resolve(e.DATA_DIR),
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    workers: e.WORKERS ?? Math.max(1, cpus().length),
    jwtSecret,
    corsOrigin: e.CORS_ORIGIN.split(',').map((s) => s.trim()).filter(Boolean),
    serveWeb: e.SERVE_WEB,
    webDist: path.resolve(e.WEB_DIST),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    features: e.FEATURES,
    passwordResetRequiresSurname: e.PASSWORD_RESET_REQUIRE_SURNAME,
    feedCacheSeconds: e.FEED_CACHE_SECONDS ?? (e.NODE_ENV === 'test' ? 0 : 10),
    rateLimit: { authPerMinute: e.RATE_LIMIT_AUTH_PER_MINUTE, otpPerMinute: e.RATE_LIMIT_OTP_PER_MINUTE },
    devInbox: e.DEV_INBOX ?? !production,
    seedDemo: e.SEED_DEMO,
    smsTransport: e.SMS_TRANSPORT,
    notifications: {
      smsGateway: e.SMS_TRANSPORT === 'http' ? { url: e.SMS_GATEWAY_URL!, key: e.SMS_GATEWAY_KEY!, sender: e.SMS_SENDER } : null,
      smtpUrl: e.SMTP_URL ?? null,
      mailFrom: e.MAIL_FROM,
      maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
      retryBaseSeconds: e.NOTIFY_RETRY_BASE_SECONDS,
    },
    publicUrl: (e.PUBLIC_URL ?? (production ? `http://localhost:${e.PORT}` : (e.CORS_ORIGIN.split(',')[0]?.trim() || `http://localhost:${e.PORT}`))).replace(/\/+$/, ''),
    newsletterConfirmHours: e.NEWSLETTER_CONFIRM_HOURS,
    payments: {
      provider: e.PAYMENT_PROVIDER,
      sandboxSecret: e.PAYMENT_SANDBOX_SECRET ?? createHmac('sha256', jwtSecret).update('sandbox-acquirer-callbacks').digest('hex'),
      callbackUrl: e.PAYMENT_CALLBACK_URL ?? (e.NODE_ENV === 'test' ? null : `http://127.0.0.1:${e.PORT}/api/v1/payments/callbacks/sandbox`),
      seller: { name: e.SELLER_NAME, inn: e.SELLER_INN, taxSystem: e.SELLER_TAX_SYSTEM, address: e.SELLER_ADDRESS },
    },
    bonus: {
      accrualBasisPoints: Math.round(e.BONUS_ACCRUAL_PERCENT * 100),
      spendExcluded: e.BONUS_SPEND_EXCLUDED_CATEGORIES,
      accrualExcluded: e.BONUS_ACCRUAL_EXCLUDED_CATEGORIES,
      pointsTtlMonths: e.BONUS_POINTS_TTL_MONTHS,
      transferDailyPoints: e.BONUS_TRANSFER_DAILY_POINTS,
      transferDailyCount: e.BONUS_TRANSFER_DAILY_COUNT,
      expiryNoticeDays: e.BONUS_EXPIRY_NOTICE_DAYS,
      tillSimulator: e.BONUS_TILL_SIMULATOR ?? !production,
      campaignCacheSeconds: e.BONUS_CAMPAIGN_CACHE_SECONDS,
    },
    webhooks: { allowPrivateAddresses: e.WEBHOOK_ALLOW_PRIVATE_ADDRESSES ?? !production },
    esia: {
      issuer: e.ESIA_ISSUER_URL ?? null,
      clientId: e.ESIA_CLIENT_ID ?? 'cabinet',
      clientSecret: e.ESIA_CLIENT_SECRET ?? createHmac('sha256', jwtSecret).update('esia-stand-in-client').digest('base64url'),
      redirectUri: e.ESIA_REDIRECT_URI ?? null,
      standIn: !production && (e.ESIA_STAND_IN ?? (e.NODE_ENV === 'development' && !e.ESIA_ISSUER_URL)),
      standInPort: e.ESIA_STAND_IN_PORT,
    },
    support: { streamSeconds: e.SUPPORT_STREAM_SECONDS, heartbeatSeconds: e.SUPPORT_HEARTBEAT_SECONDS },
    push: {
      vapid: vapidKeys ? { ...vapidKeys, subject: e.VAPID_SUBJECT } : null,
      maxAttempts: e.PUSH_MAX_ATTEMPTS,
      allowHttp: !production,
    },
    about: { name: e.APP_NAME, support: { phone: e.SUPPORT_PHONE, email: e.SUPPORT_EMAIL } },
    version: readVersion(),
  };
}

/** Outside production a VAPID key pair is made once and kept under the data folder (every worker signs with it). */
function localVapidKeys(dataDir: string): { publicKey: string; privateKey: string } {
  const file = path.join(dataDir, 'vapid-keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const keys = { publicKey: ecdh.getPublicKey().toString('base64url'), privateKey: ecdh.getPrivateKey().toString('hex').padStart(64, '0') };
  keys.privateKey = Buffer.from(keys.privateKey, 'hex').toString('base64url');
  try {
    writeFileSync(file, JSON.stringify(keys), { flag: 'wx', mode: 0o600 });
    return keys;
  } catch {
    return JSON.parse(readFileSync(file, 'utf8')); // another worker wrote it first
  }
}

/** Outside production a signing secret is made once and kept under the data folder, so every worker shares it. */
function localSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    writeFileSync(file, secret, { flag: 'wx', mode: 0o600 });
    return secret;
  } catch {
    return readFileSync(file, 'utf8').trim(); // another worker wrote it first
  }
}

function readVersion(): string {
  try {
    return JSON.parse(readFileSync(path.join(REPO_ROOT, 'apps', 'api', 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}
