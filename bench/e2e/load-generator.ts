/**
 * The load generator, run as its own process so its work does not share a core's event loop with the app:
 * signed SMS webhooks to running aftercare instances on 127.0.0.1 (several: round robin), `concurrency` at a
 * time, until `count` are answered or `maxSeconds` pass. Prints one JSON line: counts, statuses, rate,
 * latency percentiles and its own CPU time per answered message (so a run shows whether the generator, which
 * shares the machine's cores with the app, held the rate down). With `ackedFile`, also writes the MessageSids answered 200 there (a JSON array), for
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
import http from 'node:http';
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
const cpuAtStart = process.cpuUsage();
const deadline = started + maxMs;

/*
 * Plain node:http over kept-alive sockets rather than fetch: undici's fetch cost this process about 2 ms of
 * CPU per message, as much as half the app's own, on the same two cores, so the generator held the measured
 * rate down. The signature is still twilio's own helper (a few microseconds).
 */
const agent = new http.Agent({ keepAlive: true });

/** POSTs a form body and resolves with the status once the whole answer is read. */
function post(url: URL, body: string, signature: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-twilio-signature': signature },
        signal: AbortSignal.timeout(30_000),
      },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const smsUrls = new Map(targets.map((target) => [target, new URL(`${target}/twilio/sms`)]));

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
    status = String(await post(smsUrls.get(targetOf(i))!, new URLSearchParams(params).toString(), signature));
  } catch (err) {
    // The error's code (a reset, a closed socket, the timeout) says why.
    const { name, code } = err as { name?: string; code?: string };
    status = code ? `${name}:${code}` : String(name);
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

/** user + system CPU time in ms, from process.cpuUsage() (microseconds). */
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

await (rate === undefined ? Promise.all(Array.from({ length: concurrency }, worker)) : paced(rate));
agent.destroy();
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
    loadCpuMsPerMsg: Math.round((cpuMs(process.cpuUsage(cpuAtStart)) / Math.max(latencies.length, 1)) * 100) / 100,
  }),
);
