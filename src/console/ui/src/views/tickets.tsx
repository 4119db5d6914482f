import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { countdown, text } from '../format';
import { t, term } from '../i18n';
import { useData, useNow } from '../live';
import type { Me } from '../me';
import { href } from '../router';
import { Badge, Empty, Loading, Pager, Problem, ViewTitle } from '../ui';

export const STATUSES = ['new', 'triaged', 'assigned', 'scheduled', 'in_progress', 'waiting_customer', 'resolved', 'closed', 'reopened'];
export const CATEGORIES = ['inquiry', 'fault', 'complaint'];
export const URGENCIES = ['low', 'normal', 'high'];
export const CHANNELS = ['chat', 'sms', 'voice', 'email'];
const PAGE_SIZE = 25;

type Promise_ = { id: string; kind: string; dueAt: string };
export type TicketRow = {
  id: string;
  number: string;
  title: string;
  status: string;
  category: string;
  urgency: string;
  channel: string;
  createdAt: string;
  customer: { id: string; name: string | null; company: string | null } | null;
  assignee: { id: string; name: string } | null;
  promises: Promise_[];
};
type TicketPage = { tickets: TicketRow[]; total?: number; page?: number; pageSize?: number; nextCursor?: string | null };
type QueueItem = {
  kind: 'ticket' | 'conversation';
  id: string;
  ticketId: string | null;
  conversationId: string | null;
  number: string | null;
  title: string | null;
  customer: { id: string; name: string | null } | null;
  state: string;
  waitingForStaff: boolean;
  category: string | null;
  urgency: string | null;
  channel: string;
  assignee: { id: string; name: string | null } | null;
  nextPromise: { kind: string; dueAt: string } | null;
};
type QueuePage = { items: QueueItem[]; total: number; page: number; size: number };
/** One row of the list, whichever API it came from. */
type Row = {
  key: string;
  link: string;
  number: string | null;
  title: string;
  customer: string | null;
  state: string;
  waiting: boolean;
  category: string | null;
  urgency: string | null;
  channel: string;
  assigneeId: string | null;
  assignee: string | null;
  next: { kind: string; dueAt: string } | null;
};
type Filters = { scope: '' | 'mine' | 'team' | 'unassigned'; status: string; category: string; urgency: string; channel: string; sla: '' | 'overdue' | '4' | '24'; q: string };
const OPEN = 'new,triaged,assigned,scheduled,in_progress,waiting_customer,reopened';
const EMPTY: Filters = { scope: '', status: OPEN, category: '', urgency: '', channel: '', sla: '', q: '' };

/** Filters live in the view's own state: a live refresh reloads rows only, never the form. */
let savedFilters: Filters = { ...EMPTY };
/** Whether the server has the agent queue (/queue, tickets and waiting conversations in one list); else /tickets. */
let queueAvailable: boolean | null = null;

function queueQuery(f: Filters, page: number): string {
  const p = new URLSearchParams();
  if (f.scope === 'mine') p.set('mine', '1');
  if (f.scope === 'team') p.set('team', '1');
  if (f.status && f.status !== OPEN) p.set('state', f.status);
  for (const key of ['category', 'urgency', 'channel', 'sla'] as const) if (f[key]) p.set(key, f[key]);
  p.set('page', String(page));
  p.set('size', String(PAGE_SIZE));
  return p.toString();
}

const fromQueue = (i: QueueItem): Row => ({
  key: `${i.kind}:${i.id}`,
  link: i.ticketId ? href('ticket', i.ticketId) : href('inbox', i.conversationId),
  number: i.number,
  title: i.title ?? '',
  customer: i.customer?.name ?? null,
  state: i.state,
  waiting: i.waitingForStaff,
  category: i.category,
  urgency: i.urgency,
  channel: i.channel,
  assigneeId: i.assignee?.id ?? null,
  assignee: i.assignee?.name ?? null,
  next: i.nextPromise,
});

const fromTicket = (r: TicketRow): Row => ({
  key: `ticket:${r.id}`,
  link: href('ticket', r.id),
  number: r.number,
  title: r.title,
  customer: r.customer?.name ?? null,
  state: r.status,
  waiting: false,
  category: r.category,
  urgency: r.urgency,
  channel: r.channel,
  assigneeId: r.assignee?.id ?? null,
  assignee: r.assignee?.name ?? null,
  next: r.promises[0] ?? null,
});

async function loadRows(f: Filters, page: number): Promise<{ rows: Row[]; total: number | null; queue: boolean }> {
  if (queueAvailable !== false && !f.q) {
    try {
      const res = await api<QueuePage>(`/queue?${queueQuery(f, page)}`);
      queueAvailable = true;
      return { rows: res.items.map(fromQueue), total: res.total, queue: true };
    } catch (err) {
      if (!(err instanceof ApiError && err.unavailable)) throw err;
      queueAvailable = false;
    }
  }
  const res = await api<TicketPage>(`/tickets?${query(f, page)}`);
  return { rows: res.tickets.map(fromTicket), total: res.total ?? null, queue: false };
}

function query(f: Filters, page: number): string {
  const p = new URLSearchParams();
  if (f.scope === 'mine') p.set('assignee', 'me');
  if (f.scope === 'team') p.set('team', '1');
  if (f.scope === 'unassigned') p.set('assignee', 'none');
  for (const key of ['status', 'category', 'urgency', 'channel', 'sla', 'q'] as const) if (f[key]) p.set(key, f[key]);
  p.set('page', String(page));
  p.set('pageSize', String(PAGE_SIZE));
  p.set('limit', String(PAGE_SIZE));
  return p.toString();
}

