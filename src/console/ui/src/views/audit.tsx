import { useState } from 'preact/hooks';
import { api } from '../api';
import { actor, text, when } from '../format';
import { t, term } from '../i18n';
import { useData } from '../live';
import { href } from '../router';
import { staffStore } from '../staff-names';
import { useStore } from '../store';
import { Empty, Loading, Pager, Problem, ViewTitle } from '../ui';

type Entry = { id: string; at: string; actor: string; staffName?: string | null; action: string; customerId: string | null; ticketId: string | null; ip: string | null; reason?: string | null; detail?: unknown };
type Search = { staffId: string; action: string; customerId: string; from: string; to: string };

/** The append-only access audit: who read or changed what, searched by supervisors. */
export function AuditView() {
  const staff = useStore(staffStore);
  const [form, setForm] = useState<Search>({ staffId: '', action: '', customerId: '', from: '', to: '' });
  const [search, setSearch] = useState<Search>(form);
  const [page, setPage] = useState(1);
  const params = new URLSearchParams([...Object.entries(search).filter(([, v]) => v), ['page', String(page)], ['size', '50']]);
  const { data: found, error } = useData(() => api<{ entries: Entry[]; total?: number; size?: number }>(`/audit?${params}`), [params.toString()]);
  const pages = found?.total !== undefined ? Math.max(1, Math.ceil(found.total / (found.size ?? 50))) : null;
  // Also applied here: a server that ignores a criterion it does not know yet shows no rows that miss it.
  const data = found ? { entries: found.entries.filter((e) => inSearch(e, search)) } : null;
  const field = (key: keyof Search) => (e: Event) => setForm({ ...form, [key]: (e.target as HTMLInputElement).value });
  return (
    <section aria-labelledby="audit-title">
      <ViewTitle id="audit-title">{t('audit.title')}</ViewTitle>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(form);
          setPage(1);
        }}
      >
        <label>
          {t('audit.who')}
          <select value={form.staffId} onChange={field('staffId')}>
            <option value="">{t('filter.any')}</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.action')}
          <input value={form.action} onInput={field('action')} maxLength={64} />
        </label>
        <label>
          {t('audit.customer')}
          <input value={form.customerId} onInput={field('customerId')} maxLength={64} />
        </label>
        <label>
          {t('kpis.from')}
          <input type="date" value={form.from} onInput={field('from')} />
        </label>
        <label>
          {t('kpis.to')}
          <input type="date" value={form.to} onInput={field('to')} />
        </label>
        <button type="submit">{t('audit.search')}</button>
      </form>
      <Problem error={error} />
      {!data ? (
        error ? null : <Loading />
      ) : data.entries.length === 0 ? (
        <Empty>{t('audit.empty')}</Empty>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('outbox.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.record')}</th>
                <th scope="col">{t('audit.reason')}</th>
                <th scope="col">{t('audit.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {data.entries.map((e) => (
                <tr key={e.id}>
                  <td>{when(e.at)}</td>
                  <td>{e.staffName ?? actor(e.actor)}</td>
                  <td>{term('auditAction', e.action)}</td>
                  <td>
                    {e.ticketId ? <a href={href('ticket', e.ticketId)}>{t('audit.ticket')}</a> : null} {e.customerId ? <a href={href('customer', e.customerId)}>{t('audit.customerLink')}</a> : null}
                    {!e.ticketId && !e.customerId ? '—' : null}
                  </td>
                  <td>{text(e.reason)}</td>
                  <td>{text(e.ip)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages !== null ? <Pager page={page} pages={pages} onPage={setPage} /> : null}
    </section>
  );
}

function inSearch(e: Entry, s: Search): boolean {
  if (s.staffId && e.actor !== `staff:${s.staffId}`) return false;
  if (s.action && !s.action.split(',').some((a) => e.action === a.trim())) return false;
  if (s.customerId && e.customerId !== s.customerId) return false;
  if (s.from && e.at.slice(0, 10) < s.from) return false;
  if (s.to && e.at.slice(0, 10) > s.to) return false;
  return true;
}
