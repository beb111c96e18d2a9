import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '@/shared/lib/format-date';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useMyChats, useOpenChat } from '../api/chats';
import { OpenChatForm } from '../components/open-chat-form';
import { useSupportT } from '../i18n/use-support-t';
import '../support.css';

/** /support — the customer's requests and a new one. */
export function SupportPage() {
  const { t, language } = useSupportT();
  const chats = useMyChats();
  const open = useOpenChat();
  const navigate = useNavigate();
  return (
    <div className="support-page">
      <PageHeading title={t('list.title')}>{t('list.title')}</PageHeading>
      <p>{t('list.intro')}</p>
      <div className="support-grid">
        <section aria-labelledby="support-new">
          <h2 id="support-new">{t('open.title')}</h2>
          <OpenChatForm
            visitor={false}
            pending={open.isPending}
            onSubmit={async (v) => {
              const chat = await open.mutateAsync({ topic: v.topic, text: v.text });
              void navigate(`/support/${chat.id}`);
            }}
          />
        </section>
        <section aria-labelledby="support-mine">
          <h2 id="support-mine">{t('list.mine')}</h2>
          {chats.isPending ? <PageLoader /> : null}
          {chats.isError ? <QueryError error={chats.error} onRetry={() => void chats.refetch()} /> : null}
          {chats.data && !chats.data.items.length ? <p className="muted">{t('list.empty')}</p> : null}
          {chats.data?.items.length ? (
            <ul className="tx-list" aria-label={t('list.mine')}>
              {chats.data.items.map((c) => (
                <li key={c.id} className="tx">
                  <div className="tx__main">
                    <Link to={`/support/${c.id}`} className="tx__description">
                      {t('list.chat', { number: c.number })} · {t(`topics.${c.topic}`)}
                    </Link>
                    <span className="tx__meta">
                      <time dateTime={c.lastMessageAt}>{formatDateTime(c.lastMessageAt, language)}</time> · {t(`status.${c.status}`)}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          ) : null}
          <p>
            <Link to="/help">{t('list.faq')}</Link>
          </p>
        </section>
      </div>
    </div>
  );
}