/**
 * The same filters applied to the rows that came back, so a server that ignores a filter it does not know
 * yet never shows rows that do not match it.
 */
function matches(row: Row, f: Filters, me: Me, now: number): boolean {
  if (f.status && !f.status.split(',').includes(row.state) && !(row.waiting && f.status === OPEN)) return false;
  if (f.category && row.category !== f.category) return false;
  if (f.urgency && row.urgency !== f.urgency) return false;
  if (f.channel && row.channel !== f.channel) return false;
  if (f.scope === 'mine' && row.assigneeId !== me.id) return false;
  if (f.scope === 'unassigned' && row.assigneeId) return false;
  const due = row.next ? new Date(row.next.dueAt).getTime() : null;
  if (f.sla === 'overdue' && !(due !== null && due < now)) return false;
  if ((f.sla === '4' || f.sla === '24') && !(due !== null && due <= now + Number(f.sla) * 3_600_000)) return false;
  return true;
}

/** The agent's queue: tickets and waiting conversations, SLA countdowns with overdue rows first and highlighted, filters and pages. */
export function TicketsView({ me }: { me: Me }) {
  const [filters, setFilters] = useState<Filters>(savedFilters);
  const [page, setPage] = useState(1);
  const now = useNow(30_000);
  const { data: loaded, error } = useData(() => loadRows(filters, page), [filters, page]);
  const rows = loaded?.rows.filter((row) => matches(row, filters, me, now)) ?? null;
  const change = (key: keyof Filters) => (e: Event) => {
    const next = { ...filters, [key]: (e.target as HTMLInputElement | HTMLSelectElement).value };
    savedFilters = next;
    setFilters(next);
    setPage(1);
  };
  // A server without pages answers the same newest rows for every page: then no pager at all.
  const pages = loaded?.total !== null && loaded?.total !== undefined ? Math.max(1, Math.ceil(loaded.total / PAGE_SIZE)) : null;
  const select = (key: keyof Filters, label: string, options: [string, string][], any = true) => (
    <label>
      {label}
      <select value={filters[key]} onChange={change(key)}>
        {any ? <option value="">{t('filter.any')}</option> : null}
        {options.map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section aria-labelledby="tickets-title">
      <ViewTitle id="tickets-title">{t('tickets.title')}</ViewTitle>
      <form class="filters" role="search" aria-label={t('tickets.filters')} onSubmit={(e) => e.preventDefault()}>
        {select('scope', t('filter.scope'), [
          ['mine', t('filter.mine')],
          ['team', t('filter.team')],
          ['unassigned', t('filter.unassigned')],
        ])}
        {select('status', t('ticket.status'), [[OPEN, t('filter.open')], ['waiting_staff', term('conversationState', 'waiting_staff')], ...STATUSES.map((s): [string, string] => [s, term('status', s)])], false)}
        {select('category', t('ticket.category'), CATEGORIES.map((s) => [s, term('category', s)]))}
        {select('urgency', t('ticket.urgency'), URGENCIES.map((s) => [s, term('urgency', s)]))}
        {select('channel', t('ticket.channel'), CHANNELS.map((s) => [s, term('channel', s)]))}
        {select('sla', t('filter.sla'), [
          ['overdue', t('filter.slaOverdue')],
          ['4', t('filter.slaHours', { n: 4 })],
          ['24', t('filter.slaHours', { n: 24 })],
        ])}
        {loaded && !loaded.queue ? (
          <label>
            {t('filter.search')}
            <input type="search" value={filters.q} maxLength={100} onChange={change('q')} placeholder={t('filter.searchHint')} />
          </label>
        ) : null}
      </form>
      <Problem error={error} />
      {!rows ? (
        error ? null : <Loading />
      ) : rows.length === 0 ? (
        <Empty>{t('tickets.empty')}</Empty>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">{t('tickets.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ticket.number')}</th>
                <th scope="col">{t('ticket.title')}</th>
                <th scope="col">{t('ticket.customer')}</th>
                <th scope="col">{t('ticket.status')}</th>
                <th scope="col">{t('ticket.urgency')}</th>
                <th scope="col">{t('ticket.assignee')}</th>
                <th scope="col">{t('ticket.nextDue')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const c = row.next ? countdown(row.next.dueAt, now) : null;
                return (
                  <tr key={row.key} class={c?.overdue ? 'overdue' : c?.soon ? 'soon' : undefined}>
                    <td>
                      <a href={row.link}>{row.number ?? term('channel', row.channel)}</a>
                    </td>
                    <td>
                      {row.title} {row.category ? <Badge>{term('category', row.category)}</Badge> : null}
                    </td>
                    <td>{text(row.customer)}</td>
                    <td>
                      {row.number ? term('status', row.state) : term('conversationState', row.state)}
                      {row.waiting && row.number ? (
                        <>
                          {' '}
                          <Badge tone="warn">{term('conversationState', 'waiting_staff')}</Badge>
                        </>
                      ) : null}
                    </td>
                    <td>{row.urgency ? <Badge tone={row.urgency === 'high' ? 'danger' : undefined}>{term('urgency', row.urgency)}</Badge> : '—'}</td>
                    <td>{row.assignee ?? t('ticket.unassigned')}</td>
                    <td>
                      {row.next && c ? (
                        <span class="sla">
                          {term('promise', row.next.kind)}: {c.label}
                        </span>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {loaded && pages === null ? <p class="hint">{t('pager.notPaged', { n: loaded.rows.length })}</p> : null}
      {pages !== null ? <Pager page={page} pages={pages} onPage={setPage} /> : null}
    </section>
  );
}
