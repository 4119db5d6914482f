import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

export type Series = { label: string; values: (number | null)[] };
const COLOURS = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2'];

/**
 * A Chart.js chart with the same figures as a table for screen readers (and for tests: data-values).
 * The chart is updated in place when the figures change, not rebuilt.
 */
export function FigureChart({ title, labels, series, type = 'bar', percent = false, id }: { title: string; labels: string[]; series: Series[]; type?: 'bar' | 'line'; percent?: boolean; id: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const scale = (v: number | null) => (v === null ? null : percent ? Math.round(v * 1000) / 10 : v);
  const datasets = series.map((s, i) => ({
    label: s.label,
    data: s.values.map(scale),
    backgroundColor: COLOURS[i % COLOURS.length],
    borderColor: COLOURS[i % COLOURS.length],
  }));

  useEffect(() => {
    const config: ChartConfiguration<'bar' | 'line', (number | null)[], string> = {
      type,
      data: { labels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ...(percent ? { max: 100, ticks: { callback: (v) => `${v} %` } } : {}) } },
        plugins: { legend: { display: series.length > 1 } },
      },
    };
    chart.current = new Chart(canvas.current!, config);
    return () => chart.current?.destroy();
    // the chart type is fixed per figure; data changes go through update below
  }, [type]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.labels = labels;
    c.data.datasets = datasets;
    c.update('none');
  });

  const values = JSON.stringify(datasets.map((d) => d.data));
  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <div class="chart-box" data-testid={id} data-values={values}>
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
      <table class="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {series.map((s) => (
              <th scope="col" key={s.label}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {datasets.map((d) => (
                <td key={d.label}>{d.data[i] ?? '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
