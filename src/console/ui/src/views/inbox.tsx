import { useState } from 'preact/hooks';
import { api, post } from '../api';
import { duration, when } from '../format';
import { t, term } from '../i18n';
import { refreshNow, useData, useNow } from '../live';
import type { Me } from '../me';
import { href } from '../router';
import { act, Badge, Empty, Loading, Problem, ViewTitle } from '../ui';
import { ConversationPanel } from './conversation';

type InboxItem = {
  id: string;
  channel: string;
  state: string;
  updatedAt: string;
  assignedStaffId: string | null;
  assignedStaffName?: string | null;
  customer: { id: string; name: string | null; company: string | null } | null;
  ticket: { id: string; number: string; status: string; category: string; urgency: string } | null;
  lastMessage: { text: string; direction: string; createdAt: string; author: string } | null;
};
type Notification = { id: string; kind: string; text: string; deliverAfter: string; readAt: string | null; ticketId: string | null };

/** The agent's queue of conversations waiting for a person, and the one being worked on beside it. */
export function InboxView({ id, me }: { id: string | null; me: Me }) {
  const [mine, setMine] = useState(false);
  const now = useNow(15_000);
  const { data, error } = useData(() => api<{ conversations: InboxItem[] }>(`/inbox${mine ? '?mine=1' : ''}`), [mine]);
  return (
    <div class="split">
      <section aria-labelledby="inbox-title" class="list-pane">
        <ViewTitle id="inbox-title">{t('inbox.title')}</ViewTitle>
        <label class="check">
          <input type="checkbox" checked={mine} onChange={(e) => setMine((e.target as HTMLInputElement).checked)} /> {t('filter.mine')}
        </label>
        <Problem error={error} />
        {!data ? (
          error ? null : <Loading />
        ) : data.conversations.length === 0 ? (
          <Empty>{t('inbox.empty')}</Empty>
        ) : (
          <ul class="list" aria-label={t('inbox.title')}>
            {data.conversations.map((c) => {
              const since = c.lastMessage?.createdAt ?? c.updatedAt;
              const waiting = c.state === 'waiting_staff';
              const waitedMs = now - new Date(since).getTime();
              return (
                <li key={c.id}>
                  <a class={`item${c.id === id ? ' selected' : ''}${waiting && waitedMs > 15 * 60_000 ? ' overdue' : ''}`} href={href('inbox', c.id)} aria-current={c.id === id ? 'true' : undefined} data-conversation={c.id}>
                    <strong>{c.customer?.name ?? t('customer.unknown')}</strong> <Badge>{term('channel', c.channel)}</Badge>{' '}
                    <Badge tone={waiting ? 'warn' : undefined}>
                      {term('conversationState', c.state)}
                      {c.assignedStaffName ? ` · ${c.assignedStaffName}` : ''}
                    </Badge>
                    {c.ticket ? <Badge tone={c.ticket.urgency === 'high' ? 'danger' : undefined}>{c.ticket.number} · {term('urgency', c.ticket.urgency)}</Badge> : null}
                    <br />
                    <small>
                      {waiting ? t('inbox.waiting', { d: duration(waitedMs) }) : when(since)} · {c.lastMessage?.text.slice(0, 80) ?? ''}
                    </small>
                  </a>
                </li>
              );
            })}
          </ul>
        )}
        <Notifications />
      </section>
      <section class="detail-pane" aria-label={t('inbox.conversation')}>
        {id ? <ConversationPanel id={id} me={me} /> : <Empty>{t('inbox.pick')}</Empty>}
      </section>
    </div>
  );
}

function Notifications() {
  const { data, error, reload } = useData(() => api<{ notifications: Notification[] }>('/notifications'), []);
  const unread = data?.notifications.filter((n) => !n.readAt) ?? [];
  return (
    <section aria-labelledby="notifications-title" class="notifications">
      <h3 id="notifications-title">
        {t('notifications.title')} {unread.length ? <Badge tone="warn">{unread.length}</Badge> : null}
      </h3>
      <Problem error={error} />
      {data && data.notifications.length === 0 ? <Empty>{t('notifications.empty')}</Empty> : null}
      <ul class="list compact">
        {data?.notifications.slice(0, 20).map((n) => (
          <li key={n.id} class={n.readAt ? 'read' : undefined}>
            <small class="meta">{when(n.deliverAfter)}</small> {n.text}{' '}
            {n.ticketId ? <a href={href('ticket', n.ticketId)}>{t('notifications.open')}</a> : null}{' '}
            {!n.readAt ? (
              <button type="button" class="link" onClick={() => act(() => post(`/notifications/${n.id}/read`)).then(() => { reload(); refreshNow(); })}>
                {t('notifications.markRead')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
