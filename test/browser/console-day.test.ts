import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebchatAdapter } from '../../channels/webchat/webchat-adapter.js';
import { addStaff } from '../../src/console/staff-service.js';
import { createMessageSendHandler } from '../../src/outbound/outbound-service.js';
import { scriptedTurn } from '../channels/webchat/scripted-turn.js';
import { aHandedOffConversation, aSignedInStaff } from '../console/console-fixtures.js';
import { browserSuiteTitle, launchChromium, skipBrowserTests } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const shots = path.resolve('test-output/browser');
/** The page settles within seconds even on a loaded machine (password hashing, live reloads). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

// Real Chromium from Debian: skipped where it is not installed, except with CI=true (then a failure).
describe.skipIf(skipBrowserTests)(browserSuiteTitle("an agent's day in the console, in Chromium"), () => {
  let t: TestApp;
  let browser: Browser;
  let webchat: WebchatAdapter;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    t = await startTestApp('pglite', {}, { now: '2026-11-25T02:00:00Z' });
    webchat = t.app.channels.get('chat') as WebchatAdapter;
    webchat.useTurn(scriptedTurn(t.app.database.prisma, t.clock));
    browser = await launchChromium();
  }, 120_000);
  // A failing step leaves a picture of every open page behind.
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
  const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false });

  async function signIn(page: Page, token: string): Promise<void> {
    await page.getByText('Sign in with a console token instead').click();
    await page.getByLabel('Console token').fill(token);
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await page.locator('nav.tabs').waitFor();
  }
  const chartValues = async (page: Page, id: string): Promise<number[][]> => JSON.parse((await page.getByTestId(id).getAttribute('data-values')) ?? '[]');

  /** What the delivery job does with a queued message: send it through the customer's channel adapter. */
  async function deliverQueued(): Promise<void> {
    const send = createMessageSendHandler({ db: t.app.database.prisma, adapters: t.app.channels, logger: t.app.logger, clock: t.clock });
    for (const row of await t.app.database.prisma.outboundMessage.findMany({ where: { status: 'pending' } })) await send({ outboundId: row.id });
  }

  it('signs in, takes a handoff, keeps a half-typed reply through a live update, and the reply reaches the web chat', { timeout: 90_000 }, async () => {
    const prisma = t.app.database.prisma;
    await addStaff(prisma, { email: 'amy@example.test', name: 'Amy Lin', role: 'supervisor', password: 'correct horse battery' });

    // A customer on the web chat asks for a person.
    const customer = await open(await browser.newContext({ locale: 'en-US' }), `${t.url}/chat`);
    await customer.locator('body[data-ready="true"]').waitFor();
    await customer.getByLabel('Your message').fill('My printer jams, I need an agent');
    await customer.keyboard.press('Enter');
    await poll(() => customer.locator('#status').textContent()).toMatch(/connecting you to a member of staff/i);

    const staffContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await open(staffContext, `${t.url}/console`);
    // The sign-in page is the sign-in form alone: no tab bar before anyone is signed in.
    await page.getByLabel('E-mail').waitFor();
    expect(await page.locator('nav.tabs').count()).toBe(0);
    await page.getByLabel('E-mail').fill('amy@example.test');
    await page.getByLabel('Password').fill('wrong password here');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await poll(() => page.locator('#sign-in-error').textContent()).toMatch(/wrong/i);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await poll(() => page.locator('.who').textContent()).toBe('Amy Lin · supervisor');
    // Live updates come over the server's event stream.
    await poll(() => page.locator('.live').textContent()).toBe('Live');

    // Only the chosen view is in the page.
    await poll(() => page.locator('main h2').allTextContents()).toEqual(['Waiting for staff']);
    await poll(() => page.locator('nav.tabs [aria-current="page"]').textContent()).toBe('Inbox');
    await page.getByRole('link', { name: 'Outbox' }).click();
    await poll(() => page.locator('main h2').allTextContents()).toEqual(['Outbox']);
    await page.getByRole('link', { name: 'Inbox' }).click();

    const conversation = await prisma.conversation.findFirstOrThrow({ where: { channel: 'chat', state: 'waiting_staff' } });
    await page.locator(`[data-conversation="${conversation.id}"]`).click();
    await page.getByRole('button', { name: 'Take over' }).click();
    await poll(() => page.getByTestId('conversation-state').textContent()).toContain('with Amy Lin');
    // A conversation without a ticket shows no literal null (or undefined) anywhere.
    expect(await page.locator('main').textContent()).not.toMatch(/\bnull\b|undefined/);
    // Focus moves on to the reply box (the button is gone).
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`reply-${conversation.id}`);

    // Half a reply, then the customer writes again: the transcript updates live, the draft and caret stay.
    const reply = page.getByLabel('Reply by web chat');
    await reply.click();
    await reply.pressSequentially('Hello, this is Amy. An engineer');
    await customer.getByLabel('Your message').fill('Are you there?');
    await customer.keyboard.press('Enter');
    await poll(() => page.locator('.transcript li').last().textContent()).toContain('Are you there?');
    expect(await reply.inputValue()).toBe('Hello, this is Amy. An engineer');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await screenshot(page, '01-inbox-draft-1280x800');
    await page.keyboard.type(' will call you today.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await poll(() => page.locator('.transcript li').last().textContent()).toContain('Hello, this is Amy. An engineer will call you today.');
    expect(await reply.inputValue()).toBe('');
    // The newest message is in view.
    expect(await page.locator('.transcript').evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(5);

    await deliverQueued();
    await poll(() => customer.locator('#log li[data-author="staff"] .text').allTextContents()).toEqual(['Hello, this is Amy. An engineer will call you today.']);

    // The bot opened no ticket here: one is made from the conversation, prefilled with what the customer wrote.
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await poll(() => page.getByLabel('Problem').inputValue()).toContain('My printer jams');
    await page.getByLabel('Title').fill('Printer jams at the front desk');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await poll(() => page.locator('main h2').first().textContent()).toMatch(/^SR-\d{4}-\d{6} · Printer jams at the front desk$/);
    expect(pageErrors).toEqual([]);
  });

  it('schedules a visit with an engineer, records the arrival, completes it with a drawn signature, and the KPI chart shows the resolved ticket', { timeout: 90_000 }, async () => {
    const prisma = t.app.database.prisma;
    await aSignedInStaff(prisma, 'engineer', 'Ben Wu');
    const { token } = await aSignedInStaff(prisma, 'supervisor', 'Carol Chen');
    const { ticket } = await aHandedOffConversation(prisma, { channel: 'sms', threadKey: '+886912555777', contacts: [{ kind: 'phone', address: '+886912555777' }], at: t.clock() });
    // A supervisor in Taiwan, as BUSINESS_TZ: the KPI range is their day (after 16:00 UTC already tomorrow there).
    const page = await open(await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Taipei', viewport: { width: 1280, height: 800 } }), `${t.url}/console`);
    await signIn(page, token);

    await page.getByRole('link', { name: 'KPIs' }).click();
    await poll(() => page.locator('main h2').allTextContents()).toEqual(['KPIs']);
    await page.getByTestId('chart-rates').waitFor();
    const [before] = await chartValues(page, 'chart-rates');
    expect(await page.locator('#chart-rates-caption').textContent()).toBe('Rates');
    await screenshot(page, '02-kpis-before-1280x800');

    await page.goto(`${t.url}/console#/ticket/${ticket.id}`);
    await poll(() => page.locator('main h2').first().textContent()).toBe(`${ticket.number} · Printer jams`);
    await page.getByLabel('When').fill('2026-11-26T10:00');
    await page.getByRole('combobox', { name: /^Engineer/ }).selectOption({ label: 'Ben Wu' });
    await page.getByRole('button', { name: 'Schedule visit' }).click();
    await poll(() => page.locator('.visit .badge').first().textContent()).toBe('scheduled');
    expect(await page.locator('.visit .facts').textContent()).toContain('Ben Wu');
    await page.getByRole('button', { name: 'Engineer has arrived' }).click();
    await poll(() => page.locator('.visit .facts dt').allTextContents()).toContain('Arrived');

    // The engineer's report, and the customer signs on the screen: completing the visit resolves the ticket.
    await page.getByRole('textbox', { name: 'Work done' }).fill('Replaced the fuser; test pages print clean.');
    await page.getByRole('button', { name: 'Add part' }).first().click();
    await page.getByLabel('Part', { exact: true }).fill('Fuser unit');
    await page.getByLabel("Customer's name (typed sign-off)").fill('Chen Wei');
    await page.getByTestId('signature-canvas').scrollIntoViewIfNeeded();
    const pad = (await page.getByTestId('signature-canvas').boundingBox())!;
    await page.mouse.move(pad.x + 20, pad.y + 70);
    await page.mouse.down();
    await page.mouse.move(pad.x + 120, pad.y + 25, { steps: 8 });
    await page.mouse.move(pad.x + 230, pad.y + 95, { steps: 8 });
    await page.mouse.up();
    await page.getByRole('button', { name: 'Complete visit' }).click();
    await poll(() => page.locator('.workspace-head .badge').first().textContent()).toBe('resolved');
    const visit = await prisma.visit.findFirstOrThrow({ where: { ticketId: ticket.id } });
    expect(visit).toMatchObject({ status: 'completed', signOffName: 'Chen Wei', workDone: 'Replaced the fuser; test pages print clean.', partsUsed: [{ part: 'Fuser unit', quantity: 1 }] });
    expect(visit.signature).toMatch(/^data:image\/png;base64,/);
    await poll(() => page.locator('.visit .card p.meta').first().textContent()).toContain('Signed off by Chen Wei');
    await screenshot(page, '03-ticket-workspace-1280x800');
    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, '03-ticket-workspace-tablet-820x1180');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('resolved');

    await page.getByRole('link', { name: 'KPIs' }).click();
    await poll(async () => (await chartValues(page, 'chart-rates'))[0]?.[0]).toBeGreaterThan(before?.[0] ?? 0);
    expect(pageErrors).toEqual([]);
  });

  it('switches the language to Traditional and Simplified Chinese and remembers the choice', { timeout: 90_000 }, async () => {
    await addStaff(t.app.database.prisma, { email: 'wang@example.test', name: '王小明', role: 'agent', password: 'a long enough password' });
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 800 } });
    const page = await open(context, `${t.url}/console`);
    // Picked from the browser: Taiwan reads Traditional Chinese.
    await poll(() => page.locator('#sign-in-title').textContent()).toBe('登入');
    await page.getByLabel('電子郵件').fill('wang@example.test');
    await page.getByLabel('密碼').fill('a long enough password');
    await page.getByRole('button', { name: '登入', exact: true }).click();
    await poll(() => page.locator('nav.tabs a').allTextContents()).toEqual(['待處理', '工單', '客戶', '到府服務', '回訪電話', '寄件匣']);
    await poll(() => page.locator('.who').textContent()).toBe('王小明 · 客服人員');
    await page.getByRole('link', { name: '工單' }).click();
    await poll(() => page.locator('main h2').allTextContents()).toEqual(['工單']);
    await screenshot(page, '04-tickets-zh-Hant-1280x800');

    await page.getByLabel('語言').selectOption('zh-Hans');
    await poll(() => page.locator('nav.tabs a').allTextContents()).toEqual(['待处理', '工单', '客户', '上门服务', '回访电话', '发件箱']);
    await page.reload();
    await poll(() => page.locator('nav.tabs a').first().textContent()).toBe('待处理');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');

    // A tablet in portrait: the inbox list sits above the conversation.
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.getByRole('link', { name: '待处理' }).click();
    await screenshot(page, '05-inbox-zh-Hans-tablet-820x1180');
    await page.getByLabel('语言').selectOption('en');
    await poll(() => page.locator('nav.tabs a').first().textContent()).toBe('Inbox');
    expect(pageErrors).toEqual([]);
  });

  it('opens every view alone, with its own heading, and without a script error', { timeout: 90_000 }, async () => {
    const prisma = t.app.database.prisma;
    const { token } = await aSignedInStaff(prisma, 'admin', 'Dana Ho');
    // Something in the outbox, so its view has a table under its heading.
    await prisma.outboundMessage.create({ data: { channel: 'sms', to: '+886912000321', purpose: 'staff_reply', text: 'Waiting to go out', status: 'outbox' } });
    const page = await open(await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } }), `${t.url}/console`);
    await signIn(page, token);
    const views: [string, string][] = [
      ['Tickets', 'Tickets'],
      ['Customers', 'Customers'],
      ['Visits', 'Visits'],
      ['Calls', 'Calls to make'],
      ['KPIs', 'KPIs'],
      ['Reports', 'Monthly complaint reports'],
      ['Audit', 'Access audit'],
      ['Staff', 'Staff'],
      ['Outbox', 'Outbox'],
      ['Inbox', 'Waiting for staff'],
    ];
    for (const [link, heading] of views) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await poll(() => page.locator('main h2').first().textContent()).toBe(heading);
      // The view's heading takes the focus, so keyboard and screen-reader users start there.
      await poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
      expect(await page.locator('nav.tabs [aria-current="page"]').textContent()).toBe(link);
      expect(await page.locator('main > *').count()).toBe(1);
      expect(await page.locator('main').textContent()).not.toMatch(/\bnull\b|undefined|\[object Object\]/);
      // The view starts at the top of the page (KPIs once started 1,600 px down, under the other views).
      expect((await page.locator('main h2').first().boundingBox())!.y, link).toBeLessThan(200);
      await screenshot(page, `view-${link.toLowerCase()}-1280x800`);
    }
    // The outbox's heading sits above its table, not over it.
    await page.getByRole('link', { name: 'Outbox', exact: true }).click();
    await page.locator('main table').waitFor();
    const heading = (await page.locator('main h2').first().boundingBox())!;
    expect(heading.y + heading.height).toBeLessThanOrEqual((await page.locator('main table').boundingBox())!.y);
    // Staff are shown by name, not id.
    await page.getByRole('link', { name: 'Staff', exact: true }).click();
    await poll(() => page.locator('main table td').allTextContents()).toContain('Dana Ho');
    expect(pageErrors).toEqual([]);
  });
});
