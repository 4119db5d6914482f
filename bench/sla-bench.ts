import { performance } from 'node:perf_hooks';
import { createBusinessCalendar } from '../src/sla/business-calendar.js';
import { loadPolicy } from '../src/sla/load-policy.js';
import { deadlines } from '../src/sla/sla-rules.js';
import type { SlaInput } from '../src/sla/sla-rules.js';

const CHANNELS = ['sms', 'voice', 'email', 'chat'] as const;
const COMPLEXITIES = ['simple', 'general', 'complex'] as const;

/** Tickets opened every 37 minutes over two years, mixed channels, complexities and provinces. */
function sampleTickets(count: number): SlaInput[] {
  const start = Date.parse('2025-01-01T00:00:00+08:00');
  return Array.from({ length: count }, (_, i) => ({
    openedAt: new Date(start + ((i * 37 * 60_000) % (730 * 86_400_000))),
    category: i % 3 === 0 ? 'fault' : 'inquiry',
    urgency: 'normal',
    channel: CHANNELS[i % 4] ?? 'chat',
    complexity: COMPLEXITIES[i % 3],
    province: i % 2 === 0 ? '台北市' : '高雄市',
  }));
}

/** Deadline sets computed per second on one warm calendar (what the SLA check job does per ticket). */
export async function benchSla(): Promise<{ name: string; value: number; unit: string; target?: string }[]> {
  const policy = loadPolicy();
  const calendar = createBusinessCalendar(policy.calendar);
  const tickets = sampleTickets(20_000);
  for (const t of tickets.slice(0, 2_000)) deadlines(policy, calendar, t); // warm the caches

  const began = performance.now();
  let promises = 0;
  for (const t of tickets) promises += deadlines(policy, calendar, t).length;
  const seconds = (performance.now() - began) / 1000;

  return [
    { name: 'sla.deadlines_per_second', value: Math.round(tickets.length / seconds), unit: 'tickets/s', target: '>= 5000' },
    { name: 'sla.promises_per_second', value: Math.round(promises / seconds), unit: 'promises/s' },
  ];
}
