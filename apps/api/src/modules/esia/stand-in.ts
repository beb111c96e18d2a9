import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The local stand-in for Gosuslugi (ESIA) in dev and tests: a real OpenID Connect provider
 * (`oidc-provider`) with a sign-in page of its own and test persons, on its own port. It behaves like
 * the real thing where the product can tell: discovery, the authorization code flow with PKCE (required),
 * signed ID tokens with the nonce, userinfo by scope, `state` and `iss` in the callback, errors as OAuth
 * errors. It keeps its sessions in memory: one stand-in per deployment (main.ts runs it in the primary
 * process), never in production.
 */
export interface EsiaTestPerson {
  sub: string;
  /** What the person types on the stand-in's page: the phone (or the SNILS). */
  login: string;
  password: string;
  trusted: boolean;
  family_name: string;
  given_name: string;
  middle_name: string | null;
  birthdate: string;
  gender: 'male' | 'female';
  phone_number: string;
  passport: { series: string; number: string; issued_at: string; issued_by: string };
}

/** Every test person's password on the stand-in's page. */
export const ESIA_TEST_PASSWORD = 'gosuslugi';

export const ESIA_TEST_PERSONS: EsiaTestPerson[] = [
  {
    sub: 'esia-1000001',
    login: '+79210000050',
    password: ESIA_TEST_PASSWORD,
    trusted: true,
    family_name: 'Петров',
    given_name: 'Пётр',
    middle_name: 'Сергеевич',
    birthdate: '1990-03-15',
    gender: 'male',
    phone_number: '+79210000050',
    passport: { series: '4010', number: '123456', issued_at: '2010-04-01', issued_by: 'ТП № 1 отдела УФМС России по Санкт-Петербургу' },
  },
  {
    sub: 'esia-1000002',
    login: '+79210000051',
    password: ESIA_TEST_PASSWORD,
    trusted: true,
    family_name: 'Сидорова',
    given_name: 'Анна',
    middle_name: 'Викторовна',
    birthdate: '1987-11-02',
    gender: 'female',
    phone_number: '+79210000051',
    passport: { series: '4012', number: '654321', issued_at: '2012-06-20', issued_by: 'ГУ МВД России по г. Санкт-Петербургу' },
  },
  {
    sub: 'esia-1000003',
    login: '+79210000052',
    password: ESIA_TEST_PASSWORD,
    trusted: false,
    family_name: 'Смирнов',
    given_name: 'Алексей',
    middle_name: null,
    birthdate: '1995-07-30',
    gender: 'male',
    phone_number: '+79210000052',
    passport: { series: '4015', number: '111222', issued_at: '2015-08-10', issued_by: 'ГУ МВД России по Ленинградской области' },
  },
];

export interface EsiaStandIn {
  issuer: string;
  close(): Promise<void>;
}

