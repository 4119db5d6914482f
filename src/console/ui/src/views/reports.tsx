import { useState } from 'preact/hooks';
import { api, download, saveBlob } from '../api';
import { when } from '../format';
import { t } from '../i18n';
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
                      await download(`/reports/${r.id}.csv`, `complaints-${r.period}.csv`);
                    } catch {
                      // No CSV route on this server: the report's own figures, as stored, in JSON.
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

function ReportBody({ data }: { data: Record<string, unknown> }) {
  const rows = Object.entries(data).filter(([, v]) => typeof v !== 'object' || v === null);
  const nested = Object.entries(data).filter(([, v]) => typeof v === 'object' && v !== null);
  return (
    <div>
      <dl class="facts">
        {rows.map(([k, v]) => (
          <>
            <dt key={`k${k}`}>{t(`report.${k}`) === `report.${k}` ? k : t(`report.${k}`)}</dt>
            <dd key={`v${k}`}>{v === null ? '—' : String(v)}</dd>
          </>
        ))}
      </dl>
      {nested.map(([k, v]) => (
        <details key={k}>
          <summary>{t(`report.${k}`) === `report.${k}` ? k : t(`report.${k}`)}</summary>
          <pre>{JSON.stringify(v, null, 2)}</pre>
        </details>
      ))}
    </div>
  );
}
