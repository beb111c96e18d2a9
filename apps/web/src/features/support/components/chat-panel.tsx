import { AttachmentTypes, SupportLimits, type SupportAttachmentView, type SupportChatView, type SupportMessageView } from '@cabinet/shared-types';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { formatDateTime } from '@/shared/lib/format-date';
import { FormAlert } from '@/shared/ui/form-alert';
import { SubmitButton } from '@/shared/ui/submit-button';
import { chatQueryOptions, downloadAttachment, useCloseChat, useSendMessage, useUploadAttachment, type ChatSide } from '../api/chats';
import { useChatStream } from '../api/live';
import { useSupportError, useSupportT } from '../i18n/use-support-t';
import { RatingForm } from './rating-form';

/**
 * One chat: the conversation (a live log), the composer with an attachment, and the end of it (the
 * requester rates; staff close). Messages come over the event stream from the first one, so a reload,
 * a reconnect or another tab shows the same list.
 */
export function ChatPanel({ side, chat, canWrite = true }: { side: ChatSide; chat: SupportChatView; canWrite?: boolean }) {
  const { t, language } = useSupportT();
  const client = useQueryClient();
  const { messages, connected } = useChatStream(side, chat.id, (m) => {
    // The chat's state (taken, closed, rated) comes back with its GET.
    if (m.kind !== 'message') void client.invalidateQueries({ queryKey: chatQueryOptions(side, chat.id).queryKey });
  });
  const logRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = logRef.current;
    if (el && typeof el.scrollTo === 'function') el.scrollTo({ top: el.scrollHeight });
  }, [messages.length]);

  const closed = chat.status === 'closed';
  return (
    <section className="support-chat" aria-label={t('chat.log')}>
      <p className="support-chat__state muted" role="status">
        {connected ? t('chat.live') : t('chat.reconnecting')}
      </p>
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- the log scrolls: it takes the focus so a keyboard can scroll it (WCAG 2.1.1) */}
      <div ref={logRef} className="support-chat__log" role="log" aria-live="polite" aria-label={t('chat.log')} tabIndex={0}>
        <ol className="support-chat__list">
          {messages.map((m) => (
            <MessageItem key={m.seq} m={m} side={side} chatId={chat.id} language={language} />
          ))}
        </ol>
      </div>
      {closed ? <p className="muted">{t('chat.closedNote')}</p> : canWrite ? <Composer side={side} chatId={chat.id} /> : null}
      {side.kind !== 'staff' && chat.rating === null ? <RatingForm side={side} chatId={chat.id} closed={closed} /> : null}
      {chat.rating !== null ? <p>{t('chat.rated', { rating: chat.rating })}</p> : null}
      {side.kind === 'staff' && !closed ? <StaffClose chatId={chat.id} /> : null}
    </section>
  );
}

function MessageItem({ m, side, chatId, language }: { m: SupportMessageView; side: ChatSide; chatId: string; language: string }) {
  const { t } = useSupportT();
  const mine = (side.kind === 'staff' && m.author === 'operator') || (side.kind === 'customer' && m.author === 'customer') || (side.kind === 'visitor' && m.author === 'visitor');
  if (m.kind !== 'message') {
    const text = m.kind === 'taken' ? (m.authorName ? t('chat.taken', { name: m.authorName }) : t('chat.takenAnon')) : m.kind === 'closed' ? t('chat.closed') : t('chat.rated', { rating: m.text });
    return (
      <li className="support-msg support-msg--system">
        <span>{text}</span> <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, language)}</time>
      </li>
    );
  }
  const who = mine ? t('chat.you') : m.author === 'operator' ? (m.authorName ? t('chat.operatorNamed', { name: m.authorName }) : t('chat.operator')) : (m.authorName ?? t('chat.customer'));
  return (
    <li className={mine ? 'support-msg support-msg--mine' : 'support-msg'}>
      <p className="support-msg__meta">
        <strong>{who}</strong> · <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, language)}</time>
      </p>
      {m.text ? <p className="support-msg__text">{m.text}</p> : null}
      {m.attachment ? <AttachmentView side={side} chatId={chatId} a={m.attachment} /> : null}
    </li>
  );
}

/** A picture shows inline, a PDF as a link; both fetched with the caller's credentials. */
function AttachmentView({ side, chatId, a }: { side: ChatSide; chatId: string; a: SupportAttachmentView }) {
  const { t } = useSupportT();
  const [url, setUrl] = useState<string | null>(null);
  const image = a.contentType.startsWith('image/');
  useEffect(() => {
    let made: string | null = null;
    let alive = true;
    if (image) {
      downloadAttachment(side, chatId, a.id, a.fileName)
        .then((blob) => {
          if (!alive) return;
          made = URL.createObjectURL(blob);
          setUrl(made);
        })
        .catch(() => undefined);
    }
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one file per message
  }, [a.id, image]);
  const open = async () => {
    const blob = await downloadAttachment(side, chatId, a.id, a.fileName);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = a.fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };
  return (
    <div className="support-msg__file">
      {image && url ? <img src={url} alt={a.fileName} className="support-msg__image" /> : null}
      <button type="button" className="secondary outline" onClick={() => void open()}>
        {t('chat.open')}: {a.fileName} ({Math.max(1, Math.round(a.size / 1024))} КБ)
      </button>
    </div>
  );
}

function Composer({ side, chatId }: { side: ChatSide; chatId: string }) {
  const { t } = useSupportT();
  const errorText = useSupportError();
  const id = useId();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const send = useSendMessage(side, chatId);
  const upload = useUploadAttachment(side, chatId);

  const pick = (f: File | null) => {
    setError(null);
    if (f && f.size > SupportLimits.attachmentMaxBytes) {
      setError(t('chat.tooBig'));
      if (fileInput.current) fileInput.current.value = '';
      return;
    }
    setFile(f);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() && !file) return;
    setError(null);
    try {
      const attachmentId = file ? (await upload.mutateAsync(file)).id : undefined;
      await send.mutateAsync({ ...(text.trim() ? { text: text.trim() } : {}), ...(attachmentId ? { attachmentId } : {}) });
      setText('');
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      textRef.current?.focus();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <form className="support-composer" onSubmit={(e) => void submit(e)} noValidate>
      <FormAlert>{error}</FormAlert>
      <div className="field">
        <label htmlFor={`${id}-text`}>{side.kind === 'staff' ? t('staff.reply') : t('chat.message')}</label>
        <textarea
          id={`${id}-text`}
          ref={textRef}
          rows={3}
          maxLength={SupportLimits.messageMaxLength}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('chat.attach')}</label>
        <input id={`${id}-file`} ref={fileInput} type="file" accept={AttachmentTypes.join(',')} aria-describedby={`${id}-file-hint`} onChange={(e) => pick(e.target.files?.[0] ?? null)} />
        <small id={`${id}-file-hint`} className="field__hint">
          {file ? t('chat.attached', { name: file.name }) : t('chat.attachHint')}
        </small>
      </div>
      <SubmitButton pending={send.isPending || upload.isPending}>{t('chat.send')}</SubmitButton>
    </form>
  );
}

function StaffClose({ chatId }: { chatId: string }) {
  const { t } = useSupportT();
  const errorText = useSupportError();
  const close = useCloseChat({ kind: 'staff' }, chatId);
  return (
    <p className="button-row">
      <button type="button" className="secondary" aria-busy={close.isPending || undefined} disabled={close.isPending} onClick={() => close.mutate(undefined)}>
        {t('staff.close')}
      </button>
      {close.isError ? <span role="alert">{errorText(close.error)}</span> : null}
    </p>
  );
}