const CALLBACK_PATH = '/api/v1/auth/esia/callback';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>
body{font-family:system-ui,sans-serif;background:#eef2f8;margin:0;color:#0b1f33}
main{max-width:420px;margin:32px auto;background:#fff;border-radius:16px;padding:24px;box-shadow:0 4px 24px #0b1f3314}
h1{font-size:22px;margin:0 0 4px}.brand{color:#0d4cd3;font-weight:700;font-size:20px}.stand{color:#66727f;font-size:13px;margin:0 0 16px}
label{display:block;margin:12px 0 4px;font-weight:600}input{box-sizing:border-box;width:100%;padding:12px;border:1px solid #b2bac2;border-radius:8px;font-size:16px}
button{margin-top:16px;width:100%;padding:12px;border:0;border-radius:8px;background:#0d4cd3;color:#fff;font-size:16px;cursor:pointer}
button.link{background:none;color:#0d4cd3;margin-top:8px}.err{color:#b3261e;margin:12px 0 0}table{font-size:13px;border-collapse:collapse;margin-top:20px;width:100%}
td,th{border-top:1px solid #e1e5ea;padding:6px 4px;text-align:left}
</style></head><body><main><div class="brand">госуслуги</div><p class="stand">Тестовый стенд ЕСИА (локальный OpenID-провайдер)</p>${body}</main></body></html>`;
}

function loginPage(uid: string, client: string, error: string | null, login = ''): string {
  const rows = ESIA_TEST_PERSONS.map(
    (p) => `<tr><td>${esc(p.login)}</td><td>${esc(`${p.family_name} ${p.given_name}`)}</td><td>${p.trusted ? 'подтверждённая' : 'не подтверждена'}</td></tr>`,
  ).join('');
  return page(
    'Вход — Госуслуги (тестовый стенд)',
    `<h1>Вход</h1><p>для продолжения в «${esc(client)}»</p>
<form method="post" action="/interaction/${esc(uid)}/login">
<label for="login">Телефон / Email / СНИЛС</label><input id="login" name="login" autocomplete="username" value="${esc(login)}" required>
<label for="password">Пароль</label><input id="password" name="password" type="password" autocomplete="current-password" required>
${error ? `<p class="err" role="alert">${esc(error)}</p>` : ''}
<button type="submit">Войти</button></form>
<form method="post" action="/interaction/${esc(uid)}/abort"><button class="link" type="submit">Отмена</button></form>
<table aria-label="Тестовые учётные записи"><tr><th>Логин</th><th>Кто</th><th>Учётная запись</th></tr>${rows}</table>
<p class="stand">Пароль у всех: ${ESIA_TEST_PASSWORD}</p>`,
  );
}

async function formBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  let raw = '';
  for await (const chunk of req) {
    raw += chunk;
    if (raw.length > 10_000) break;
  }
  return new URLSearchParams(raw);
}

/** Starts the stand-in on `host:port` (port 0: any free one). `clientId`/`clientSecret` is the product's registration. */
export async function startEsiaStandIn(opts: { clientId: string; clientSecret: string; host?: string; port?: number; persons?: EsiaTestPerson[] }): Promise<EsiaStandIn> {
  const persons = opts.persons ?? ESIA_TEST_PERSONS;
  const host = opts.host ?? '127.0.0.1';
  const server = http.createServer();
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, host, () => ok());
  });
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;

  const { default: Provider } = await import('oidc-provider');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'stand-in-1', use: 'sig', alg: 'RS256' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        redirect_uris: [`http://127.0.0.1${CALLBACK_PATH}`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    scopes: ['openid', 'fullname', 'birthdate', 'gender', 'mobile', 'id_doc'],
    claims: {
      openid: ['sub', 'trusted'],
      fullname: ['family_name', 'given_name', 'middle_name'],
      birthdate: ['birthdate'],
      gender: ['gender'],
      mobile: ['phone_number', 'phone_number_verified'],
      id_doc: ['passport'],
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, sub: string) => {
      const p = persons.find((x) => x.sub === sub);
      if (!p) return undefined;
      return {
        accountId: p.sub,
        claims: async () => ({
          sub: p.sub,
          trusted: p.trusted,
          family_name: p.family_name,
          given_name: p.given_name,
          middle_name: p.middle_name ?? undefined,
          birthdate: p.birthdate,
          gender: p.gender,
          phone_number: p.phone_number,
          phone_number_verified: true,
          passport: p.passport,
        }),
      };
    },
    renderError: async (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = page('Ошибка — Госуслуги (тестовый стенд)', `<h1>Ошибка</h1><p>${esc(out.error ?? 'error')}: ${esc(out.error_description ?? '')}</p>`);
    },
  } as never);
  // Any port of the loopback may receive the code: dev servers and test runs pick their ports.
  const proto = (provider as unknown as { Client: { prototype: { redirectUriAllowed(v: string): boolean } } }).Client.prototype;
  const allowed = proto.redirectUriAllowed;
  proto.redirectUriAllowed = function (value: string) {
    const u = URL.parse(value);
    return (u !== null && u.protocol === 'http:' && LOOPBACK.has(u.hostname) && u.pathname === CALLBACK_PATH && !u.search) || allowed.call(this, value);
  };

  type Details = { uid: string; prompt: { name: string }; params: { client_id: string; scope: string } };
  const p = provider as unknown as {
    callback(): http.RequestListener;
    interactionDetails(req: http.IncomingMessage, res: http.ServerResponse): Promise<Details>;
    interactionFinished(req: http.IncomingMessage, res: http.ServerResponse, result: unknown, o?: unknown): Promise<void>;
    Grant: new (o: { accountId: string; clientId: string }) => { addOIDCScope(s: string): void; save(): Promise<string> };
  };
  const handle = p.callback();

  server.on('request', (req, res) => {
    const m = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec((req.url ?? '').split('?')[0]);
    if (!m) return handle(req, res);
    void (async () => {
      const details = await p.interactionDetails(req, res);
      if (details.uid !== m[1]) throw new Error('interaction mismatch');
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://localhost:* http://127.0.0.1:*");
      if (m[2] === 'abort') {
        return p.interactionFinished(req, res, { error: 'access_denied', error_description: 'Вход отменён' }, { mergeWithLastSubmission: false });
      }
      if (m[2] !== 'login' || req.method !== 'POST') {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        return void res.end(loginPage(details.uid, details.params.client_id, null));
      }
      const form = await formBody(req);
      const login = (form.get('login') ?? '').replace(/[\s()-]/g, '').replace(/^8(\d{10})$/, '+7$1');
      const person = persons.find((x) => x.login === login && x.password === form.get('password'));
      if (!person) {
        res.statusCode = 200;
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        return void res.end(loginPage(details.uid, details.params.client_id, 'Неверный логин или пароль', form.get('login') ?? ''));
      }
      const grant = new p.Grant({ accountId: person.sub, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      const grantId = await grant.save();
      await p.interactionFinished(req, res, { login: { accountId: person.sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
    })().catch((err: Error) => {
      if (res.headersSent) return;
      res.statusCode = 400;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(page('Ошибка — Госуслуги (тестовый стенд)', `<h1>Сеанс входа истёк</h1><p>${esc(err.message)}</p>`));
    });
  });

  return {
    issuer,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
