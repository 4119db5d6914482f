import { useState } from 'preact/hooks';
import { api, download } from '../api';
import { pct } from '../format';
import { t, term } from '../i18n';
import { useData } from '../live';
import { staffName } from '../staff-names';
import { act, Loading, Problem, ViewTitle } from '../ui';
import { FigureChart } from './chart';

type Rate = { met: number; breached: number; rate: number | null };
type Slice = { key: string; label: string; tickets: number; resolved: number; resolutionRate: number | null; complaints: number; complaintRate: number | null; satisfactionAverage: number | null; firstResponseMedianBusinessMinutes: number | null };
type Kpis = {
  range: { from: string; to: string };
  tickets: number;
  satisfaction: { responses: number; averageOverall: number | null };
  resolution: { resolved: number; total: number; rate: number | null };
  firstResponse: { responded: number; medianMinutes: number | null; averageMinutes: number | null };
  complaints: { complaints: number; total: number; rate: number | null };
  onTimeRepair: Rate;
  // The detailed figures (older servers send only the ones above).
  satisfactionDistribution?: Record<'1' | '2' | '3' | '4' | '5', number>;
  firstResponseBusiness?: { medianMinutes: number | null; averageMinutes: number | null };
  slaMet?: Rate;
  onTimeOnSite?: Rate;
  onTimeRepairOnly?: Rate;
  bucket?: 'day' | 'week';
  byChannel?: Slice[];
  byCategory?: Slice[];
  byStaff?: Slice[];
  overTime?: Slice[];
};

/**
 * The calendar day where the person is (the server reads from/to in the business time zone, which is theirs):
 * not toISOString's UTC day, which in Taiwan until 08:00 is still yesterday and left today's tickets out.
 */
const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** KPIs for a date range, as figures and Chart.js charts, with a CSV of the same. */
export function KpiView() {
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 29 * 86_400_000)));
  const [to, setTo] = useState(() => isoDay(new Date()));
  const [bucket, setBucket] = useState<'day' | 'week'>('day');
  const range = `from=${from}&to=${to}&bucket=${bucket}`;
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
        <label>
          {t('kpis.bucket')}
          <select value={bucket} onChange={(e) => setBucket((e.target as HTMLSelectElement).value as 'day' | 'week')}>
            <option value="day">{t('kpis.byDay')}</option>
            <option value="week">{t('kpis.byWeek')}</option>
          </select>
        </label>
        <button type="button" onClick={() => act(() => download(`/kpis?${range}&format=csv`, `kpis-${from}-${to}.csv`))}>
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
    [t('kpis.slaMet'), k.slaMet?.rate],
    [t('kpis.onTimeArrival'), k.onTimeOnSite?.rate],
    [t('kpis.onTimeRepair'), k.onTimeRepairOnly?.rate ?? k.onTimeRepair.rate],
    [t('kpis.complaintRate'), k.complaints.rate],
  ];
  const shown = rates.filter(([, v]) => v !== undefined);
  const breakdown = (rows: Slice[] | undefined, name: (s: Slice) => string, id: string, title: string) =>
    rows?.length ? (
      <FigureChart
        id={id}
        title={title}
        labels={rows.map(name)}
        percent
        series={[
          { label: t('kpis.resolution'), values: rows.map((r) => r.resolutionRate) },
          { label: t('kpis.complaintRate'), values: rows.map((r) => r.complaintRate) },
        ]}
      />
    ) : null;
  const firstResponse = k.firstResponseBusiness?.medianMinutes ?? k.firstResponse.medianMinutes;
  const repair = k.onTimeRepairOnly ?? k.onTimeRepair;
  return (
    <>
      <dl class="kpis">
        <Fig label={t('kpis.tickets')} value={String(k.tickets)} />
        <Fig label={t('kpis.satisfaction')} value={k.satisfaction.averageOverall === null ? '—' : `${k.satisfaction.averageOverall} / 5`} note={t('kpis.answers', { n: k.satisfaction.responses })} />
        <Fig label={t('kpis.resolution')} value={pct(k.resolution.rate)} note={t('kpis.ofTotal', { n: k.resolution.resolved, total: k.resolution.total })} />
        <Fig label={t('kpis.firstResponse')} value={firstResponse === null ? '—' : t('unit.minutes', { n: firstResponse })} note={k.firstResponseBusiness ? t('kpis.businessHours') : undefined} />
        {k.slaMet ? <Fig label={t('kpis.slaMet')} value={pct(k.slaMet.rate)} note={t('kpis.metBreached', { met: k.slaMet.met, breached: k.slaMet.breached })} /> : null}
        {k.onTimeOnSite ? <Fig label={t('kpis.onTimeArrival')} value={pct(k.onTimeOnSite.rate)} note={t('kpis.metBreached', { met: k.onTimeOnSite.met, breached: k.onTimeOnSite.breached })} /> : null}
        <Fig label={t('kpis.onTimeRepair')} value={pct(repair.rate)} note={t('kpis.metBreached', { met: repair.met, breached: repair.breached })} />
        <Fig label={t('kpis.complaintRate')} value={pct(k.complaints.rate)} note={t('kpis.ofTotal', { n: k.complaints.complaints, total: k.complaints.total })} />
      </dl>
      <div class="charts">
        <FigureChart id="chart-rates" title={t('kpis.rates')} labels={shown.map(([label]) => label)} percent series={[{ label: t('kpis.rate'), values: shown.map(([, v]) => v ?? null) }]} />
        {k.satisfactionDistribution ? (
          <FigureChart
            id="chart-satisfaction"
            title={t('kpis.satisfactionDistribution')}
            labels={['1', '2', '3', '4', '5']}
            series={[{ label: t('kpis.answersLabel'), values: (['1', '2', '3', '4', '5'] as const).map((s) => k.satisfactionDistribution?.[s] ?? 0) }]}
          />
        ) : null}
        {k.overTime?.length ? (
          <FigureChart
            id="chart-time"
            type="line"
            title={t('kpis.overTime')}
            labels={k.overTime.map((p) => p.label)}
            series={[
              { label: t('kpis.tickets'), values: k.overTime.map((p) => p.tickets) },
              { label: t('kpis.resolvedCount'), values: k.overTime.map((p) => p.resolved) },
            ]}
          />
        ) : null}
        {breakdown(k.byChannel, (s) => term('channel', s.key), 'chart-channel', t('kpis.byChannel'))}
        {breakdown(k.byCategory, (s) => term('category', s.key), 'chart-category', t('kpis.byCategory'))}
        {breakdown(k.byStaff, (s) => s.label || staffName(s.key), 'chart-staff', t('kpis.byStaff'))}
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
