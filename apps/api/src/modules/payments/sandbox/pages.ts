import express, { type Request, type Response, type Router } from 'express';
import { formatRub } from '../../../platform/money';
import { SANDBOX_3DS_CODE, SANDBOX_TEST_CARDS, type NextStep, type SandboxAcquirer } from './acquirer';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const groups = (n: string) => n.replace(/(\d{4})(?=\d)/g, '$1 ');

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} — тестовый эквайер</title>
<style>
body{font-family:system-ui,sans-serif;background:#eef1f5;margin:0;color:#1b1f24}
main{max-width:26rem;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 2px 12px #0002}
h1{font-size:1.25rem;margin:0 0 .25rem}.sum{font-size:1.6rem;font-weight:700;margin:.5rem 0 1rem}
label{display:block;margin:.75rem 0 .25rem;font-weight:600}input{width:100%;box-sizing:border-box;font-size:1.1rem;padding:.6rem;border:1px solid #8a94a3;border-radius:8px}
.row{display:flex;gap:.75rem}.row>div{flex:1}button{width:100%;font-size:1.1rem;padding:.75rem;margin-top:1rem;border:0;border-radius:8px;background:#0b5cd5;color:#fff;cursor:pointer}
button.secondary{background:#e3e7ee;color:#1b1f24}.err{background:#fde8e8;color:#8a1111;padding:.6rem;border-radius:8px}
.note{font-size:.85rem;color:#4a5361}table{font-size:.8rem;border-collapse:collapse;width:100%}td{padding:.2rem .3rem;border-top:1px solid #e3e7ee}
.badge{display:inline-block;background:#fff4cc;color:#5c4700;border-radius:6px;padding:.1rem .4rem;font-size:.8rem}
</style></head><body><main>${body}</main></body></html>`;
}

const header = (p: { amount: bigint; description: string }) =>
  `<span class="badge">Тестовый эквайер · деньги не списываются</span><h1>${esc(p.description)}</h1><p class="sum">${esc(formatRub(p.amount))}</p>`;

function cardForm(id: string, p: { amount: bigint; description: string }, error?: string): string {
  const cards = SANDBOX_TEST_CARDS.map((c) => `<tr><td><code>${groups(c.number)}</code></td><td>${esc(c.note)}</td></tr>`).join('');
  return layout(
    'Оплата картой',
    `${header(p)}${error ? `<p class="err" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/api/sandbox/acquirer/pay/${esc(id)}">
<label for="number">Номер карты</label><input id="number" name="number" inputmode="numeric" autocomplete="cc-number" required maxlength="23">
<div class="row"><div><label for="exp">Срок (ММ/ГГ)</label><input id="exp" name="exp" placeholder="12/30" autocomplete="cc-exp" required maxlength="5" pattern="\\d{2}/\\d{2}"></div>
<div><label for="cvc">CVC</label><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" required maxlength="3" pattern="\\d{3}"></div></div>
<label for="holder">Владелец карты</label><input id="holder" name="holder" autocomplete="cc-name" required maxlength="100" placeholder="IVAN IVANOV">
<button type="submit">Оплатить ${esc(formatRub(p.amount))}</button></form>
<form method="post" action="/api/sandbox/acquirer/cancel/${esc(id)}"><button class="secondary" type="submit">Отменить и вернуться</button></form>
<details><summary class="note">Тестовые карты</summary><table>${cards}</table><p class="note">Любой срок в будущем и любой CVC. Код 3-D Secure: ${SANDBOX_3DS_CODE}.</p></details>`,
  );
}

function threeDsForm(id: string, p: { amount: bigint; description: string }): string {
  return layout(
    '3-D Secure',
    `<span class="badge">Тестовый банк · 3-D Secure</span><h1>Подтвердите покупку</h1><p>${esc(p.description)}</p><p class="sum">${esc(formatRub(p.amount))}</p>
<form method="post" action="/api/sandbox/acquirer/3ds/${esc(id)}">
<label for="code">Код из SMS банка</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="6">
<p class="note">В тестовом банке код всегда ${SANDBOX_3DS_CODE}.</p><button type="submit">Подтвердить</button></form>`,
  );
}

function decideForm(id: string, kind: 'sbp' | 'wallet', p: { amount: bigint; description: string }): string {
  const title = kind === 'sbp' ? 'Тестовый банк · оплата по СБП' : 'Тестовый кошелёк';
  return layout(
    title,
    `<span class="badge">${esc(title)}</span><h1>${esc(p.description)}</h1><p class="sum">${esc(formatRub(p.amount))}</p>
<form method="post" action="/api/sandbox/acquirer/decide/${esc(id)}"><input type="hidden" name="approve" value="1"><button type="submit">Оплатить</button></form>
<form method="post" action="/api/sandbox/acquirer/decide/${esc(id)}"><input type="hidden" name="approve" value="0"><button class="secondary" type="submit">Отклонить</button></form>`,
  );
}

const done = (res: Response, returnUrl: string) =>
  res.status(200).type('html').send(layout('Готово', `<h1>Платёж обработан</h1><p><a href="${esc(returnUrl)}">Вернуться в магазин</a></p>`));

/**
 * The sandbox acquirer's pages, as a payer sees them: the card page, the 3-D Secure page, the SBP bank
 * app and the wallet. Plain HTML forms (they work without JavaScript), mounted at /api/sandbox/acquirer.
 */
export function sandboxPages(acquirer: SandboxAcquirer): Router {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false, limit: '8kb' }));
  const go = (res: Response, next: NextStep, retry: () => string) => (next.kind === 'redirect' ? res.redirect(303, next.url) : res.status(422).type('html').send(retry()));
  const field = (req: Request, k: string) => (typeof req.body?.[k] === 'string' ? (req.body[k] as string) : '');

  router.get('/pay/:id', async (req, res) => {
    const p = await acquirer.page(req.params.id);
    if (!p) return void res.status(404).type('html').send(layout('Не найдено', '<h1>Платёж не найден</h1>'));
    if (p.status !== 'pending') return done(res, p.returnUrl);
    if (p.threeDs) return res.redirect(303, `/api/sandbox/acquirer/3ds/${p.id}`);
    if (p.method === 'sbp' || p.method === 'wallet') return res.redirect(303, `/api/sandbox/acquirer/${p.method}/${p.id}`);
    res.type('html').send(cardForm(p.id, p));
  });
  router.post('/pay/:id', async (req, res) => {
    const p = await acquirer.page(req.params.id);
    if (!p) return void res.status(404).type('html').send(layout('Не найдено', '<h1>Платёж не найден</h1>'));
    const exp = /^(\d{2})\/(\d{2})$/.exec(field(req, 'exp').trim());
    const next: NextStep = exp && Number(exp[1]) >= 1 && Number(exp[1]) <= 12
      ? await acquirer.submitCard(p.id, { number: field(req, 'number'), expMonth: Number(exp[1]), expYear: 2000 + Number(exp[2]), cvc: field(req, 'cvc').trim(), holder: field(req, 'holder') })
      : { kind: 'error', message: 'Срок действия — месяц и год, например 12/30.' };
    go(res, next, () => cardForm(p.id, p, next.kind === 'error' ? next.message : undefined));
  });
  router.get('/3ds/:id', async (req, res) => {
    const p = await acquirer.page(req.params.id);
    if (!p) return void res.status(404).type('html').send(layout('Не найдено', '<h1>Платёж не найден</h1>'));
    if (p.status !== 'pending' || !p.threeDs) return done(res, p.returnUrl);
    res.type('html').send(threeDsForm(p.id, p));
  });
  router.post('/3ds/:id', async (req, res) => {
    go(res, await acquirer.submit3ds(req.params.id, field(req, 'code')), () => '');
  });
  for (const kind of ['sbp', 'wallet'] as const) {
    router.get(`/${kind}/:id`, async (req, res) => {
      const p = await acquirer.page(req.params.id);
      if (!p) return void res.status(404).type('html').send(layout('Не найдено', '<h1>Платёж не найден</h1>'));
      if (p.status !== 'pending') return done(res, p.returnUrl);
      res.type('html').send(decideForm(p.id, kind, p));
    });
  }
  router.post('/decide/:id', async (req, res) => {
    go(res, await acquirer.decide(req.params.id, field(req, 'approve') === '1'), () => '');
  });
  router.post('/cancel/:id', async (req, res) => {
    go(res, await acquirer.decide(req.params.id, false), () => '');
  });
  return router;
}
