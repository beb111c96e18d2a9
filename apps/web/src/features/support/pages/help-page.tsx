import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '@/shared/api/api-error';
import { useSession } from '@/shared/session/use-session';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { TextField } from '@/shared/ui/text-field';
import { useChat, useOpenVisitorChat, type ChatSide } from '../api/chats';
import { useFaq, useFaqSearch } from '../api/faq';
import { ChatPanel } from '../components/chat-panel';
import { FaqItem } from '../components/faq-list';
import { OpenChatForm } from '../components/open-chat-form';
import { useSupportT } from '../i18n/use-support-t';
import '../support.css';

const VISITOR_CHAT = 'cabinet.support.visitorChat';

/** The visitor's chat of this tab: its id and token (the token reads it; it is not kept after the tab closes). */
function savedVisitorChat(): { id: string; token: string } | null {
  try {
    const raw = sessionStorage.getItem(VISITOR_CHAT);
    const v = raw ? (JSON.parse(raw) as { id?: unknown; token?: unknown }) : null;
    return v && typeof v.id === 'string' && typeof v.token === 'string' ? { id: v.id, token: v.token } : null;
  } catch {
    return null;
  }
}

/** /help — the FAQ with search (public) and a chat with support for visitors. */
export function HelpPage() {
  const { t } = useSupportT();
  const session = useSession();
  const signedIn = session.status === 'authenticated';
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const faq = useFaq();
  const found = useFaqSearch(q);

  const search = (e: FormEvent) => {
    e.preventDefault();
    setQ(draft.trim());
  };

  return (
    <div className="support-page">
      <PageHeading title={t('help.title')}>{t('help.title')}</PageHeading>
      <div className="support-grid">
        <section className="support-faq" aria-labelledby="faq-title">
          <h2 id="faq-title">{t('list.faq')}</h2>
          <form onSubmit={search} className="support-faq__search" aria-label={t('help.search')}>
            <TextField label={t('help.search')} hint={t('help.searchHint')} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={200} />
            <button type="submit">{t('help.searchButton')}</button>
          </form>
          {q ? (
            <section aria-label={t('help.results')}>
              {found.isPending ? <PageLoader /> : null}
              {found.isError ? <QueryError error={found.error} onRetry={() => void found.refetch()} /> : null}
              {found.data && !found.data.length ? <p role="status">{t('help.nothing')}</p> : null}
              {found.data?.map((r) => <FaqItem key={r.id} q={r} signedIn={signedIn} />)}
            </section>
          ) : (
            <>
              {faq.isPending ? <PageLoader /> : null}
              {faq.isError ? <QueryError error={faq.error} onRetry={() => void faq.refetch()} /> : null}
              {faq.data?.map((c) => (
                <section key={c.id} aria-labelledby={`faq-${c.slug}`}>
                  <h3 id={`faq-${c.slug}`}>{c.title}</h3>
                  {c.questions.map((qq) => (
                    <FaqItem key={qq.id} q={qq} signedIn={signedIn} />
                  ))}
                </section>
              ))}
            </>
          )}
        </section>
        <section aria-labelledby="help-chat">
          <h2 id="help-chat">{t('help.chatTitle')}</h2>
          {signedIn ? (
            <p>
              <Link to="/support">{t('list.title')}</Link>
            </p>
          ) : (
            <VisitorChat />
          )}
        </section>
      </div>
    </div>
  );
}

function VisitorChat() {
  const { t } = useSupportT();
  const [saved, setSaved] = useState(savedVisitorChat);
  const open = useOpenVisitorChat();
  const reset = () => {
    try {
      sessionStorage.removeItem(VISITOR_CHAT);
    } catch {
      // nothing kept
    }
    setSaved(null);
  };
  if (saved) return <VisitorChatView id={saved.id} side={{ kind: 'visitor', token: saved.token }} onReset={reset} />;
  return (
    <>
      <p className="muted">
        {t('help.chatIntro')} <Link to="/login?next=%2Fsupport">{t('help.signIn')}</Link>
      </p>
      <OpenChatForm
        visitor
        pending={open.isPending}
        onSubmit={async (v) => {
          const made = await open.mutateAsync({ topic: v.topic, text: v.text, name: v.name ?? '', phone: v.phone ?? '', ...(v.captcha ? { captcha: v.captcha } : {}) });
          const next = { id: made.chat.id, token: made.token };
          try {
            sessionStorage.setItem(VISITOR_CHAT, JSON.stringify(next));
          } catch {
            // private mode: the chat lasts for this page only
          }
          setSaved(next);
        }}
      />
    </>
  );
}

function VisitorChatView({ id, side, onReset }: { id: string; side: ChatSide; onReset: () => void }) {
  const { t } = useSupportT();
  const chat = useChat(side, id);
  const gone = chat.error instanceof ApiError && chat.error.status === 404;
  useEffect(() => {
    if (gone) onReset(); // the chat this tab remembered is not there any more: start afresh
  }, [gone, onReset]);
  if (chat.isPending) return <PageLoader />;
  if (chat.isError) return <QueryError error={chat.error} onRetry={() => void chat.refetch()} />;
  return (
    <>
      <p className="muted">
        {t('chat.title', { number: chat.data.number })} · {t(`status.${chat.data.status}`)}
      </p>
      <ChatPanel side={side} chat={chat.data} />
      {chat.data.status === 'closed' ? (
        <p className="button-row">
          <button type="button" className="secondary" onClick={onReset}>
            {t('open.title')}
          </button>
        </p>
      ) : null}
    </>
  );
}
