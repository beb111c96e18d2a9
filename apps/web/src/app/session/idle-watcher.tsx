import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultAuthConfig, useAuthConfig } from '@/shared/api/auth-config';
import { refreshSession } from '@/shared/api/client';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatCountdown } from '@/shared/lib/format-date';
import { activity } from '@/shared/session/activity';
import { logout } from '@/shared/session/logout';
import { sessionStore } from '@/shared/session/session-store';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';

const inputEvents = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * The server ends a session after `idleTimeoutSeconds` without requests. This watches the
 * last authenticated API call and the person's input; `idleWarningSeconds` before the end it
 * asks "are you still there?", and at the end it signs out to /login with a message.
 */
export function IdleWatcher() {
  const { t } = useTranslation();
  const describeError = useErrorMessage();
  const { data: config = defaultAuthConfig } = useAuthConfig();
  const timeoutMs = config.idleTimeoutSeconds * 1000;
  const warningMs = Math.min(config.idleWarningSeconds * 1000, timeoutMs);

  const [deadline, setDeadline] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<unknown>(null);
  const [continuing, setContinuing] = useState(false);
  const warning = useRef(false);
  useEffect(() => {
    warning.current = deadline !== null;
  }, [deadline]);

  // Input counts as activity (except inside the warning, which asks for an explicit answer).
  // The server sees only requests, so when the person is busy on one page for a long time,
  // a refresh keeps the server's session alive too.
  useEffect(() => {
    const onInput = () => {
      if (warning.current) return;
      activity.userInput();
      if (Date.now() - activity.lastApiCallAt() > timeoutMs / 3) {
        refreshSession().then(
          (token) => {
            if (!token) sessionStore.end('expired');
          },
          () => undefined,
        );
      }
    };
    inputEvents.forEach((name) => window.addEventListener(name, onInput, { capture: true, passive: true }));
    return () => inputEvents.forEach((name) => window.removeEventListener(name, onInput, { capture: true }));
  }, [timeoutMs]);

  // Activity in another tab of this browser (its "continue", its requests) answers the warning here.
  useEffect(
    () =>
      activity.onRemoteActivity(() => {
        if (Date.now() - activity.lastActiveAt() < timeoutMs - warningMs) setDeadline(null);
      }),
    [timeoutMs, warningMs],
  );

  // Until the warning: sleep until it may be due, then look at the latest activity again.
  useEffect(() => {
    if (deadline !== null) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      const lastActive = activity.lastActiveAt();
      const dueIn = lastActive + timeoutMs - warningMs - Date.now();
      if (dueIn <= 0) {
        setNow(Date.now());
        setDeadline(lastActive + timeoutMs);
      } else {
        timer = setTimeout(check, dueIn);
      }
    };
    check();
    return () => clearTimeout(timer);
  }, [deadline, timeoutMs, warningMs]);

  // During the warning: tick the countdown; at zero, sign out.
  useEffect(() => {
    if (deadline === null) return undefined;
    const tick = () => {
      const current = Date.now();
      setNow(current);
      if (current >= deadline) {
        clearInterval(timer);
        void logout('idle');
      }
    };
    const timer = setInterval(tick, 1000);
    tick();
    return () => clearInterval(timer);
  }, [deadline]);

  const onContinue = useCallback(async () => {
    setContinuing(true);
    setError(null);
    try {
      const token = await refreshSession();
      if (!token) {
        sessionStore.end('expired');
        return;
      }
      activity.renewed();
      setDeadline(null);
    } catch (failure) {
      setError(failure);
    } finally {
      setContinuing(false);
    }
  }, []);

  if (deadline === null) return null;
  const secondsLeft = Math.max(0, Math.ceil((deadline - now) / 1000));

  return (
    <ModalDialog
      open
      role="alertdialog"
      title={t('idle.title')}
      actions={
        <>
          <button type="button" className="secondary outline" onClick={() => void logout('logout')}>
            {t('idle.signOut')}
          </button>
          <button
            type="button"
            autoFocus
            aria-busy={continuing || undefined}
            disabled={continuing}
            onClick={() => void onContinue()}
          >
            {t('idle.continue')}
          </button>
        </>
      }
    >
      <p className="idle__countdown">{t('idle.body', { time: formatCountdown(secondsLeft) })}</p>
      <p>{t('idle.explain', { minutes: Math.round(config.idleTimeoutSeconds / 60) })}</p>
      <FormAlert>{error ? describeError(error) : null}</FormAlert>
    </ModalDialog>
  );
}
