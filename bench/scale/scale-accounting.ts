/**
 * The scale bench's verdict after instances shared one database: every acknowledged SMS stored once,
 * processed once and answered once, and no job run twice. Pure, so a crafted database state can show that
 * it finds a duplicate and a lost message (test/bench/scale-check.test.ts); the rows come from
 * bench/scale/scale-check.ts.
 */
import { judgeSoak, type SoakFacts } from '../soak/soak-accounting.js';
import type { ProviderSend } from './fake-twilio.js';

/**
 * pg-boss's cron: each firing is a `__pgboss__send-it` job keyed by the schedule's name and its minute slot
 * (unique per slot), which then creates the job itself. `cronTriggers` are those, `cronJobs` the jobs of
 * the scheduled queues.
 */
export type CronTriggerRow = { id: string; name: string; slot: string };
export type CronJobRow = { id: string; name: string };

export type ScaleFacts = SoakFacts & {
  /** Each instance runs pg-boss's clock, yet each minute must fire once and each firing make one job. */
  cronTriggers: readonly CronTriggerRow[];
  cronJobs: readonly CronJobRow[];
  /** The outbox rows (replies that went out through `message.send` jobs). */
  outbox: readonly { id: string }[];
  /** When the instances sent through the fake Twilio: every send it received. */
  providerSends?: readonly ProviderSend[];
};

export type ScaleVerdict = {
  /** Acknowledged but not stored, a job that must exist missing, or an outbox reply never sent. */
  lost: number;
  /** A provider id stored twice, a reply stored twice for one message, a job queued twice, a reply sent twice. */
  duplicates: number;
  /** Stored but never processed (after the bench waited for the backlog). */
  unprocessed: number;
  /** Processed without a reply stored against it (every message of the bench is a question the bot answers). */
  unanswered: number;
  parts: ReturnType<typeof judgeSoak>['parts'] & { cronDoubled: number; unanswered: number; neverSent: number; sentTwice: number; jobsChecked: number };
  /** Outbox rows sent per instance (empty without the fake Twilio): how the queue's work was shared. */
  sentBy: Record<string, number>;
  examples: Record<string, string[]>;
};

/**
 * The soak's accounting (acknowledged but not stored, stored twice, a reply doubled, a must-once job missing
 * or doubled), plus: processed without a reply, cron minutes fired twice or firings that made two jobs, and
 * outbox rows the provider received never or twice.
 */
export function judgeScale(facts: ScaleFacts): ScaleVerdict {
  const soak = judgeSoak(facts);
  const examples: Record<string, string[]> = { ...soak.examples };
  const note = (kind: string, what: string) => {
    const list = (examples[kind] ??= []);
    if (list.length < 5) list.push(what);
  };

  const answered = new Set(facts.replies.map((r) => r.inReplyToId));
  let unanswered = 0;
  for (const row of facts.inbound) {
    if (!row.processed || answered.has(row.id)) continue;
    unanswered += 1;
    note('unanswered', `${row.channel}:${row.externalId ?? row.id}`);
  }

  // A slot fired twice, or more jobs in a scheduled queue than firings (a firing that made two).
  const firings = new Map<string, Set<string>>();
  const firingsOf = new Map<string, number>();
  for (const t of facts.cronTriggers) {
    const key = `${t.name} ${t.slot}`;
    (firings.get(key) ?? firings.set(key, new Set()).get(key)!).add(t.id);
  }
  let cronDoubled = 0;
  for (const [key, ids] of firings) {
    const name = key.split(' ')[0]!;
    firingsOf.set(name, (firingsOf.get(name) ?? 0) + 1);
    if (ids.size < 2) continue;
    cronDoubled += ids.size - 1;
    note('cronDoubled', `${key} fired ×${ids.size}`);
  }
  const jobsOf = new Map<string, Set<string>>();
  for (const job of facts.cronJobs) (jobsOf.get(job.name) ?? jobsOf.set(job.name, new Set()).get(job.name)!).add(job.id);
  for (const [name, ids] of jobsOf) {
    const extra = ids.size - (firingsOf.get(name) ?? 0);
    if (extra <= 0) continue;
    cronDoubled += extra;
    note('cronDoubled', `${name}: ${ids.size} jobs from ${firingsOf.get(name) ?? 0} firings`);
  }

  // A `message.send` job that ran twice sends twice; one that never ran leaves its reply unsent.
  let neverSent = 0;
  let sentTwice = 0;
  const sentBy: Record<string, number> = {};
  if (facts.providerSends) {
    const sends = new Map<string, number>();
    for (const send of facts.providerSends) {
      sends.set(send.outboundId, (sends.get(send.outboundId) ?? 0) + 1);
      sentBy[send.instance] = (sentBy[send.instance] ?? 0) + 1;
    }
    for (const { id } of facts.outbox) {
      const n = sends.get(id) ?? 0;
      if (n === 0) {
        neverSent += 1;
        note('neverSent', id);
      } else if (n > 1) {
        sentTwice += n - 1;
        note('sentTwice', `${id} ×${n}`);
      }
    }
  }

  return {
    lost: soak.lost + neverSent,
    duplicates: soak.duplicated + cronDoubled + sentTwice,
    unprocessed: soak.parts.unprocessed,
    unanswered,
    parts: { ...soak.parts, cronDoubled, unanswered, neverSent, sentTwice, jobsChecked: facts.jobs.length + facts.cronJobs.length + facts.cronTriggers.length },
    sentBy,
    examples,
  };
}
