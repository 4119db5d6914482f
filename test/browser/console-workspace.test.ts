import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebchatAdapter } from '../../channels/webchat/webchat-adapter.js';
import { createMessageSendHandler } from '../../src/outbound/outbound-service.js';
import { CALENDARS_DIR, DEFAULT_POLICY_FILE } from '../../src/sla/load-policy.js';
import { openTicket } from '../../src/tickets/ticket-service.js';
import { scriptedTurn } from '../channels/webchat/scripted-turn.js';
import { aSignedInStaff } from '../console/console-fixtures.js';
import { browserSuiteTitle, launchChromium, skipBrowserTests } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const shots = path.resolve('test-output/browser');
/** The page settles within seconds even on a loaded machine (live reloads). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

/**
 * The shipped policy moved to mainland China, whose official calendar in config/calendars ends 2026-12-31.
 * `ownCalendar`: the policy's officialCalendarFile names a copy of it beside the policy instead.
 */
function shortCalendarPolicy(ownCalendar?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'aftercare-policy-'));
  const file = path.join(dir, 'policy.yaml');
  const shipped = readFileSync(DEFAULT_POLICY_FILE, 'utf8');
  let text = shipped.replace('region: TW', 'region: CN').replace('country: TW', 'country: CN').replace('timeZone: Asia/Taipei', 'timeZone: Asia/Shanghai');
  if (ownCalendar) {
    copyFileSync(path.join(CALENDARS_DIR, 'CN.yaml'), path.join(dir, ownCalendar));
    text = text.replace('# officialCalendarFile: calendars/TW.yaml', `officialCalendarFile: ${ownCalendar}`);
  }
  writeFileSync(file, text);
  return file;
}

