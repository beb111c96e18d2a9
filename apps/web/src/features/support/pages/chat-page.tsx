import { Link, useParams } from 'react-router';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useChat, type ChatSide } from '../api/chats';
import { ChatPanel } from '../components/chat-panel';
import { useSupportT } from '../i18n/use-support-t';
import '../support.css';

const CUSTOMER: ChatSide = { kind: 'customer' };

/** /support/:chatId — one request of the customer, live. */
export function ChatPage() {
  const { chatId = '' } = useParams();
  const { t } = useSupportT();
  const chat = useChat(CUSTOMER, chatId);
  const title = chat.data ? t('chat.title', { number: chat.data.number }) : t('list.title');
  return (
    <div className="support-page">
      <p>
        <Link to="/support">← {t('chat.back')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {chat.isPending ? <PageLoader /> : null}
      {chat.isError ? <QueryError error={chat.error} onRetry={() => void chat.refetch()} /> : null}
      {chat.data ? (
        <>
          <p className="muted">
            {t(`topics.${chat.data.topic}`)} · {t(`status.${chat.data.status}`)}
          </p>
          <ChatPanel side={CUSTOMER} chat={chat.data} />
        </>
      ) : null}
    </div>
  );
}
