/**
 * `npm run soak [-- --messages 1000] [-- --seconds 150]`: the store-first pipeline under faults (issue 12).
 *
 * Starts aftercare as a child process on a fresh PostgreSQL database reached through a pausable TCP proxy,
 * sends mixed inbound messages (signed SMS webhooks, some delivered twice; web chat; e-mail into an IMAP
 * test server), and meanwhile
 * `kill -9`s and restarts the app, stalls the database through the proxy, terminates its backends and cuts
 * the app's IMAP connections.
 * Then it lets the queue and the sweeper finish, and judges from the database (bench/soak/): every
 * acknowledged message stored exactly once and processed, no reply doubled, no ticket without its first
 * message, outbox and deadline jobs neither lost nor doubled. Bounded in messages and time, 127.0.0.1 only;
 * the last line is `lost: N, duplicated: N, inconsistent: N`, and the exit code is 1 unless all are 0.
 *
 * SOAK_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres) names the server; the soak
 * creates and drops its own database there. SOAK_VERBOSE=1 logs each start; SOAK_LOG_LEVEL sets the app's
 * log level (default fatal); SOAK_APP_NODE_OPTIONS passes node options to the app.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { freePort, startAppProcess, type AppProcess } from '../bench/e2e/app-process.js';
import { judgeSoak } from '../bench/soak/soak-accounting.js';
import { countBacklog, readSoakFacts } from '../bench/soak/soak-check.js';
import { runTraffic } from '../bench/soak/soak-traffic.js';
import { startImapServer } from '../test/fixtures/imap-server.js';
import { twilioEnv } from '../test/channels/twilio-shared/twilio-test-kit.js';
import { startPausableProxy } from '../test/support/pausable-proxy.js';

process.env.DOTENV_CONFIG_QUIET ??= 'true';
const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '3000' },
    seconds: { type: 'string', default: '180' },
    concurrency: { type: 'string', default: '24' },
  },
});
const messages = Number(values.messages);
const loadSeconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
/** Time the queue and the sweeper get after the load to process what is left. */
const SETTLE_SECONDS = 120;
const PORTS = { first: 41900, last: 41999 };
const serverUrl = process.env.SOAK_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const server = new URL(serverUrl);
if (!['127.0.0.1', 'localhost'].includes(server.hostname)) throw new Error(`the soak runs against 127.0.0.1 only, not ${server.hostname}`);

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);


const dbName = `aftercare_soak_${process.pid}`;
const directUrl = new URL(serverUrl);
directUrl.pathname = `/${dbName}`;
const admin = new pg.Client({ connectionString: serverUrl });
admin.on('error', () => undefined);
await admin.connect();
await admin.query(`CREATE DATABASE "${dbName}"`);
const imap = await startImapServer();
const proxy = await startPausableProxy({ host: server.hostname, port: Number(server.port || 5432) });
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'aftercare-soak-'));
let port = await freePort(PORTS);
const appEnv = {
  ...twilioEnv,
  ...imap.env({ IMAP_POLL_INTERVAL_SECONDS: '2' }),
  DATABASE_URL: proxy.via(directUrl.toString()),
  DATA_DIR: dataDir,
  LOG_LEVEL: process.env.SOAK_LOG_LEVEL ?? 'fatal',
  // The soak counts messages, not the limits that protect against floods of them.
  RATE_LIMIT_SENDER_PER_MINUTE: '0',
  RATE_LIMIT_WEBHOOK_IP_PER_MINUTE: '0',
  RATE_LIMIT_CHAT_MESSAGES_PER_MINUTE: '0',
  RATE_LIMIT_CHAT_IP_PER_MINUTE: '0',
  RATE_LIMIT_CHAT_SESSIONS_PER_MINUTE: '0',
  // A short budget defers many SMS turns to the background and the outbox: the path that lost messages.
  TWILIO_SMS_REPLY_BUDGET_MS: '1500',
  TURN_SWEEP_AFTER_SECONDS: '5',
  DB_STATEMENT_TIMEOUT_MS: '5000',
  STAFF_BOOTSTRAP_TOKEN: 'soak-only-token-not-secret-000000',
  // To look into an exit the soak did not cause, e.g. SOAK_APP_NODE_OPTIONS='--import ./bench/soak/pg-unhandled-error-trace.mjs'.
  ...(process.env.SOAK_APP_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SOAK_APP_NODE_OPTIONS } : {}),
};

let app: AppProcess | undefined;
const faults = { kills: 0, stalls: 0, terminations: 0, stalledKills: 0, mailDrops: 0, crashes: 0 };
/** The fault injected last, to say what an exit the soak did not cause followed. */
let lastFault = 'none yet';
const restartMs: number[] = [];

async function restart(): Promise<void> {
  // Never two instances by mistake: the soak is about one instance dying.
  if (app?.running()) await app.kill();
  for (let attempt = 1; ; attempt++) {
    try {
      // A fresh port each start: the last one may now be the local end of an outgoing connection (the range
      // overlaps the ephemeral ports), and an old instance must never answer the new one's /healthz.
      port = await freePort(PORTS);
      app = await startAppProcess(port, appEnv, 120_000);
      if (!app.running()) throw new Error(`aftercare (pid ${app.pid}) exited while it started`);
      if (process.env.SOAK_VERBOSE) log(`app pid ${app.pid} on :${port} healthy after ${app.startMs} ms`);
      restartMs.push(app.startMs);
      return;
    } catch (err) {
      // A start-up that dies (a backend terminated under the migration, say) is an exit the soak did not cause.
      faults.crashes += 1;
      log(`the app did not start: ${(err as Error).message}`);
      if (attempt === 3) throw err;
    }
  }
}