// Real Chromium from Debian: skipped where it is not installed, except with CI=true (then a failure).
describe.skipIf(skipBrowserTests)(browserSuiteTitle('the ticket workspace and conversation controls, in Chromium'), () => {
  let t: TestApp;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    t = await startTestApp('pglite', {}, { now: '2026-11-25T02:00:00Z' });
    (t.app.channels.get('chat') as WebchatAdapter).useTurn(scriptedTurn(t.app.database.prisma, t.clock));
    browser = await launchChromium();
  }, 120_000);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    const pages = browser.contexts().flatMap((c) => c.pages());
    await Promise.all(pages.map((p, i) => p.screenshot({ path: path.join(shots, `failed-${ctx.task.name.slice(0, 30)}-${i}.png`) }).catch(() => undefined)));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function open(context: BrowserContext, url: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url);
    return page;
  }
  async function signedIn(app: TestApp, role: 'agent' | 'supervisor', name: string): Promise<Page> {
    const { token } = await aSignedInStaff(app.app.database.prisma, role, name);
    const page = await open(await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } }), `${app.url}/console`);
    await page.getByText('Sign in with a console token instead').click();
    await page.getByLabel('Console token').fill(token);
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await page.locator('nav.tabs').waitFor();
    return page;
  }
  const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false });
  const ctx = () => ({ now: t.clock(), actor: 'bot', events: t.app.events });

  it('marks a fault as needing an on-site visit from the triage form, in each language, and the on-site promise starts', { timeout: 90_000 }, async () => {
    const prisma = t.app.database.prisma;
    const customer = await prisma.customer.create({ data: { name: 'On-site customer' } });
    const ticket = await openTicket(prisma, { customerId: customer.id, category: 'fault', channel: 'sms', problem: 'Air conditioner leaks water', siteAddress: '台北市信義區市府路1號', province: '台北市' }, ctx());
    const page = await signedIn(t, 'supervisor', 'Olivia Su');
    await page.goto(`${t.url}/console#/ticket/${ticket.id}`);
    await poll(() => page.locator('main h2').first().textContent()).toContain(ticket.number);
    // No banner with the shipped Taiwan calendar (it reaches 2027-12-31).
    expect(await page.locator('.banner').count()).toBe(0);

    const onSite = page.getByRole('checkbox', { name: 'On-site visit needed' });
    expect(await onSite.isChecked()).toBe(false);
    await onSite.check();
    await page.getByRole('button', { name: 'Save triage' }).click();
    await poll(async () => (await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).onSiteRequired).toBe(true);
    await poll(async () => (await prisma.slaPromise.findMany({ where: { ticketId: ticket.id, kind: 'on_site_arrival' } })).length).toBe(1);
    await poll(() => page.locator('.timeline').textContent()).toContain('on-site visit needed');
    await screenshot(page, 'workspace-on-site-en-1280x800');

    await page.getByLabel('Language').selectOption('zh-Hant');
    await poll(() => page.getByRole('checkbox', { name: '需要到府服務' }).isChecked()).toBe(true);
    await page.getByLabel('語言').selectOption('zh-Hans');
    await poll(() => page.getByRole('checkbox', { name: '需要上门服务' }).isChecked()).toBe(true);
    await page.getByLabel('语言').selectOption('en');
    expect(pageErrors).toEqual([]);
  });

  it('logs a follow-up call from the Calls view: the outcome and note complete it, and the ticket shows the call', { timeout: 90_000 }, async () => {
    const prisma = t.app.database.prisma;
    const customer = await prisma.customer.create({ data: { name: '林美玲', contacts: { create: [{ kind: 'phone', address: '+886912000456' }] } } });
    const ticket = await prisma.ticket.create({
      data: { number: 'SR-2026-880001', customerId: customer.id, category: 'fault', channel: 'voice', title: 'Copier repaired', problem: 'Copier jams', status: 'resolved' },
    });
    const followUp = await prisma.followUp.create({
      data: { customerId: customer.id, ticketId: ticket.id, kind: 'repair_checkin', dueAt: t.clock(), status: 'sent', channel: 'voice', dedupeKey: `repair_checkin:${ticket.id}` },
    });
    const task = await prisma.staffTask.create({
      data: {
        kind: 'follow_up_call',
        ticketId: ticket.id,
        customerId: customer.id,
        title: 'Check-in call after a repaired unit was returned',
        details: { followUpId: followUp.id, kind: 'repair_checkin', phone: '+886912000456' },
        dueAt: new Date('2026-11-26T10:00:00Z'),
      },
    });
    const page = await signedIn(t, 'agent', 'Cathy Wu');
    await page.getByRole('link', { name: 'Calls', exact: true }).click();
    await poll(() => page.locator('main h2').first().textContent()).toBe('Calls to make');
    const card = page.getByTestId('call-task').filter({ hasText: '林美玲' });
    await poll(() => card.locator('a[href^="tel:"]').textContent()).toBe('+886912000456');
    expect(await card.textContent()).toContain('check-in after a repair');

    const form = card.getByRole('form', { name: 'Log the call to 林美玲' });
    await form.getByRole('combobox', { name: 'Outcome' }).selectOption('reached');
    await form.getByLabel('Note').fill('Copier works fine since the repair');
    await screenshot(page, 'calls-log-en-1280x800');
    await form.getByRole('button', { name: 'Log call' }).click();
    await poll(() => page.locator('.flash').textContent()).toBe('Call logged.');
    await poll(() => page.getByTestId('call-task').filter({ hasText: '林美玲' }).count()).toBe(0);
    expect(await prisma.staffTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: 'done', outcome: 'reached' });

    await page.goto(`${t.url}/console#/ticket/${ticket.id}`);
    await poll(() => page.locator('.timeline').textContent()).toContain('Copier works fine since the repair');
    expect(await page.locator('.timeline').textContent()).toContain('call logged');
    expect(pageErrors).toEqual([]);
  });

  it('shows a complaint’s handling and lets an agent grade, investigate, remedy and record the revisit', { timeout: 90_000 }, async () => {
    const prisma = t.app.database.prisma;
    const customer = await prisma.customer.create({ data: { name: 'Unhappy customer' } });
    const ticket = await openTicket(prisma, { customerId: customer.id, category: 'complaint', complaintType: 'service_attitude', channel: 'chat', problem: 'The engineer was rude' }, ctx());
    const page = await signedIn(t, 'agent', 'Grace Lee');
    await page.goto(`${t.url}/console#/ticket/${ticket.id}`);
    const panel = page.getByTestId('complaint-panel');
    await poll(() => panel.locator('.badge').first().textContent()).toBe('recorded');

    await panel.getByRole('combobox', { name: 'Severity' }).selectOption('major');
    await panel.getByRole('button', { name: 'Grade' }).click();
    await poll(() => panel.locator('.badge').first().textContent()).toBe('graded');
    // The investigation deadline: graded on 25 November, major gets 3 days in the shipped policy.
    await poll(() => panel.locator('dd').nth(1).textContent()).toContain('28 Nov 2026');

    await panel.getByLabel('Finding', { exact: true }).fill('Engineer skipped the visit checklist');
    await panel.getByRole('combobox', { name: 'Responsibility' }).selectOption('service_staff');
    await panel.getByRole('button', { name: 'Record investigation' }).click();
    await poll(() => panel.locator('.badge').first().textContent()).toBe('investigated');
    await panel.getByLabel('Remedy', { exact: true }).fill('Apology call and a free service check');
    await panel.getByRole('button', { name: 'Record remedy' }).click();
    await poll(() => panel.locator('.badge').first().textContent()).toBe('remedied');
    await panel.getByRole('combobox', { name: 'Revisit' }).selectOption('satisfied');
    await panel.getByRole('button', { name: 'Record revisit' }).click();
    await poll(() => panel.locator('.badge').first().textContent()).toBe('revisited');

    const text = await panel.locator('dl').textContent();
    for (const shown of ['major', 'Engineer skipped the visit checklist', 'service staff', 'Apology call and a free service check', 'satisfied']) expect(text).toContain(shown);
    expect(await panel.locator('form').count()).toBe(0);
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({
      complaintSeverity: 'major',
      complaintResponsibility: 'service_staff',
      complaintRemedy: 'Apology call and a free service check',
      revisitOutcome: 'satisfied',
    });
    await screenshot(page, 'workspace-complaint-en-1280x800');
    await page.getByLabel('Language').selectOption('zh-Hant');
    await poll(() => panel.locator('h3').textContent()).toBe('客訴處理');
    expect(await panel.locator('dl').textContent()).toContain('服務人員');
    await page.getByLabel('語言').selectOption('en');
    expect(pageErrors).toEqual([]);
  });

  it('closes a web chat from the conversation view: it leaves the inbox and the customer reads a polite goodbye', { timeout: 90_000 }, async () => {
    const prisma = t.app.database.prisma;
    const customer = await open(await browser.newContext({ locale: 'en-US' }), `${t.url}/chat`);
    await customer.locator('body[data-ready="true"]').waitFor();
    await customer.getByLabel('Your message').fill('Can I talk to an agent please');
    await customer.keyboard.press('Enter');
    await poll(() => customer.locator('#status').textContent()).toMatch(/connecting you to a member of staff/i);
    const conversation = await prisma.conversation.findFirstOrThrow({ where: { channel: 'chat', state: 'waiting_staff' }, orderBy: { createdAt: 'desc' } });
    await prisma.conversation.update({ where: { id: conversation.id }, data: { language: 'en' } });

    const page = await signedIn(t, 'agent', 'Henry Wu');
    await page.locator(`[data-conversation="${conversation.id}"]`).click();
    await page.getByRole('button', { name: 'Take over' }).click();
    await poll(() => page.getByTestId('conversation-state').textContent()).toContain('with Henry Wu');
    await page.getByRole('button', { name: 'Close conversation' }).click();
    await poll(() => page.getByTestId('conversation-state').textContent()).toContain('closed');
    await poll(() => page.locator(`[data-conversation="${conversation.id}"]`).count()).toBe(0);
    // Nothing left to do in a closed conversation: no close, no take-over, no reply box.
    expect(await page.getByRole('button', { name: 'Close conversation' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Take over' }).count()).toBe(0);
    expect(await page.getByLabel('Reply by web chat').count()).toBe(0);

    const send = createMessageSendHandler({ db: prisma, adapters: t.app.channels, logger: t.app.logger, clock: t.clock });
    for (const row of await prisma.outboundMessage.findMany({ where: { status: 'pending', conversationId: conversation.id } })) await send({ outboundId: row.id });
    await poll(() => customer.locator('#log li .text').last().textContent()).toContain('This conversation is now closed');
    expect(await prisma.accessAudit.count({ where: { action: 'conversation_closed' } })).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('shows the calendar banner in the chosen language when the policy’s holiday calendar ends within 90 days', { timeout: 90_000 }, async () => {
    const short = await startTestApp('pglite', { POLICY_FILE: shortCalendarPolicy() }, { now: '2026-11-25T02:00:00Z' });
    let page: Page | undefined;
    try {
      page = await signedIn(short, 'agent', 'Ivy Zhang');
      const banner = page.locator('.banner[role="status"]');
      // A CN calendar: npm run calendar:import reads Taiwan's file only, so the banner says to edit CN.yaml
      // (named by its base name: /healthz, where the banner reads it, is public).
      await poll(() => banner.textContent()).toBe(
        'The holiday calendar ends on 2026-12-31: deadlines after it ignore holidays. Add the next year by hand to CN.yaml from the State Council’s holiday notice, with its make-up working days, as the file’s header explains.',
      );
      await screenshot(page, 'calendar-banner-en-1280x800');
      await page.getByLabel('Language').selectOption('zh-Hans');
      await poll(() => banner.textContent()).toBe('假日日历只到 2026-12-31，之后的期限不会避开假日。请依国务院办公厅的节假日安排通知（含调休上班日），手动在 CN.yaml 加入下一年度（见文件开头的说明）。');
      await page.getByLabel('语言').selectOption('zh-Hant');
      await poll(() => banner.textContent()).toBe('假日行事曆只到 2026-12-31，之後的期限不會避開假日。請依國務院辦公廳的節假日安排通知（含調休上班日），手動在 CN.yaml 加入下一年度（見檔案開頭的說明）。');
      await screenshot(page, 'calendar-banner-zh-Hant-1280x800');
      expect(pageErrors).toEqual([]);
    } finally {
      // The page's live event stream holds a connection open: the browser goes first, or the server never stops.
      await page?.context().close();
      await short.stop();
    }
  });

  it('names the calendar file the policy reads (by its base name: /healthz is public) when its officialCalendarFile points away from config/calendars', { timeout: 90_000 }, async () => {
    const policyFile = shortCalendarPolicy('company-cn-calendar.yaml');
    const own = 'company-cn-calendar.yaml';
    const short = await startTestApp('pglite', { POLICY_FILE: policyFile }, { now: '2026-11-25T02:00:00Z' });
    let page: Page | undefined;
    try {
      page = await signedIn(short, 'agent', 'Ivy Zhang');
      const banner = page.locator('.banner[role="status"]');
      await poll(() => banner.textContent()).toBe(
        `The holiday calendar ends on 2026-12-31: deadlines after it ignore holidays. Add the next year by hand to ${own} from the State Council’s holiday notice, with its make-up working days, as the file’s header explains.`,
      );
      expect(await banner.textContent()).not.toContain('config/calendars');
      expect(await banner.textContent()).not.toContain(path.dirname(realpathSync(policyFile)));
      expect(pageErrors).toEqual([]);
    } finally {
      await page?.context().close();
      await short.stop();
    }
  });
});
