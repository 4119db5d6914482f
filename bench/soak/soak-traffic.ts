import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildMail } from '../../test/channels/email/mail-test-helpers.js';
import { aPhone, postTwilio, smsParams } from '../../test/channels/twilio-shared/twilio-test-kit.js';
import type { Ack } from './soak-accounting.js';

/** FAQ questions (one cheap turn each) and a fault report that opens a ticket over seven turns. */
const QUESTIONS = ['What are your opening hours?', '請問保固期多久？', '请问上门服务怎么收费？', 'How much is an on-site visit?', '營業時間是幾點到幾點？'];
const FAULT_REPORT = ['My Canon G3010 printer is broken and shows an error light', 'Mia', 'skip', 'skip', 'skip', 'skip', 'yes'];

export type TrafficOptions = {
  /** Where the app answers now (each restart may take another port). */
  baseUrl: () => string;
  /** Distinct messages to send at most (duplicate deliveries not counted). */
  messages: number;
  /** Customers talking at once. */
  concurrency: number;
  /** No new message starts after this moment (performance.now()). */
  deadline: number;
  /** Share of SMS delivered twice: half of them at once, in parallel, half a few seconds after the first answer. */
  duplicateRate: number;
  /** Drops a raw mail into the support mailbox (the IMAP test server); its acceptance is the acknowledgement. */
  deliverMail?: (raw: Buffer) => void;
  /** Share of customers who write an e-mail instead (with deliverMail). */
  mailRate: number;
};

export type TrafficReport = { sent: number; duplicatesSent: number; acked: Ack[]; gaveUp: number; statuses: Record<string, number> };

/** A request without an answer by then counts as unanswered (a hung app is what the soak looks for). */
const ANSWER_WITHIN_MS = 20_000;
/** How long one message is retried (the app down, the database stalled) before the customer gives up. */
const GIVE_UP_AFTER_MS = 45_000;

/**
 * Customers on SMS (signed webhooks, some delivered twice), web chat (/chat/api/messages) and e-mail (into
 * the IMAP test server the app reads), each asking
 * FAQ questions or reporting a fault, one message after the other as a person would. A message without a
 * 2xx answer (refused connection, 5xx, 503, timeout) is delivered again with the same provider id, as
 * Twilio's retries and the chat page do; every 2xx is recorded as acknowledged.
 */
export async function runTraffic(options: TrafficOptions): Promise<TrafficReport> {
  const report: TrafficReport = { sent: 0, duplicatesSent: 0, acked: [], gaveUp: 0, statuses: {} };
  const later: Promise<unknown>[] = [];
  const count = (status: string) => (report.statuses[status] = (report.statuses[status] ?? 0) + 1);
  const more = () => report.sent < options.messages && performance.now() < options.deadline;

  /** One delivery attempt; true on a 2xx. */
  async function attempt(send: () => Promise<{ status: number }>): Promise<boolean> {
    try {
      const { status } = await Promise.race([send(), sleep(ANSWER_WITHIN_MS).then(() => Promise.reject(Object.assign(new Error('no answer'), { name: 'TimeoutError' })))]);
      count(String(status));
      return status >= 200 && status < 300;
    } catch (err) {
      count((err as Error).name === 'TimeoutError' ? 'timeout' : 'no connection');
      return false;
    }
  }

  /** Delivers until acknowledged or given up; records the acknowledgement. */
  async function deliver(ack: Ack, send: () => Promise<{ status: number }>, twice = false): Promise<boolean> {
    const started = performance.now();
    for (let wait = 250; performance.now() - started < GIVE_UP_AFTER_MS; wait = Math.min(wait * 2, 4000)) {
      const copies = twice ? [attempt(send), attempt(send)] : [attempt(send)];
      if (twice) report.duplicatesSent += 1;
      twice = false;
      const answers = await Promise.all(copies);
      if (answers.some(Boolean)) {
        report.acked.push(ack);
        return true;
      }
      await sleep(wait);
    }
    report.gaveUp += 1;
    return false;
  }

  async function smsCustomer(script: readonly string[]): Promise<void> {
    const phone = aPhone();
    for (const text of script) {
      if (!more()) return;
      report.sent += 1;
      const params = smsParams(phone, text);
      const send = () => postTwilio(options.baseUrl(), '/twilio/sms', params).then((r) => ({ status: r.status }));
      const roll = Math.random();
      const ack: Ack = { channel: 'sms', externalId: params.MessageSid };
      if (!(await deliver(ack, send, roll < options.duplicateRate / 2))) return;
      if (roll >= options.duplicateRate / 2 && roll < options.duplicateRate) {
        report.duplicatesSent += 1;
        later.push(sleep(1000 + Math.random() * 5000).then(() => deliver(ack, send)));
      }
    }
  }

  async function chatCustomer(script: readonly string[]): Promise<void> {
    const sessionId = randomBytes(24).toString('base64url');
    for (const text of script) {
      if (!more()) return;
      report.sent += 1;
      const clientMessageId = randomBytes(9).toString('base64url');
      const send = () =>
        fetch(`${options.baseUrl()}/chat/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ sessionId, clientMessageId, text }),
          signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
        }).then(async (r) => (await r.arrayBuffer(), { status: r.status }));
      if (!(await deliver({ channel: 'chat', externalId: `${sessionId}:${clientMessageId}` }, send))) return;
    }
  }

  let mails = 0;
  /** One mail from a new sender (the per-sender hourly limit stays out of the way), then a pause as a writer takes. */
  async function mailCustomer(deliverMail: (raw: Buffer) => void): Promise<void> {
    report.sent += 1;
    mails += 1;
    const messageId = `soak-${randomBytes(12).toString('hex')}@customer.test`;
    const fault = Math.random() < 0.5;
    deliverMail(
      buildMail({
        from: `Customer ${mails} <customer-${process.pid}-${mails}@customer.test>`,
        subject: fault ? 'Printer broken' : 'Opening hours',
        messageId,
        text: fault ? `My Canon G3010 printer is broken and shows an error light. Serial X5QK${String(mails).padStart(6, '0')}. Please send someone.` : 'What are your opening hours?',
      }),
    );
    report.acked.push({ channel: 'email', externalId: messageId });
    await sleep(1000 + Math.random() * 2000);
  }

  const scriptOf = () => (Math.random() < 0.25 ? FAULT_REPORT : Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)]!));
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (more()) {
        const roll = Math.random();
        if (options.deliverMail && roll < options.mailRate) await mailCustomer(options.deliverMail);
        else await (roll < 0.7 ? smsCustomer(scriptOf()) : chatCustomer(scriptOf()));
      }
    }),
  );
  await Promise.all(later);
  return report;
}
