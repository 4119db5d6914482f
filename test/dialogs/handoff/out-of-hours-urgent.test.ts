import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTime } from '../../../dialogs/shared/format-time.js';
import type { Language } from '../../../src/messages/channel-kind.js';
import { registerSlaListener } from '../../../src/events/listeners/sla-listener.js';
import { registerStaffNoticeListener } from '../../../src/events/listeners/staff-notice-listener.js';
import { deliverNotification } from '../../../src/notifications/staff-notification-service.js';
import { DEFAULT_POLICY_FILE } from '../../../src/sla/load-policy.js';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';

/** Tuesday 1 Dec 2026, 02:30 in Taipei: the night QA5's gas leak was reported. */
const NIGHT = '2026-11-30T18:30:00Z';
const ON_CALL_EMAIL = 'oncall-engineer@example.test';

/** The shipped policy with an on-call engineer named for nights. */
function onCallPolicy(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'aftercare-oncall-')), 'policy.yaml');
  const shipped = readFileSync(DEFAULT_POLICY_FILE, 'utf8');
  const withOnCall = shipped.replace(
    '# onCall:\n#   role: supervisor # or staffEmails: [oncall@example.com]\n#   days: [mon, tue, wed, thu, fri, sat, sun]\n#   start: "18:00"\n#   end: "22:00"',
    `onCall:\n  staffEmails: [${ON_CALL_EMAIL}]\n  days: [mon, tue, wed, thu, fri, sat, sun]\n  start: "18:00"\n  end: "08:30"`,
  );
  if (withOnCall === shipped) throw new Error('the shipped policy no longer has the commented onCall example');
  writeFileSync(file, withOnCall);
  return file;
}

const critical: { language: Language; send: string; safety?: string; onCall: string }[] = [
  { language: 'zh-Hant', send: '熱水器那邊有很重的瓦斯味，我剛剛點火的時候還有聽到啪一聲，怎麼辦', safety: '關閉瓦斯', onCall: '值班同仁' },
  { language: 'zh-Hans', send: '我们医院三号手术室的净化空调机组温湿度失控，湿度已经到75%，明早8点有手术，请尽快安排工程师', onCall: '值班同事' },
  { language: 'en', send: 'Our injection moulding chiller shows E4 and the whole production line is down, please send an engineer urgently', onCall: 'on-call colleague' },
];

/** The latest time the reply promises: "by Tue 1 Dec 09:30 at the latest" / 「最晚於 12月1日（週二）09:30 前」. */
function promisedBy(reply: string): string | undefined {
  return /最晚(?:於|在) (.+?) 前|by (\w{3} \d{1,2} \w{3} \d{2}:\d{2}) at the latest/.exec(reply)?.slice(1).find(Boolean);
}

/** The harness over the app's own SLA and staff-notice listeners, at night. */
async function atNight(kind: (typeof databaseKinds)[number], env: Record<string, string> = {}): Promise<Harness> {
  const h = await openHarness(kind, env);
  const deps = { policy: h.deps.policy, calendar: h.deps.calendar, jobs: h.deps.jobs };
  registerSlaListener(h.deps.events, deps);
  registerStaffNoticeListener(h.deps.events, deps);
  h.clock.set(NIGHT);
  return h;
}

describe.each(databaseKinds)('critical reports out of hours on %s', (kind) => {
  describe('without an on-call person in the policy', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await atNight(kind);
    });
    afterAll(async () => {
      await h?.close();
    });

    it.each(critical)('promises the $language customer the time the ticket itself is due for a first response', async ({ language, send, safety }) => {
      const phone = aPhone();
      const reply = await h.say(phone, send);
      if (safety) expect(reply).toContain(safety);
      const ticket = await h.db.prisma.ticket.findFirstOrThrow({ where: { contactPhone: phone } });
      expect(ticket.urgency).toBe('high');
      const due = await h.db.prisma.slaPromise.findUniqueOrThrow({ where: { ticketId_kind: { ticketId: ticket.id, kind: 'first_response' } } });
      expect(promisedBy(reply)).toBe(formatTime(due.dueAt, language, 'Asia/Taipei'));
      expect(await h.say(phone, language === 'en' ? 'ok' : '好')).toContain(formatTime(due.dueAt, language, 'Asia/Taipei'));
    });
  });

  describe('with an on-call person in the policy', () => {
    let h: Harness;
    let engineerId: string;
    beforeAll(async () => {
      h = await atNight(kind, { POLICY_FILE: onCallPolicy() });
      engineerId = (await h.db.prisma.staff.create({ data: { name: 'Night Engineer', role: 'engineer', email: ON_CALL_EMAIL } })).id;
    });
    afterAll(async () => {
      await h?.close();
    });

    it.each(critical)('alerts the on-call person at once and tells the $language customer so', async ({ send, safety, onCall }) => {
      const phone = aPhone();
      const reply = await h.say(phone, send);
      if (safety) expect(reply).toContain(safety);
      expect(reply).toContain(onCall);
      const ticket = await h.db.prisma.ticket.findFirstOrThrow({ where: { contactPhone: phone } });
      const notice = await h.db.prisma.staffNotification.findFirstOrThrow({ where: { ticketId: ticket.id, staffId: engineerId } });
      expect(notice.deliverAfter.getTime()).toBeLessThanOrEqual(h.clock().getTime());
      expect(notice.text).toContain(ticket.number);
    });

    it('e-mails the on-call person the alert, not only the console', async () => {
      const phone = aPhone();
      await h.say(phone, critical[0]!.send);
      const ticket = await h.db.prisma.ticket.findFirstOrThrow({ where: { contactPhone: phone } });
      const notice = await h.db.prisma.staffNotification.findFirstOrThrow({ where: { ticketId: ticket.id, staffId: engineerId } });
      await deliverNotification(h.db.prisma, notice.id, { now: h.clock(), jobs: h.deps.jobs, supervisorEmails: [] });
      const mail = await h.db.prisma.outboundMessage.findFirstOrThrow({ where: { ticketId: ticket.id, channel: 'email', to: ON_CALL_EMAIL } });
      expect(mail.text).toContain(ticket.number);
    });

    it('does not page the on-call person for an ordinary report at night', async () => {
      const phone = aPhone();
      await h.say(phone, '洗衣機脫水的時候一直跳，聲音很大');
      const tickets = await h.db.prisma.ticket.findMany({ where: { contactPhone: phone }, select: { id: true } });
      expect(await h.db.prisma.staffNotification.count({ where: { staffId: engineerId, ticketId: { in: tickets.map((t) => t.id) } } })).toBe(0);
    });
  });
});
