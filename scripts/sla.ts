/**
 * Ask the service policy directly.
 *
 *   npm run --silent sla -- explain --opened 2026-11-28T17:00:00+08:00 --category fault --urgency normal \
 *     --channel email [--on-site] [--province 台北市] [--address ADDRESS] [--arrived ISO]
 *     [--complexity simple|general|complex] [--policy config/policy.yaml] [--json]
 *
 * --json prints one JSON object: `openedAt`, then `<promise>Due`, `<promise>WarnAt` (the policy's warning point)
 * and `<promise>NoticeAt` (when a person is actually told, always before the due time) for every promise that
 * applies (firstResponse, emailReply, callback, contact, progressUpdate, expertEngaged, onSite, onSiteRepair),
 * all ISO-8601 in the business time zone with its offset. --on-site: triage says a visit on site is needed;
 * --arrived: the engineer's arrival (adds onSiteRepair). Bad arguments exit 2; an invalid policy exits 1.
 */
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { Category, ChannelKind, Complexity, Urgency } from '../src/understanding/understanding-schema.js';
import { createBusinessCalendar } from '../src/sla/business-calendar.js';
import type { BusinessCalendar } from '../src/sla/business-calendar.js';
import { PolicyError, loadPolicy } from '../src/sla/load-policy.js';
import { deadlines } from '../src/sla/sla-rules.js';
import type { PromiseKind, ServicePromise, SlaInput } from '../src/sla/sla-rules.js';

const USAGE = `usage: sla explain --opened <ISO time with offset> --category <inquiry|fault|complaint>
                   --urgency <low|normal|high> --channel <sms|voice|email|chat>
                   [--on-site] [--province <name>] [--address <site address>] [--arrived <ISO time>]
                   [--complexity <simple|general|complex>]
                   [--policy <policy.yaml>] [--json]`;

/** Output key stem per promise (`<stem>Due`, `<stem>WarnAt`). */
const KEY: Record<PromiseKind, string> = {
  first_response: 'firstResponse',
  email_reply: 'emailReply',
  callback: 'callback',
  contact: 'contact',
  progress_update: 'progressUpdate',
  expert_engaged: 'expertEngaged',
  on_site_arrival: 'onSite',
  on_site_repair: 'onSiteRepair',
};

class UsageError extends Error {}

function parseCommand(argv: string[]): { input: SlaInput; json: boolean; policyFile: string | undefined } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        opened: { type: 'string' },
        category: { type: 'string' },
        urgency: { type: 'string' },
        channel: { type: 'string' },
        province: { type: 'string' },
        address: { type: 'string' },
        'on-site': { type: 'boolean', default: false },
        arrived: { type: 'string' },
        complexity: { type: 'string' },
        policy: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error: unknown) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) throw new UsageError('');
  if (positionals.length !== 1 || positionals[0] !== 'explain') throw new UsageError(`expected the command "explain", got ${positionals.join(' ') || 'none'}`);

  const openedAt = isoTime(required(values.opened, 'opened'), 'opened');
  const arrivedAt = values.arrived === undefined ? undefined : isoTime(values.arrived, 'arrived');

  return {
    input: {
      openedAt: openedAt.toJSDate(),
      category: choice(Category.options, required(values.category, 'category'), 'category'),
      urgency: choice(Urgency.options, required(values.urgency, 'urgency'), 'urgency'),
      channel: choice(ChannelKind.options, required(values.channel, 'channel'), 'channel'),
      complexity: values.complexity === undefined ? undefined : choice(Complexity.options, values.complexity, 'complexity'),
      province: values.province ?? null,
      siteAddress: values.address ?? null,
      onSiteRequired: values['on-site'],
      arrivedOnSiteAt: arrivedAt?.toJSDate() ?? null,
    },
    json: values.json,
    policyFile: values.policy ?? (process.env.POLICY_FILE || undefined),
  };
}

function isoTime(value: string, name: string): DateTime {
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) throw new UsageError(`--${name}: expected an ISO time with an offset, e.g. 2026-11-26T09:00:00+08:00, got "${value}"`);
  const at = DateTime.fromISO(value, { setZone: true });
  if (!at.isValid) throw new UsageError(`--${name}: not a valid ISO time: "${value}"`);
  return at;
}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

function choice<T extends string>(options: readonly T[], value: string, name: string): T {
  const found = options.find((o) => o === value);
  if (found === undefined) throw new UsageError(`--${name}: expected one of ${options.join('|')}, got "${value}"`);
  return found;
}

function explainJson(openedAt: Date, promises: readonly ServicePromise[], calendar: BusinessCalendar): Record<string, string> {
  const iso = (d: Date): string => DateTime.fromJSDate(d, { zone: calendar.timeZone }).toISO() ?? d.toISOString();
  const out: Record<string, string> = { openedAt: iso(openedAt) };
  for (const p of promises) out[`${KEY[p.kind]}Due`] = iso(p.dueAt);
  for (const p of promises) out[`${KEY[p.kind]}WarnAt`] = iso(p.warnAt);
  for (const p of promises) out[`${KEY[p.kind]}NoticeAt`] = iso(p.noticeAt);
  return out;
}

function explainTable(openedAt: Date, promises: readonly ServicePromise[], calendar: BusinessCalendar): string {
  const fmt = (d: Date): string => DateTime.fromJSDate(d, { zone: calendar.timeZone }).toFormat("ccc yyyy-LL-dd HH:mm ZZ");
  const rows = [
    ['promise', 'measure', 'due', 'warn at', 'person told'],
    ...promises.map((p) => [p.kind, p.measure, fmt(p.dueAt), fmt(p.warnAt), fmt(p.noticeAt)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [`opened ${fmt(openedAt)} (${calendar.timeZone})`, '', line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function main(argv: string[]): number {
  let command;
  try {
    command = parseCommand(argv);
  } catch (error: unknown) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message !== '') process.stderr.write(`sla: ${error.message}\n`);
    process.stderr.write(`${USAGE}\n`);
    return error.message === '' ? 0 : 2;
  }
  try {
    const policy = loadPolicy(command.policyFile);
    const calendar = createBusinessCalendar(policy.calendar);
    const promises = deadlines(policy, calendar, command.input);
    const text = command.json
      ? JSON.stringify(explainJson(command.input.openedAt, promises, calendar))
      : explainTable(command.input.openedAt, promises, calendar);
    process.stdout.write(`${text}\n`);
    return 0;
  } catch (error: unknown) {
    if (!(error instanceof PolicyError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
