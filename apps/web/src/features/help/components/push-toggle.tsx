import { useEffect, useState } from 'react';
import { disablePush, enablePush, pushState, type PushState } from '../api/push';
import { useHelpT } from '../i18n/use-help-t';

/** "Browser notifications": asks the browser's permission, subscribes, and tells the API (or the reverse). */
export function PushToggle() {
  const { t } = useHelpT();
  const [state, setState] = useState<PushState | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    void pushState().then((s) => live && setState(s), () => live && setState('unavailable'));
    return () => {
      live = false;
    };
  }, []);

  const run = (action: () => Promise<PushState>) => {
    setBusy(true);
    setFailed(false);
    action()
      .then(setState, () => setFailed(true))
      .finally(() => setBusy(false));
  };

  const message = state === 'on' ? t('push.on') : state === 'denied' ? t('push.denied') : state === 'unsupported' ? t('push.unsupported') : state === 'unavailable' ? t('push.unavailable') : t('push.off');
  return (
    <section aria-labelledby="push-title">
      <h2 id="push-title">{t('push.title')}</h2>
      <p>{t('push.lead')}</p>
      {state ? <p role="status">{message}</p> : null}
      {failed ? <p role="alert" className="form-alert form-alert--error">{t('push.failed')}</p> : null}
      {state === 'off' || state === 'on' ? (
        <button type="button" className={state === 'on' ? 'secondary' : undefined} aria-busy={busy || undefined} disabled={busy} onClick={() => run(state === 'on' ? disablePush : enablePush)}>
          {state === 'on' ? t('push.disable') : t('push.enable')}
        </button>
      ) : null}
    </section>
  );
}
