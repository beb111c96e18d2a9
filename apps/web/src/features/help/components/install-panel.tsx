import { useEffect, useState } from 'react';
import { useHelpT } from '../i18n/use-help-t';

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** "Install the app": the browser's own prompt when it offers one, else how to do it from the menu. */
export function InstallPanel() {
  const { t } = useHelpT();
  const [prompt, setPrompt] = useState<InstallPromptEvent | null>(null);
  const [installed, setInstalled] = useState(() => typeof window !== 'undefined' && window.matchMedia?.('(display-mode: standalone)').matches === true);

  useEffect(() => {
    const onPrompt = (event: Event) => {
      event.preventDefault();
      setPrompt(event as InstallPromptEvent);
    };
    const onInstalled = () => setInstalled(true);
    window.addEventListener('beforeinstallprompt', onPrompt);
    window.addEventListener('appinstalled', onInstalled);
    return () => {
      window.removeEventListener('beforeinstallprompt', onPrompt);
      window.removeEventListener('appinstalled', onInstalled);
    };
  }, []);

  return (
    <section aria-labelledby="install-title">
      <h2 id="install-title">{t('about.install')}</h2>
      {installed ? (
        <p role="status">{t('about.installed')}</p>
      ) : prompt ? (
        <button
          type="button"
          onClick={() => {
            void prompt.prompt();
            void prompt.userChoice.then((choice) => {
              if (choice.outcome === 'accepted') setInstalled(true);
              setPrompt(null);
            });
          }}
        >
          {t('about.installButton')}
        </button>
      ) : (
        <p className="muted">{t('about.installHint')}</p>
      )}
    </section>
  );
}
