import type { GuideStateView, OfficeView, SpeedTestResultView } from '@cabinet/shared-types';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Dictionary } from '@/shared/i18n/dictionary';
import { en } from '@/features/help/i18n/en';
import { ru } from '@/features/help/i18n/ru';
import { createFakeApi, json, noContent, signedIn } from './fake-api';
import { renderApp } from './render-app';

const allTips = ['home', 'accounts', 'payments', 'tariffs', 'loans', 'bonus', 'orders', 'profile'] as const;
const fresh: GuideStateView = { pending: [...allTips], dismissed: [], dismissedAllAt: null };

function office(overrides: Partial<OfficeView> = {}): OfficeView {
  const week = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({ day, opens: day === 'sun' ? null : '09:00', closes: day === 'sun' ? null : '21:00' }));
  return {
    id: 'of-1',
    code: 'spb-nevsky',
    kind: 'office',
    name: 'Офис на Невском',
    city: 'Санкт-Петербург',
    address: 'Невский пр., д. 28',
    latitude: 59.935602,
    longitude: 30.325908,
    phone: '+78120000001',
    hours: week,
    simPickup: true,
    maps: { yandex: 'https://yandex.ru/maps/?pt=30.325908,59.935602&z=17&l=map', google: 'https://www.google.com/maps/search/?api=1&query=59.935602,30.325908' },
    ...overrides,
  };
}

