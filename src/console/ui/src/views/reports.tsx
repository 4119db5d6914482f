import { useState } from 'preact/hooks';
import { api, ApiError, download, saveBlob } from '../api';
import { when } from '../format';
import { t, term } from '../i18n';
import { href } from '../router';
import { useData } from '../live';
import { act, Empty, Loading, Problem, ViewTitle } from '../ui';

type Report = { id: string; period: string; mailedAt: string | null; createdAt: string; data: Record<string, unknown> };

/** The monthly complaint reports: read one here, or download it. */
export function ReportsView() {
  const { data, error } = useData(() => api<{ reports: Report[] }>('/reports'), []);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="reports-title">
      <ViewTitle id="reports-title">{t('reports.title')}</ViewTitle>
      <Problem error={error} />
      {!data ? error ? null : <Loading /> : data.reports.length === 0 ? <Empty>{t('reports.empty')}</Empty> : null}
      <ul class="list">
        {data?.reports.map((r) => (
          <li key={r.id} class="card">
            <h3>{t('reports.period', { period: r.period })}</h3>
            <p class="meta">{r.mailedAt ? t('reports.mailed', { at: when(r.mailedAt) }) : t('reports.notMailed')}</p>
            <div class="actions">
              <button type="button" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)}>
                {open === r.id ? t('reports.hide') : t('reports.view')}
              </button>
              <button
                type="button"
                onClick={() =>
                  act(async () => {
                    try {
                      await download(`/reports/${encodeURIComponent(r.period)}?format=csv`, `complaints-${r.period}.csv`);
                    } catch (err) {
                      if (!(err instanceof ApiError && err.unavailable)) throw err;
                      // No CSV on this server: the report's own figures, as stored, in JSON.
                      saveBlob(new Blob([JSON.stringify(r.data, null, 2)], { type: 'application/json' }), `complaints-${r.period}.json`);
                    }
                  })
                }
              >
                {t('reports.download')}
              </button>
            </div>
            {open === r.id ? <ReportBody data={r.data} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

type ReportData = {
  total?: number;
  byType?: Record<string, number>;
  byStatus?: Record<string, number>;
  resolution?: { resolved: number; averageHours: number | null; medianHours: number | null; maxHours: number | null };
  repeatCustomers?: { customerId: string; name: string | null; complaints: number }[];
  returningComplainants?: number;
  tickets?: { number: string; type: string; status: string; openedAt: string; resolvedAt: string | null }[];
};

const hours = (h: number | null | undefined) => (h === null || h === undefined ? '—' : t('unit.hours', { n: Math.round(h * 10) / 10 }));

/** The month's complaints as the report stores them: counts, resolution times, repeat customers, the tickets. */
function ReportBody({ data }: { data: Record<string, unknown> }) {
  const d = data as ReportData;
  return (
    <div class="report">
      <dl class="facts">
        <dt>{t('report.total')}</dt>
        <dd>{d.total ?? '—'}</dd>
        <dt>{t('report.returningComplainants')}</dt>
        <dd>{d.returningComplainants ?? '—'}</dd>
        <dt>{t('report.resolved')}</dt>
        <dd>{d.resolution?.resolved ?? '—'}</dd>
        <dt>{t('report.hours')}</dt>
        <dd>{t('report.hoursValue', { median: hours(d.resolution?.medianHours), average: hours(d.resolution?.averageHours), max: hours(d.resolution?.maxHours) })}</dd>
      </dl>
      <div class="report-grid">
        <Counts title={t('report.byType')} counts={d.byType} group="complaintType" />
        <Counts title={t('report.byStatus')} counts={d.byStatus} group="status" />
      </div>
      {d.repeatCustomers?.length ? (
        <>
          <h4>{t('report.repeatCustomers')}</h4>
          <ul>
            {d.repeatCustomers.map((c) => (
              <li key={c.customerId}>
                <a href={href('customer', c.customerId)}>{c.name ?? t('customer.unnamed')}</a> · {c.complaints}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {d.tickets?.length ? (
        <div class="table-wrap">
          <table class="table">
            <caption>{t('report.tickets')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ticket.number')}</th>
                <th scope="col">{t('report.type')}</th>
                <th scope="col">{t('ticket.status')}</th>
                <th scope="col">{t('report.openedAt')}</th>
                <th scope="col">{t('report.resolvedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {d.tickets.map((tk) => (
                <tr key={tk.number}>
                  <td>{tk.number}</td>
                  <td>{term('complaintType', tk.type)}</td>
                  <td>{term('status', tk.status)}</td>
                  <td>{when(tk.openedAt)}</td>
                  <td>{when(tk.resolvedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function Counts({ title, counts, group }: { title: string; counts?: Record<string, number>; group: string }) {
  if (!counts || !Object.keys(counts).length) return null;
  return (
    <table class="table">
      <caption>{title}</caption>
      <tbody>
        {Object.entries(counts).map(([key, n]) => (
          <tr key={key}>
            <th scope="row">{term(group, key)}</th>
            <td>{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
