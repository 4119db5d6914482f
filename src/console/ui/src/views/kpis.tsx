import { useState } from 'preact/hooks';
import { api, download } from '../api';
import { pct } from '../format';
import { t, term } from '../i18n';
import { useData } from '../live';
import { staffName } from '../staff-names';
import { act, Loading, Problem, ViewTitle } from '../ui';
import { FigureChart } from './chart';

type Rate = { rate: number | null };
type Breakdown = { key: string; tickets?: number; resolutionRate?: number | null; slaMetRate?: number | null; satisfaction?: number | null; complaintRate?: number | null };
type Kpis = {
  range: { from: string; to: string };
  tickets: number;
  satisfaction: { responses: number; averageOverall: number | null; distribution?: Record<string, number> };
  resolution: { resolved: number; total: number } & Rate;
  firstResponse: { responded: number; medianMinutes: number | null; averageMinutes: number | null; slaMetRate?: number | null; medianBusinessMinutes?: number | null };
  complaints: { complaints: number; total: number } & Rate & { onTimeRate?: number | null; successRate?: number | null };
  onTimeRepair: { met: number; breached: number } & Rate;
  onTimeArrival?: { met: number; breached: number } & Rate;
  byChannel?: Breakdown[];
  byCategory?: Breakdown[];
  byStaff?: Breakdown[];
  overTime?: ({ period: string } & Omit<Breakdown, 'key'>)[];
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** KPIs for a date range, as figures and Chart.js charts, with a CSV of the same. */
export function KpiView() {
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 29 * 86_400_000)));
  const [to, setTo] = useState(() => isoDay(new Date()));
  const range = `from=${from}&to=${to}`;
  const { data, error } = useData(() => api<Kpis>(`/kpis?${range}`), [range]);
  return (
    <section aria-labelledby="kpis-title">
      <ViewTitle id="kpis-title">{t('kpis.title')}</ViewTitle>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('kpis.from')}
          <input type="date" value={from} max={to} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('kpis.to')}
          <input type="date" value={to} min={from} onChange={(e) => setTo((e.target as HTMLInputElement).value)} />
        </label>
        <button type="button" onClick={() => act(() => download(`/kpis.csv?${range}`, `kpis-${from}-${to}.csv`))}>
          {t('kpis.csv')}
        </button>
      </form>
      <Problem error={error} />
      {!data ? error ? null : <Loading /> : <Figures k={data} />}
    </section>
  );
}

function Figures({ k }: { k: Kpis }) {
  const rates: [string, number | null | undefined][] = [
    [t('kpis.resolution'), k.resolution.rate],
    [t('kpis.firstResponseSla'), k.firstResponse.slaMetRate],
    [t('kpis.onTimeArrival'), k.onTimeArrival?.rate],
    [t('kpis.onTimeRepair'), k.onTimeRepair.rate],
    [t('kpis.complaintRate'), k.complaints.rate],
    [t('kpis.complaintOnTime'), k.complaints.onTimeRate],
    [t('kpis.complaintSuccess'), k.complaints.successRate],
  ];
  const shown = rates.filter(([, v]) => v !== undefined);
  const breakdown = (rows: Breakdown[] | undefined, name: (key: string) => string, id: string, title: string) =>
    rows?.length ? (
      <FigureChart
        id={id}
        title={title}
        labels={rows.map((r) => name(r.key))}
        percent
        series={[
          { label: t('kpis.resolution'), values: rows.map((r) => r.resolutionRate ?? null) },
          { label: t('kpis.firstResponseSla'), values: rows.map((r) => r.slaMetRate ?? null) },
        ]}
      />
    ) : null;
  return (
    <>
      <dl class="kpis">
        <Fig label={t('kpis.tickets')} value={String(k.tickets)} />
        <Fig label={t('kpis.satisfaction')} value={k.satisfaction.averageOverall === null ? '—' : `${k.satisfaction.averageOverall} / 5`} note={t('kpis.answers', { n: k.satisfaction.responses })} />
        <Fig label={t('kpis.resolution')} value={pct(k.resolution.rate)} note={t('kpis.ofTotal', { n: k.resolution.resolved, total: k.resolution.total })} />
        <Fig
          label={t('kpis.firstResponse')}
          value={k.firstResponse.medianBusinessMinutes ?? k.firstResponse.medianMinutes ?? null ? t('unit.minutes', { n: (k.firstResponse.medianBusinessMinutes ?? k.firstResponse.medianMinutes)! }) : '—'}
          note={k.firstResponse.medianBusinessMinutes !== undefined ? t('kpis.businessHours') : undefined}
        />
        <Fig label={t('kpis.complaintRate')} value={pct(k.complaints.rate)} note={t('kpis.ofTotal', { n: k.complaints.complaints, total: k.complaints.total })} />
        <Fig label={t('kpis.onTimeRepair')} value={pct(k.onTimeRepair.rate)} note={t('kpis.metBreached', { met: k.onTimeRepair.met, breached: k.onTimeRepair.breached })} />
      </dl>
      <div class="charts">
        <FigureChart id="chart-rates" title={t('kpis.rates')} labels={shown.map(([label]) => label)} percent series={[{ label: t('kpis.rate'), values: shown.map(([, v]) => v ?? null) }]} />
        {k.satisfaction.distribution ? (
          <FigureChart
            id="chart-satisfaction"
            title={t('kpis.satisfactionDistribution')}
            labels={['1', '2', '3', '4', '5']}
            series={[{ label: t('kpis.answersLabel'), values: ['1', '2', '3', '4', '5'].map((s) => k.satisfaction.distribution?.[s] ?? 0) }]}
          />
        ) : null}
        {k.overTime?.length ? (
          <FigureChart
            id="chart-time"
            type="line"
            title={t('kpis.overTime')}
            labels={k.overTime.map((p) => p.period)}
            series={[{ label: t('kpis.tickets'), values: k.overTime.map((p) => p.tickets ?? null) }]}
          />
        ) : null}
        {breakdown(k.byChannel, (key) => term('channel', key), 'chart-channel', t('kpis.byChannel'))}
        {breakdown(k.byCategory, (key) => term('category', key), 'chart-category', t('kpis.byCategory'))}
        {breakdown(k.byStaff, (key) => staffName(key), 'chart-staff', t('kpis.byStaff'))}
      </div>
    </>
  );
}

function Fig({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
      {note ? <small class="meta">{note}</small> : null}
    </div>
  );
}
