/**
 * The soak's verdict from what the load generator saw acknowledged and what the database holds afterwards.
 * Pure: the rows come from bench/soak/soak-check.ts, so the accounting is testable on its own.
 */

export type Channel = 'sms' | 'chat' | 'email';
/** A message the app (or, for e-mail, the mailbox) acknowledged with a 2xx: its channel and provider id. */
export type Ack = { channel: Channel; externalId: string };
export type InboundRow = { id: string; channel: string; externalId: string | null; processed: boolean };
/** An outbound message stored as a reply to an inbound one. */
export type ReplyRow = { inReplyToId: string; text: string };
export type TicketRow = { id: string; sourceMessageId: string | null; sourceIsInbound: boolean };
/** A job queued in pg-boss (live or archived). */
export type JobRow = { id: string; name: string; singletonKey: string | null };

export type SoakFacts = {
  acked: readonly Ack[];
  inbound: readonly InboundRow[];
  replies: readonly ReplyRow[];
  tickets: readonly TicketRow[];
  jobs: readonly JobRow[];
  /** The singleton keys of jobs that must exist: one per outbox row, one per open deadline check. */
  expectedJobKeys: readonly { name: string; singletonKey: string }[];
};

export type SoakVerdict = {
  lost: number;
  duplicated: number;
  inconsistent: number;
  /** Each figure's parts, named, for the report. */
  parts: {
    acknowledged: number;
    /** Inbound rows in the database (acknowledged or not: a copy whose answer was lost in a crash also counts). */
    stored: number;
    tickets: number;
    /** Outbox sends and deadline checks that had to be queued once each. */
    jobsExpected: number;
    acknowledgedNotStored: number;
    storedTwice: number;
    unprocessed: number;
    doubledReplies: number;
    ticketsWithoutFirstMessage: number;
    jobsLost: number;
    jobsDoubled: number;
  };
  /** A few examples of each defect, to start looking from. */
  examples: Record<string, string[]>;
};

const keyOf = (channel: string, externalId: string) => `${channel}:${externalId}`;

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/**
 * lost: acknowledged but not stored, and deadline or send jobs that should exist but do not.
 * duplicated: a provider id stored more than once, a reply text stored twice for one inbound message, a
 * job that must exist once queued twice under its singleton key. inconsistent: a stored inbound message never processed, a
 * ticket without the inbound message whose turn opened it.
 */
export function judgeSoak(facts: SoakFacts): SoakVerdict {
  const examples: Record<string, string[]> = {};
  const note = (kind: string, what: string) => {
    const list = (examples[kind] ??= []);
    if (list.length < 5) list.push(what);
  };

  const stored = countBy(
    facts.inbound.filter((r) => r.externalId !== null),
    (r) => keyOf(r.channel, r.externalId!),
  );
  const acked = new Set(facts.acked.map((a) => keyOf(a.channel, a.externalId)));
  let acknowledgedNotStored = 0;
  for (const key of acked) {
    if (stored.has(key)) continue;
    acknowledgedNotStored += 1;
    note('acknowledgedNotStored', key);
  }
  let storedTwice = 0;
  for (const [key, n] of stored) {
    if (n < 2) continue;
    storedTwice += n - 1;
    note('storedTwice', `${key} ×${n}`);
  }
  const unprocessedRows = facts.inbound.filter((r) => !r.processed);
  for (const r of unprocessedRows) note('unprocessed', `${r.channel}:${r.externalId ?? r.id}`);

  let doubledReplies = 0;
  for (const [key, n] of countBy(facts.replies, (r) => `${r.inReplyToId}\u0000${r.text}`)) {
    if (n < 2) continue;
    doubledReplies += n - 1;
    note('doubledReplies', `${key.split('\u0000')[0]} ×${n}`);
  }

  const badTickets = facts.tickets.filter((t) => !t.sourceMessageId || !t.sourceIsInbound);
  for (const t of badTickets) note('ticketsWithoutFirstMessage', t.id);

  const jobCounts = new Map<string, Set<string>>();
  for (const job of facts.jobs) {
    if (job.singletonKey === null) continue;
    const key = `${job.name}\u0000${job.singletonKey}`;
    (jobCounts.get(key) ?? jobCounts.set(key, new Set()).get(key)!).add(job.id);
  }
  let jobsLost = 0;
  for (const expected of facts.expectedJobKeys) {
    if (jobCounts.has(`${expected.name}\u0000${expected.singletonKey}`)) continue;
    jobsLost += 1;
    note('jobsLost', `${expected.name} ${expected.singletonKey}`);
  }
  let jobsDoubled = 0;
  // Only the jobs that must exist once: other singleton keys may legitimately recur (a cron, a re-check).
  const once = new Set(facts.expectedJobKeys.map((e) => `${e.name}\u0000${e.singletonKey}`));
  for (const [key, ids] of jobCounts) {
    if (ids.size < 2 || !once.has(key)) continue;
    jobsDoubled += ids.size - 1;
    note('jobsDoubled', `${key.replace('\u0000', ' ')} ×${ids.size}`);
  }

  const parts = {
    acknowledged: acked.size,
    stored: facts.inbound.length,
    tickets: facts.tickets.length,
    jobsExpected: facts.expectedJobKeys.length,
    acknowledgedNotStored,
    storedTwice,
    unprocessed: unprocessedRows.length,
    doubledReplies,
    ticketsWithoutFirstMessage: badTickets.length,
    jobsLost,
    jobsDoubled,
  };
  return {
    lost: acknowledgedNotStored + jobsLost,
    duplicated: storedTwice + doubledReplies + jobsDoubled,
    inconsistent: parts.unprocessed + parts.ticketsWithoutFirstMessage,
    parts,
    examples,
  };
}
