import type { ComplaintReportData } from '../reports/complaint-report.js';
import type { KpiBreakdowns, Kpis, KpiSlice } from '../reports/kpi-service.js';

/** One CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@]/.test(text) && !/^-?\d/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csv(rows: unknown[][]): string {
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

const SLICE_COLUMNS = ['tickets', 'resolved', 'resolutionRate', 'complaints', 'complaintRate', 'satisfactionResponses', 'satisfactionAverage', 'firstResponseMedianBusinessMinutes'] as const;

/**
 * The KPIs as one table: the whole range first, then per channel, category, staff member and day or week,
 * the same columns on every row (a spreadsheet pivots it as it likes).
 */
export function kpiCsv(k: Kpis & KpiBreakdowns): string {
  const total: KpiSlice = {
    key: 'all',
    label: `${k.range.from}..${k.range.to}`,
    tickets: k.tickets,
    resolved: k.resolution.resolved,
    resolutionRate: k.resolution.rate,
    complaints: k.complaints.complaints,
    complaintRate: k.complaints.rate,
    satisfactionResponses: k.satisfaction.responses,
    satisfactionAverage: k.satisfaction.averageOverall,
    firstResponseMedianBusinessMinutes: k.firstResponseBusiness.medianMinutes,
  };
  const rows: unknown[][] = [['dimension', 'key', 'label', ...SLICE_COLUMNS, 'slaMetRate', 'onTimeOnSiteRate', 'onTimeRepairRate']];
  rows.push(['total', total.key, total.label, ...SLICE_COLUMNS.map((c) => total[c]), k.slaMet.rate, k.onTimeOnSite.rate, k.onTimeRepairOnly.rate]);
  const add = (dimension: string, slices: KpiSlice[]) => {
    for (const s of slices) rows.push([dimension, s.key, s.label, ...SLICE_COLUMNS.map((c) => s[c]), '', '', '']);
  };
  add('channel', k.byChannel);
  add('category', k.byCategory);
  add('staff', k.byStaff);
  add(k.bucket, k.overTime);
  return csv(rows);
}

/** The monthly complaint report's tickets, one row each. */
export function complaintReportCsv(d: ComplaintReportData): string {
  return csv([['number', 'type', 'status', 'openedAt', 'resolvedAt'], ...d.tickets.map((t) => [t.number, t.type, t.status, t.openedAt, t.resolvedAt])]);
}