/** An app that exited without being killed is a defect: counted, reported, and restarted so the soak goes on. */
async function restartIfCrashed(): Promise<void> {
  if (!app || app.running()) return;
  faults.crashes += 1;
  log(`the app (pid ${app.pid}) exited by itself (the last fault: ${lastFault}); restarting`);
  await app?.stop();
  await restart();
}

async function kill(): Promise<void> {
  if (!app) return;
  if (!app.running()) return restartIfCrashed();
  lastFault = 'kill -9';
  await app.kill();
  app = undefined;
  faults.kills += 1;
}

async function terminateBackends(): Promise<void> {
  lastFault = 'backend terminations';
  await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [dbName]);
  faults.terminations += 1;
}

/** One fault at a random moment, over and over until `stop` says so; the app is running when it returns. */
async function chaos(stop: () => boolean): Promise<void> {
  while (!stop()) {
    // Far enough apart that the app, slow to start on a busy machine, also gets work done between faults.
    for (const until = performance.now() + 6000 + Math.random() * 12_000; performance.now() < until && !stop(); ) {
      await sleep(250);
      await restartIfCrashed();
    }
    if (stop()) break;
    const roll = Math.random();
    if (roll < 0.3) {
      await kill();
      if (!app) await restart();
    } else if (roll < 0.6) {
      lastFault = 'database stall';
      proxy.pause();
      await sleep(2000 + Math.random() * 4000);
      proxy.resume();
      faults.stalls += 1;
    } else if (roll < 0.75) {
      await terminateBackends();
    } else if (roll < 0.85) {
      lastFault = 'IMAP connections cut';
      imap.dropConnections();
      faults.mailDrops += 1;
    } else {
      // The case the issue measured: the database hangs, the app dies in the middle of it.
      proxy.pause();
      await sleep(1000 + Math.random() * 3000);
      await kill();
      lastFault = 'kill -9 during a database stall';
      proxy.resume();
      faults.stalls += 1;
      faults.stalledKills += 1;
      if (!app) await restart();
    }
  }
}

let exitCode: number | undefined;
try {
  log(`soak: up to ${messages} messages in ${loadSeconds} s, ${concurrency} customers at a time, database ${dbName} through proxy :${proxy.port}, app on ports ${PORTS.first}-${PORTS.last}`);
  await restart();
  const startedAt = performance.now();
  let loadDone = false;
  let chaosError: unknown;
  const chaosDone = chaos(() => loadDone).catch((err: unknown) => {
    chaosError = err;
    loadDone = true;
  });
  const traffic = await runTraffic({ baseUrl: () => `http://127.0.0.1:${port}`, messages, concurrency, deadline: startedAt + loadSeconds * 1000, duplicateRate: 0.2, deliverMail: (raw) => imap.deliver(raw), mailRate: 0.1 }).finally(() => {
    loadDone = true;
  });
  await chaosDone;
  if (chaosError) throw chaosError;
  proxy.resume();
  if (!app) await restart();
  await restartIfCrashed();
  const loadSecondsTaken = Math.round((performance.now() - startedAt) / 1000);
  log(`load: ${traffic.sent} messages sent (+${traffic.duplicatesSent} duplicate deliveries) in ${loadSecondsTaken} s; ${new Set(traffic.acked.map((a) => `${a.channel}:${a.externalId}`)).size} acknowledged, ${traffic.gaveUp} given up after retries`);
  log(`answers: ${Object.entries(traffic.statuses).map(([s, n]) => `${s}×${n}`).join(', ')}`);
  log(
    `faults: ${faults.crashes} exits the soak did not cause, ${faults.kills} kill -9 (${faults.stalledKills} during a stall), ${faults.stalls} database stalls, ${faults.terminations} backend terminations, ${faults.mailDrops} IMAP connections cut; start to /healthz ${restartMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s`,
  );

  const settleUntil = performance.now() + SETTLE_SECONDS * 1000;
  const mailsAcked = traffic.acked.filter((a) => a.channel === 'email').length;
  let left = await countBacklog(directUrl.toString());
  while ((left.unprocessed > 0 || left.mails < mailsAcked) && performance.now() < settleUntil) {
    await sleep(2000);
    await restartIfCrashed();
    left = await countBacklog(directUrl.toString());
  }
  log(`settle: ${left.unprocessed} inbound messages unprocessed, ${left.mails} of ${mailsAcked} mails stored after ${Math.round((performance.now() - settleUntil) / 1000 + SETTLE_SECONDS)} s for the queue and the sweeper`);
  await app?.stop();
  app = undefined;

  const verdict = judgeSoak(await readSoakFacts(directUrl.toString(), traffic.acked));
  const p = verdict.parts;
  log(`stored: ${p.stored} inbound rows; ${p.acknowledged} acknowledged, ${p.acknowledgedNotStored} of them not stored, ${p.storedTwice} stored twice, ${p.unprocessed} never processed`);
  log(`replies doubled: ${p.doubledReplies}; ${p.tickets} tickets, ${p.ticketsWithoutFirstMessage} without their first message; ${p.jobsExpected} outbox and deadline jobs, ${p.jobsLost} lost, ${p.jobsDoubled} doubled`);
  for (const [kind, list] of Object.entries(verdict.examples)) log(`  e.g. ${kind}: ${list.join(', ')}`);
  console.log(`lost: ${verdict.lost}, duplicated: ${verdict.duplicated}, inconsistent: ${verdict.inconsistent}`);
  exitCode = verdict.lost + verdict.duplicated + verdict.inconsistent === 0 ? 0 : 1;
} finally {
  await app?.stop();
  proxy.resume();
  await proxy.close();
  await imap.stop();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(exitCode ?? 1);
