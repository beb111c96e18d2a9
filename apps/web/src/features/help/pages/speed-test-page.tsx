import type { SpeedTestResultView } from '@cabinet/shared-types';
import { useState } from 'react';
import { formatDateTime, localeOf } from '@/shared/lib/format-date';
import { PageHeading } from '@/shared/ui/page-heading';
import { QueryError } from '@/shared/ui/query-error';
import { download, kbpsOf, ping, upload, useResults, useSaveResult } from '../api/speedtest';
import { useHelpError, useHelpT } from '../i18n/use-help-t';
import { TableScroll } from '@/shared/ui/table-scroll';

type Phase = 'idle' | 'latency' | 'download' | 'upload' | 'done' | 'failed';

const MB = 1024 * 1024;

/** The median of a few round trips: one slow one does not decide the latency. */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** A size that takes a second or two at the speed seen so far (from 1 MiB up to `max`). */
const nextSize = (kbps: number, max: number) => Math.min(max, Math.max(MB, Math.round(((kbps * 1000) / 8) * 2)));

function Figures({ result, language }: { result: Pick<SpeedTestResultView, 'downloadKbps' | 'uploadKbps' | 'latencyMs'>; language: string }) {
  const { t } = useHelpT();
  const mbps = (kbps: number) => new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(kbps / 1000);
  return (
    <dl className="facts speedtest__figures">
      <div>
        <dt>{t('speedtest.download')}</dt>
        <dd>{t('speedtest.mbps', { value: mbps(result.downloadKbps) })}</dd>
      </div>
      <div>
        <dt>{t('speedtest.upload')}</dt>
        <dd>{t('speedtest.mbps', { value: mbps(result.uploadKbps) })}</dd>
      </div>
      <div>
        <dt>{t('speedtest.latency')}</dt>
        <dd>{t('speedtest.ms', { value: result.latencyMs })}</dd>
      </div>
    </dl>
  );
}

/** /speedtest — download and upload against the API, Mbit/s and latency, kept in the history. */
export function SpeedTestPage() {
  const { t, language } = useHelpT();
  const describe = useHelpError();
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<SpeedTestResultView | null>(null);
  const save = useSaveResult();
  const results = useResults();
  const running = phase === 'latency' || phase === 'download' || phase === 'upload';

  const start = async () => {
    setError(null);
    setLast(null);
    try {
      setPhase('latency');
      await ping(); // warms the connection up
      const rtts: number[] = [];
      for (let i = 0; i < 5; i++) rtts.push(await ping());
      setPhase('download');
      const probe = await download(MB);
      const down = await download(nextSize(kbpsOf(probe.bytes, probe.ms), 40 * MB));
      setPhase('upload');
      const upProbe = await upload(MB / 2);
      const up = await upload(nextSize(kbpsOf(upProbe.server.bytes, upProbe.ms), 16 * MB));
      const saved = await save.mutateAsync({
        idempotencyKey: crypto.randomUUID(),
        result: {
          downloadKbps: kbpsOf(down.bytes, down.ms),
          uploadKbps: kbpsOf(up.server.bytes, up.ms),
          latencyMs: Math.round(median(rtts)),
          downloadBytes: probe.bytes + down.bytes,
          uploadBytes: upProbe.server.bytes + up.server.bytes,
          uploadId: up.server.id,
        },
      });
      setLast(saved);
      setPhase('done');
    } catch (failure) {
      setError(describe(failure));
      setPhase('failed');
    }
  };

  const phaseText = phase === 'latency' ? t('speedtest.phaseLatency') : phase === 'download' ? t('speedtest.phaseDownload') : phase === 'upload' ? t('speedtest.phaseUpload') : '';
  const history = results.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="speedtest">
      <PageHeading title={t('speedtest.title')}>{t('speedtest.title')}</PageHeading>
      <p>{t('speedtest.lead')}</p>
      <button type="button" onClick={() => void start()} disabled={running} aria-busy={running || undefined}>
        {running ? t('speedtest.running') : t('speedtest.start')}
      </button>
      <p role="status" aria-live="polite">
        {phaseText}
        {phase === 'done' ? t('speedtest.saved') : ''}
      </p>
      {error ? (
        <p role="alert" className="form-alert form-alert--error">
          {t('speedtest.failed', { reason: error })}
        </p>
      ) : null}
      {last ? (
        <section aria-labelledby="speedtest-result">
          <h2 id="speedtest-result">{t('speedtest.result')}</h2>
          <Figures result={last} language={language} />
        </section>
      ) : null}
      <h2>{t('speedtest.history')}</h2>
      {results.isError ? <QueryError error={results.error} onRetry={() => void results.refetch()} /> : null}
      {results.data && history.length === 0 ? <p>{t('speedtest.noHistory')}</p> : null}
      {history.length ? (
        <TableScroll>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('speedtest.when')}</th>
                <th scope="col">{t('speedtest.download')}</th>
                <th scope="col">{t('speedtest.upload')}</th>
                <th scope="col">{t('speedtest.latency')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.createdAt, language)}</td>
                  <td>{t('speedtest.mbps', { value: new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(r.downloadKbps / 1000) })}</td>
                  <td>{t('speedtest.mbps', { value: new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(r.uploadKbps / 1000) })}</td>
                  <td>{t('speedtest.ms', { value: r.latencyMs })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {results.hasNextPage ? (
        <button type="button" className="secondary" onClick={() => void results.fetchNextPage()} disabled={results.isFetchingNextPage}>
          {t('speedtest.more')}
        </button>
      ) : null}
    </section>
  );
}
