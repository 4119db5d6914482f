import { useState } from 'preact/hooks';
import { api } from '../api';
import { countdown, text } from '../format';
import { t, term } from '../i18n';
import { useData, useNow } from '../live';
import type { Me } from '../me';
import { href } from '../router';
import { Badge, Empty, Loading, Problem, ViewTitle } from '../ui';

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
type Filters = { scope: '' | 'mine' | 'team' | 'unassigned'; status: string; category: string; urgency: string; channel: string; sla: '' | 'overdue' | 'today'; q: string };
const EMPTY: Filters = { scope: '', status: '', category: '', urgency: '', channel: '', sla: '', q: '' };

/** Filters live in the view's own state: a live refresh reloads rows only, never the form. */
let savedFilters: Filters = { ...EMPTY, status: 'new,triaged,assigned,scheduled,in_progress,waiting_customer,reopened' };

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

/** The ticket queue: SLA countdowns with overdue rows highlighted, filters and pages. */
export function TicketsView({ me: _me }: { me: Me }) {
  const [filters, setFilters] = useState<Filters>(savedFilters);
  const [page, setPage] = useState(1);
  const now = useNow(30_000);
  const { data, error } = useData(() => api<TicketPage>(`/tickets?${query(filters, page)}`), [filters, page]);
  const change = (key: keyof Filters) => (e: Event) => {
    const next = { ...filters, [key]: (e.target as HTMLInputElement | HTMLSelectElement).value };
    savedFilters = next;
    setFilters(next);
    setPage(1);
  };
  // A server without pages answers the same newest rows for every page: then no pager at all.
  const paged = data?.total !== undefined || data?.page !== undefined || data?.nextCursor !== undefined;
  const pages = data?.total !== undefined ? Math.max(1, Math.ceil(data.total / (data.pageSize ?? PAGE_SIZE))) : null;
  const hasNext = pages !== null ? page < pages : (data?.tickets.length ?? 0) >= PAGE_SIZE;
  const select = (key: keyof Filters, label: string, options: [string, string][]) => (
    <label>
      {label}
      <select value={filters[key]} onChange={change(key)}>
        <option value="">{t('filter.any')}</option>
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
        {select('status', t('ticket.status'), [['new,triaged,assigned,scheduled,in_progress,waiting_customer,reopened', t('filter.open')], ...STATUSES.map((s): [string, string] => [s, term('status', s)])])}
        {select('category', t('ticket.category'), CATEGORIES.map((s) => [s, term('category', s)]))}
        {select('urgency', t('ticket.urgency'), URGENCIES.map((s) => [s, term('urgency', s)]))}
        {select('channel', t('ticket.channel'), CHANNELS.map((s) => [s, term('channel', s)]))}
        {select('sla', t('filter.sla'), [
          ['overdue', t('filter.slaOverdue')],
          ['today', t('filter.slaToday')],
        ])}
        <label>
          {t('filter.search')}
          <input type="search" value={filters.q} maxLength={100} onChange={change('q')} placeholder={t('filter.searchHint')} />
        </label>
      </form>
      <Problem error={error} />
      {!data ? (
        error ? null : <Loading />
      ) : data.tickets.length === 0 ? (
        <Empty>{t('tickets.empty')}</Empty>
      ) : (
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
            {data.tickets.map((row) => {
              const due = row.promises[0];
              const c = due ? countdown(due.dueAt, now) : null;
              return (
                <tr key={row.id} class={c?.overdue ? 'overdue' : c?.soon ? 'soon' : undefined}>
                  <td>
                    <a href={href('ticket', row.id)}>{row.number}</a>
                  </td>
                  <td>
                    {row.title} <Badge>{term('category', row.category)}</Badge>
                  </td>
                  <td>{text(row.customer?.name)}</td>
                  <td>{term('status', row.status)}</td>
                  <td>
                    <Badge tone={row.urgency === 'high' ? 'danger' : undefined}>{term('urgency', row.urgency)}</Badge>
                  </td>
                  <td>{row.assignee?.name ?? t('ticket.unassigned')}</td>
                  <td>{due && c ? <span class="sla">{term('promise', due.kind)}: {c.label}</span> : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {data && !paged ? <p class="hint">{t('pager.notPaged', { n: data.tickets.length })}</p> : null}
      <nav class="pager" aria-label={t('pager.label')} hidden={!paged}>
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('pager.previous')}
        </button>
        <span>{pages !== null ? t('pager.pageOf', { page, pages }) : t('pager.page', { page })}</span>
        <button type="button" disabled={!hasNext} onClick={() => setPage(page + 1)}>
          {t('pager.next')}
        </button>
      </nav>
    </section>
  );
}
