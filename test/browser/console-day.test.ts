import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebchatAdapter } from '../../channels/webchat/webchat-adapter.js';
import { createMessageSendHandler } from '../../src/outbound/outbound-service.js';
import { scriptedTurn } from '../channels/webchat/scripted-turn.js';
import { aSignedInStaff } from '../console/console-fixtures.js';
import { browserSuiteTitle, launchChromium, skipBrowserTests } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const shots = path.resolve('test-output/browser');

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

  /** What the delivery job does with a queued message: send it through the customer's channel adapter. */
  async function deliverQueued(): Promise<void> {
    const send = createMessageSendHandler({ db: t.app.database.prisma, adapters: t.app.channels, logger: t.app.logger, clock: t.clock });
    for (const row of await t.app.database.prisma.outboundMessage.findMany({ where: { status: 'pending' } })) await send({ outboundId: row.id });
  }

  it('signs in, takes a handoff, keeps a half-typed reply through a live update, and the reply reaches the web chat', async () => {
    const prisma = t.app.database.prisma;
    const { token } = await aSignedInStaff(prisma, 'supervisor', 'Amy Lin');

    // A customer on the web chat asks for a person.
    const customer = await open(await browser.newContext({ locale: 'en-US' }), `${t.url}/chat`);
    await customer.locator('body[data-ready="true"]').waitFor();
    await customer.getByLabel('Your message').fill('My printer jams, I need an agent');
    await customer.keyboard.press('Enter');
    await expect.poll(() => customer.locator('#status').textContent()).toMatch(/connecting you to a member of staff/i);

    const staffContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await open(staffContext, `${t.url}/console`);
    await page.getByText('Sign in with a console token instead').click();
    await page.getByLabel('Console token').fill('not-a-real-token-at-all');
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await expect.poll(() => page.locator('#sign-in-error').textContent()).toMatch(/not valid/);
    await page.getByLabel('Console token').fill(token);
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await expect.poll(() => page.locator('.who').textContent()).toBe('Amy Lin · supervisor');

    // Only the chosen view is in the page.
    await expect.poll(() => page.locator('main h2').allTextContents()).toEqual(['Waiting for staff']);
    await expect.poll(() => page.locator('nav.tabs [aria-current="page"]').textContent()).toBe('Inbox');
    await page.getByRole('link', { name: 'Outbox' }).click();
    await expect.poll(() => page.locator('main h2').allTextContents()).toEqual(['Outbox']);
    await page.getByRole('link', { name: 'Inbox' }).click();

    const conversation = await prisma.conversation.findFirstOrThrow({ where: { channel: 'chat', state: 'waiting_staff' } });
    await page.locator(`[data-conversation="${conversation.id}"]`).click();
    await page.getByRole('button', { name: 'Take over' }).click();
    await expect.poll(() => page.getByTestId('conversation-state').textContent()).toContain('with Amy Lin');

    // Half a reply, then the customer writes again: the transcript updates live, the draft and caret stay.
    const reply = page.getByLabel('Reply by web chat');
    await reply.click();
    await reply.pressSequentially('Hello, this is Amy. An engineer');
    await customer.getByLabel('Your message').fill('Are you there?');
    await customer.keyboard.press('Enter');
    await expect.poll(() => page.locator('.transcript li').last().textContent(), { timeout: 15_000 }).toContain('Are you there?');
    expect(await reply.inputValue()).toBe('Hello, this is Amy. An engineer');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await screenshot(page, '01-inbox-draft-1280x800');
    await page.keyboard.type(' will call you today.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => page.locator('.transcript li').last().textContent()).toContain('Hello, this is Amy. An engineer will call you today.');
    expect(await reply.inputValue()).toBe('');
    // The newest message is in view.
    expect(await page.locator('.transcript').evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(5);

    await deliverQueued();
    await expect.poll(() => customer.locator('#log li[data-author="staff"] .text').allTextContents()).toEqual(['Hello, this is Amy. An engineer will call you today.']);
    expect(pageErrors).toEqual([]);
  });
});
