import type { SupportStaffChatView } from '@cabinet/shared-types';
import { Link, useParams } from 'react-router';
import { useMe } from '@/shared/api/me';
import { formatPhone } from '@/shared/lib/format-phone';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useChat, useTakeChat, type ChatSide } from '../api/chats';
import { ChatPanel } from '../components/chat-panel';
import { useSupportError, useSupportT } from '../i18n/use-support-t';
import '../support.css';

const STAFF: ChatSide = { kind: 'staff' };

/** /backoffice/support/:chatId — an operator's view of one chat: who asks, take it, answer live. */
export function StaffChatPage() {
  const { chatId = '' } = useParams();
  const { t } = useSupportT();
  const errorText = useSupportError();
  const me = useMe();
  const chat = useChat(STAFF, chatId);
  const take = useTakeChat(chatId);
  const data = chat.data as SupportStaffChatView | undefined;
  const title = data ? t('chat.title', { number: data.number }) : t('staff.queueTitle');
  const mine = data?.operatorId === me.data?.id;
  return (
    <div className="support-page">
      <p>
        <Link to="/backoffice/support">← {t('staff.back')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {chat.isPending ? <PageLoader /> : null}
      {chat.isError ? <QueryError error={chat.error} onRetry={() => void chat.refetch()} /> : null}
      {data ? (
        <>
          <dl className="details details--compact">
            <dt>{t('staff.requester')}</dt>
            <dd>
              {data.customerId ? <Link to={`/backoffice/customers/${data.customerId}`}>{data.requesterName}</Link> : `${data.requesterName} (${t('staff.visitor')})`}
              {data.requesterPhone ? ` · ${formatPhone(data.requesterPhone)}` : ''}
            </dd>
            <dt>{t('open.topic')}</dt>
            <dd>{t(`topics.${data.topic}`)}</dd>
            <dt>{t('staff.filterStatus')}</dt>
            <dd>
              {t(`status.${data.status}`)}
              {data.operatorName ? ` · ${data.operatorName}` : ''}
            </dd>
          </dl>
          {data.status === 'waiting' || (data.status === 'active' && !mine && me.data?.role === 'admin') ? (
            <p className="button-row">
              <button type="button" aria-busy={take.isPending || undefined} disabled={take.isPending} onClick={() => take.mutate()}>
                {t('staff.take')}
              </button>
              {take.isError ? <span role="alert">{errorText(take.error)}</span> : null}
            </p>
          ) : null}
          <ChatPanel side={STAFF} chat={data} canWrite={data.status === 'waiting' || mine || me.data?.role === 'admin'} />
        </>
      ) : null}
    </div>
  );
}
