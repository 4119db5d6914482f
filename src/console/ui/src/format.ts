import { intlLocale, t } from './i18n';
import { staffName } from './staff-names';

/** A date and time in the chosen language; '—' for none (never a literal null). */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function day(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium' }).format(new Date(iso));
}

export function pct(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)} %`;
}

export function text(value: unknown): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

/** "2 h 5 min" */
export function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [days ? t('unit.days', { n: days }) : '', hours ? t('unit.hours', { n: hours }) : '', !days && (mins || !hours) ? t('unit.minutes', { n: mins }) : ''];
  return parts.filter(Boolean).join(' ');
}

/** A countdown to an SLA due time: "due in 1 h 20 min" or "overdue by 15 min". */
export function countdown(dueAt: string, now: number): { label: string; overdue: boolean; soon: boolean } {
  const left = new Date(dueAt).getTime() - now;
  if (left < 0) return { label: t('sla.overdue', { d: duration(left) }), overdue: true, soon: false };
  return { label: t('sla.dueIn', { d: duration(left) }), overdue: false, soon: left < 60 * 60_000 };
}

/** Who did something: staff by name, the bot, the customer, the system. */
export function actor(value: string | null | undefined): string {
  if (!value) return '—';
  if (value.startsWith('staff:')) return staffName(value.slice(6));
  if (value === 'bot' || value === 'customer' || value === 'system') return t(`actor.${value}`);
  return value;
}
