import type { OutboxMessageView } from '@cabinet/shared-types';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/shared/lib/format-date';
import { formatPhone } from '@/shared/lib/format-phone';
import { extractCode } from './extract-code';

export function MessageCard({ message }: { message: OutboxMessageView }) {
  const { t, i18n } = useTranslation();
  const [copied, setCopied] = useState(false);
  const code = extractCode(message.body);
  const to = message.channel === 'sms' ? formatPhone(message.to) : message.to;
  const headingId = `message-${message.id}`;

  const copy = async () => {
    if (!code) return;
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };

  return (
    <article className="message" aria-labelledby={headingId} data-channel={message.channel}>
      <header className="message__header">
        <span className={`badge badge--${message.channel}`}>{t(`inbox.${message.channel}`)}</span>
        <h2 id={headingId} className="message__to">
          <span className="visually-hidden">{t('inbox.to')}:</span> {to}
        </h2>
        <time className="muted" dateTime={message.createdAt}>
          {formatDateTime(message.createdAt, i18n.language)}
        </time>
      </header>
      {message.subject ? <p className="message__subject">{message.subject}</p> : null}
      {code ? (
        <div className="message__code">
          <span className="muted">{t('inbox.code')}</span>
          <output className="otp-code" aria-label={`${t('inbox.code')} ${code.split('').join(' ')}`}>
            {code}
          </output>
          <button type="button" className="secondary outline" onClick={() => void copy()}>
            {copied ? t('inbox.copied') : t('inbox.copy')}
          </button>
        </div>
      ) : null}
      <p className="message__body">{message.body}</p>
      <small className="muted">{t(`inbox.status_${message.status}`)}</small>
    </article>
  );
}
