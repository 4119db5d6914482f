/**
 * The load generator, run as its own process so its work does not share a core's event loop with the app:
 * signed SMS webhooks to running aftercare instances on 127.0.0.1 (several: round robin), `concurrency` at a
 * time, until `count` are answered or `maxSeconds` pass. Prints one JSON line: counts, statuses, rate and
 * latency percentiles. With `ackedFile`, also writes the MessageSids answered 200 there (a JSON array), for
 * the scale bench's check that every acknowledged message is stored once.
 *
 * With `--rate=N` the load is open-loop instead: message i is due at start + i/N seconds and goes out then,
 * however many are still unanswered (`concurrency` is ignored), and its latency counts from when it was due,
 * so a server that falls behind cannot hide it by slowing the sender down (coordinated omission).
 *
 *   node --import tsx bench/e2e/load-generator.ts [--rate=N] <baseUrl[,baseUrl…]> <count> <concurrency> <maxSeconds> <authToken> <publicBaseUrl> [ackedFile]
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import twilio from 'twilio';

const args = process.argv.slice(2);
const [baseUrls = '', countArg = '200', concurrencyArg = '10', maxSecondsArg = '20', token = '', publicBaseUrl = '', ackedFile = ''] = args.filter((a) => !a.startsWith('--'));
/** Messages per second of the open-loop mode; undefined: closed loop, `concurrency` at a time. */
const rateFlag = args.find((a) => a.startsWith('--rate='));
const rate = rateFlag === undefined ? undefined : Number(rateFlag.slice('--rate='.length));
if (rate !== undefined && !(rate > 0)) throw new Error(`--rate must be a positive number of messages per second`);
const targets = baseUrls.split(',');
for (const url of targets) if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`refusing to load anything but 127.0.0.1: ${url}`);
const count = Number(countArg);
const concurrency = Number(concurrencyArg);
const maxMs = Number(maxSecondsArg) * 1000;

/** Questions the knowledge base answers: the common, cheap turn (no ticket opened). */
const questions = ['What are your opening hours?', '請問保固期多久？', '请问上门服务怎么收费？', 'How much is an on-site visit?', '營業時間是幾點到幾點？'];
const customers = 50;
const phone = (i: number) => `+8869${String(10_000_000 + i).slice(-8)}`;

/**
 * Round robin over the instances, shifted by one every round of customers: with 50 customers and 2
 * instances a plain `i % 2` would send each customer to one instance only, and the instances would never
 * meet on a conversation.
 */
const targetOf = (i: number) => targets[(i + Math.floor(i / customers)) % targets.length]!;

const latencies: number[] = [];
const acked: string[] = [];
const statuses: Record<string, number> = {};
let next = 0;
const started = performance.now();
const deadline = started + maxMs;

/** Sends message `i`; its latency counts from `since` (when it was sent, or when it was due). */
async function send(i: number, since: number): Promise<void> {
  const params = {
    MessageSid: `SM${randomBytes(16).toString('hex')}`,
    AccountSid: `AC${'1'.repeat(32)}`,
    From: phone(i % customers),
    To: '+886277001234',
    Body: questions[i % questions.length]!,
    NumMedia: '0',
  };
  const signature = twilio.getExpectedTwilioSignature(token, `${publicBaseUrl}/twilio/sms`, params);
  let status: string;
  try {
    const res = await fetch(`${targetOf(i)}/twilio/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer();
    status = String(res.status);
  } catch (err) {
    // fetch's TypeError says only "fetch failed": the cause's code (a reset, a closed socket) says why.
    const cause = (err as { cause?: { code?: string } }).cause;
    status = cause?.code ? `${(err as Error).name}:${cause.code}` : (err as Error).name;
  }
  statuses[status] = (statuses[status] ?? 0) + 1;
  if (status !== '200') return;
  latencies.push(performance.now() - since);
  acked.push(params.MessageSid);
}

/** Closed loop: one of `concurrency` senders, each sending its next message once the last is answered. */
async function worker(): Promise<void> {
  while (next < count && performance.now() < deadline) {
    const i = next++;
    await send(i, performance.now());
  }
}

/** Open loop: every message at its due time, whether or not the earlier ones were answered. */
async function paced(perSecond: number): Promise<void> {
  const inFlight: Promise<void>[] = [];
  while (next < count) {
    const due = started + (next * 1000) / perSecond;
    if (due >= deadline) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(next++, due));
  }
  await Promise.all(inFlight);
}

await (rate === undefined ? Promise.all(Array.from({ length: concurrency }, worker)) : paced(rate));
const seconds = (performance.now() - started) / 1000;
if (ackedFile) writeFileSync(ackedFile, JSON.stringify(acked));
latencies.sort((a, b) => a - b);
const pct = (p: number) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]! * 10) / 10 : null);
console.log(
  JSON.stringify({
    sent: next,
    ok: latencies.length,
    statuses,
    seconds: Math.round(seconds * 100) / 100,
    msgsPerSec: Math.round((latencies.length / seconds) * 10) / 10,
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
  }),
);