describe('the onboarding guide', () => {
  it('when a customer opens the cabinet for the first time, then the section’s tip shows; “Понятно” dismisses that one on the server', async () => {
    let state = fresh;
    const api = signedIn(createFakeApi())
      .on('GET', '/me/guide', () => json(200, state))
      .on('POST', '/me/guide/dismissals', (req) => {
        state = { ...state, pending: state.pending.filter((x) => x !== (req.body as { tip: string }).tip), dismissed: [(req.body as { tip: typeof allTips[number] }).tip] };
        return json(200, state);
      });
    const { user } = renderApp('/sessions');
    // /sessions is no section of the guide: no tip there.
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('region', { name: 'Подсказка' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Главная' }));
    const tip = await screen.findByRole('region', { name: 'Подсказка' });
    expect(within(tip).getByText('Всё главное на одном экране')).toBeInTheDocument();
    expect(within(tip).getByText('Подсказка 1 из 8')).toBeInTheDocument();
    await user.click(within(tip).getByRole('button', { name: 'Понятно' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Подсказка' })).not.toBeInTheDocument());
    expect(api.callsTo('POST', '/me/guide/dismissals').map((c) => c.body)).toEqual([{ tip: 'home' }]);

    // The next section still has its own tip.
    await user.click(screen.getByRole('link', { name: 'Платежи' }));
    expect(await screen.findByRole('region', { name: 'Подсказка' })).toHaveTextContent('Подсказка 3 из 8');
  });

  it('when “Больше не показывать подсказки” is pressed, then the whole guide is dismissed', async () => {
    const api = signedIn(createFakeApi())
      .on('GET', '/me/guide', () => json(200, fresh))
      .on('POST', '/me/guide/dismissals', () => json(200, { pending: [], dismissed: [], dismissedAllAt: '2026-11-22T09:00:00Z' }));
    const { user } = renderApp('/payments');
    const tip = await screen.findByRole('region', { name: 'Подсказка' });
    await user.click(within(tip).getByRole('button', { name: 'Больше не показывать подсказки' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Подсказка' })).not.toBeInTheDocument());
    expect(api.callsTo('POST', '/me/guide/dismissals')[0]?.body).toEqual({ all: true });
    await user.click(screen.getByRole('link', { name: 'Бонусы' }));
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('region', { name: 'Подсказка' })).not.toBeInTheDocument();
  });
});

describe('offices and pick-up points (public)', () => {
  it('lists the offices with hours and “open in maps” links, and asks for SIM pick-up points only when ticked', async () => {
    const api = createFakeApi().on('GET', '/offices', (req) =>
      json(200, { items: req.url.searchParams.get('simPickup') === 'true' ? [office()] : [office(), office({ id: 'of-2', code: 'p', kind: 'pickup', name: 'Пункт выдачи «Просвещения»', simPickup: false, phone: null })] }),
    );
    const { user } = renderApp('/offices');
    expect(await screen.findByRole('heading', { level: 1, name: 'Офисы и пункты выдачи' })).toBeInTheDocument();
    const nevsky = await screen.findByRole('article', { name: 'Офис на Невском' });
    expect(within(nevsky).getByText('Санкт-Петербург, Невский пр., д. 28')).toBeInTheDocument();
    expect(within(nevsky).getByText('Выдача SIM')).toBeInTheDocument();
    expect(within(nevsky).getByText('выходной')).toBeInTheDocument();
    const yandex = within(nevsky).getByRole('link', { name: /Открыть в Яндекс Картах/ });
    expect(yandex).toHaveAttribute('href', office().maps.yandex);
    expect(yandex).toHaveAttribute('target', '_blank');
    expect(within(nevsky).getByRole('link', { name: /Открыть в Google Maps/ })).toHaveAttribute('href', office().maps.google);
    expect(screen.getByRole('article', { name: 'Пункт выдачи «Просвещения»' })).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Только с выдачей SIM-карт' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Пункт выдачи «Просвещения»' })).not.toBeInTheDocument());
    expect(api.calls.some((c) => c.path === '/offices' && c.url.searchParams.get('simPickup') === 'true')).toBe(true);
    expect(api.callsTo('GET', '/offices')[0]?.headers.get('Authorization')).toBeNull();
  });
});

describe('about and documents (public)', () => {
  it('shows the version and the documents in force; a document shows its text and every version', async () => {
    createFakeApi()
      .on('GET', '/about', () =>
        json(200, {
          name: 'Личный кабинет',
          version: '0.1.0',
          support: { phone: '+78000000000', email: 'support@cabinet.example' },
          documents: [
            { code: 'terms', version: 'terms-2026-11', title: 'Пользовательское соглашение личного кабинета', effectiveFrom: '2026-11-01T00:00:00Z' },
            { code: 'privacy', version: 'privacy-2026-12', title: 'Политика обработки персональных данных', effectiveFrom: '2026-12-01T00:00:00Z' },
          ],
        }),
      )
      .on('GET', '/documents/privacy', () =>
        json(200, {
          code: 'privacy', version: 'privacy-2026-12', title: 'Политика обработки персональных данных', body: 'Новая редакция.\n\nВторой абзац.', effectiveFrom: '2026-12-01T00:00:00Z',
          versions: [
            { code: 'privacy', version: 'privacy-2026-12', title: 'Политика', effectiveFrom: '2026-12-01T00:00:00Z' },
            { code: 'privacy', version: 'privacy-2026-11', title: 'Политика', effectiveFrom: '2026-11-01T00:00:00Z' },
          ],
        }),
      )
      .on('GET', '/documents/privacy/versions/privacy-2026-11', () => json(200, { code: 'privacy', version: 'privacy-2026-11', title: 'Политика обработки персональных данных', body: 'Прежняя редакция.', effectiveFrom: '2026-11-01T00:00:00Z' }));
    const { user } = renderApp('/about');
    expect(await screen.findByRole('heading', { level: 1, name: 'О приложении' })).toBeInTheDocument();
    expect(await screen.findByText('Личный кабинет 0.1.0')).toBeInTheDocument();
    const docs = screen.getByRole('list', { name: 'Документы' });
    expect(within(docs).getByText(/Редакция terms-2026-11/)).toBeInTheDocument();
    await user.click(within(docs).getByRole('link', { name: 'Политика обработки персональных данных' }));
    expect(await screen.findByText('Второй абзац.')).toBeInTheDocument();
    const versions = screen.getByRole('navigation', { name: 'Все редакции' });
    await user.click(within(versions).getByRole('link', { name: /privacy-2026-11/ }));
    expect(await screen.findByText('Прежняя редакция.')).toBeInTheDocument();
  });
});

describe('the speed test', () => {
  it('measures latency, download and upload, shows Mbit/s and keeps the result in the history', async () => {
    const saved: SpeedTestResultView[] = [];
    const api = signedIn(createFakeApi())
      .on('GET', '/me/guide', () => json(200, { pending: [], dismissed: [], dismissedAllAt: '2026-11-22T09:00:00Z' }))
      .on('GET', '/speedtest/ping', () => noContent())
      .on('GET', '/speedtest/download', (req) => new Response(new Uint8Array(Number(req.url.searchParams.get('bytes'))), { status: 200, headers: { 'content-type': 'application/octet-stream' } }))
      .on('POST', '/speedtest/upload', () => json(201, { id: 'up-1', bytes: 524288, durationMs: 40, kbps: 104858 }))
      .on('POST', '/speedtest/results', (req) => {
        const body = req.body as Omit<SpeedTestResultView, 'id' | 'createdAt' | 'serverUploadKbps'>;
        const result = { ...body, id: `r-${saved.length + 1}`, serverUploadKbps: 104858, createdAt: '2026-11-22T09:00:00Z' };
        saved.unshift(result);
        return json(201, { ...result, downloadKbps: 94_500, uploadKbps: 48_200, latencyMs: 12 });
      })
      .on('GET', '/speedtest/results', () => json(200, { items: saved.map((r) => ({ ...r, downloadKbps: 94_500 })), nextCursor: null }));
    const { user } = renderApp('/speedtest');
    expect(await screen.findByText('Проверок ещё не было.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Начать проверку' }));

    const result = await screen.findByRole('region', { name: 'Результат' });
    expect(within(result).getByText('94,5 Мбит/с')).toBeInTheDocument();
    expect(within(result).getByText('48,2 Мбит/с')).toBeInTheDocument();
    expect(within(result).getByText('12 мс')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Результат сохранён в истории.');
    expect(api.callsTo('GET', '/speedtest/ping').length).toBe(6);
    expect(api.callsTo('POST', '/speedtest/upload')).toHaveLength(2);
    const post = api.callsTo('POST', '/speedtest/results')[0]!;
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
    expect(post.body).toMatchObject({ uploadId: 'up-1', downloadKbps: expect.any(Number), latencyMs: expect.any(Number), downloadBytes: expect.any(Number) });
    expect(api.callsTo('GET', '/speedtest/download')[0]?.headers.get('Authorization')).toBe('Bearer access-1');
    const row = await screen.findByRole('row', { name: /94,5 Мбит\/с/ });
    expect(row).toBeInTheDocument();
  });
});

describe('the help page', () => {
  it('lists the videos by section and switches the tips back on', async () => {
    let state: GuideStateView = { pending: [], dismissed: [], dismissedAllAt: '2026-11-22T09:00:00Z' };
    const api = signedIn(createFakeApi())
      .on('GET', '/me/guide', () => json(200, state))
      .on('DELETE', '/me/guide/dismissals', () => {
        state = fresh;
        return json(200, state);
      })
      .on('GET', '/help/videos', () =>
        json(200, {
          items: [
            { id: 'v-1', section: 'payments', title: 'Как пополнить счёт', url: 'https://rutube.ru/video/demo-payments/', durationSeconds: 150 },
            { id: 'v-2', section: 'bonus', title: 'Бонусная карта', url: 'https://rutube.ru/video/demo-bonus/', durationSeconds: 75 },
          ],
        }),
      );
    const { user } = renderApp('/help/videos');
    expect(await screen.findByRole('heading', { level: 1, name: 'Помощь' })).toBeInTheDocument();
    const payments = await screen.findByRole('region', { name: 'Платежи' });
    expect(within(payments).getByRole('link', { name: 'Как пополнить счёт (видео, откроется в новой вкладке)' })).toHaveAttribute('href', 'https://rutube.ru/video/demo-payments/');
    expect(within(payments).getByText('2 мин 30 с')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Бонусы' })).toBeInTheDocument();
    // jsdom has no service worker: the notifications section says so instead of offering a button.
    expect(screen.getByText('Этот браузер не поддерживает push-уведомления.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Показать подсказки снова' }));
    expect(await screen.findByText('Подсказки снова включены.')).toBeInTheDocument();
    expect(api.callsTo('DELETE', '/me/guide/dismissals')).toHaveLength(1);
    await user.click(screen.getByRole('link', { name: 'Платежи' }));
    expect(await screen.findByRole('region', { name: 'Подсказка' })).toBeInTheDocument();
  });
});

describe('help texts', () => {
  const keys = (d: Dictionary, prefix = ''): string[] =>
    Object.entries(d).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
  it('English has every key Russian has, and no extra ones', () => {
    expect(keys(en).sort()).toEqual(keys(ru).sort());
  });
});
