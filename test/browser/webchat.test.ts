import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebchatAdapter } from '../../channels/webchat/webchat-adapter.js';
import { aSignedInStaff } from '../console/console-fixtures.js';
import { scriptedTurn } from '../channels/webchat/scripted-turn.js';
import { browserSuiteTitle, launchChromium, skipBrowserTests } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Real Chromium from Debian: skipped where it is not installed, except with CI=true (then a failure).
describe.skipIf(skipBrowserTests)(browserSuiteTitle('web chat in Chromium'), () => {
  let t: TestApp;
  let browser: Browser;
  let webchat: WebchatAdapter;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await startTestApp('pglite', {}, { now: '2026-11-25T02:00:00Z' });
    webchat = t.app.channels.get('chat') as WebchatAdapter;
    browser = await launchChromium();
  });
  afterAll(async () => {
    expect(pageErrors).toEqual([]);
    await browser?.close();
    await t?.stop();
  });

  async function phonePage(locale = 'en-US'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${t.url}/chat`);
    await page.locator('body[data-ready="true"]').waitFor();
    return page;
  }
  const botLines = (page: Page) => page.locator('#log li[data-author="bot"] .text');

  it('chats on a phone screen: typing, replies, choices as buttons, reload keeps the conversation, staff replies arrive live', async () => {
    webchat.useTurn(scriptedTurn(t.app.database.prisma, t.clock));
    const page = await phonePage('en-US');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Customer service');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.getByLabel('Your message').fill('My printer is broken');
    await page.keyboard.press('Enter');
    await expect.poll(() => botLines(page).last().textContent()).toBe('You said: My printer is broken');
    await page.getByRole('button', { name: 'Yes' }).click();
    await expect.poll(() => botLines(page).last().textContent()).toBe('You said: Yes');

    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    await expect.poll(() => page.locator('#log li .text').allTextContents()).toEqual(['My printer is broken', 'You said: My printer is broken', 'Yes', 'You said: Yes']);

    // The customer asks for a person; a staff member answers from the console API.
    await page.getByLabel('Your message').fill('agent');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/connecting you to a member of staff/i);
    const sessionId = await page.evaluate(() => localStorage.getItem('aftercare.chat.session'));
    const conversation = await t.app.database.prisma.conversation.findFirstOrThrow({ where: { threadKey: sessionId! } });
    const { headers } = await aSignedInStaff(t.app.database.prisma, 'agent');
    const reply = await fetch(`${t.url}/console/api/conversations/${conversation.id}/reply`, { method: 'POST', headers, body: JSON.stringify({ text: 'Hi, this is Amy from service.' }) });
    const { outbound } = await reply.json();
    await webchat.send({ channel: 'chat', to: sessionId!, text: 'Hi, this is Amy from service.', purpose: 'staff_reply', meta: { outboundId: outbound.id } });
    await expect.poll(() => page.locator('#log li[data-author="staff"] .text').allTextContents()).toEqual(['Hi, this is Amy from service.']);
  });

  it('switches the page language and remembers it', async () => {
    const page = await phonePage('zh-TW');
    await expect.poll(() => page.locator('h1').textContent()).toBe('客戶服務');
    await page.getByLabel('語言').selectOption('zh-Hans');
    await expect.poll(() => page.locator('h1').textContent()).toBe('客户服务');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('客户服务');
  });

  it('a customer reports a fault through the whole intake and receives a ticket number, kept after a reload', async () => {
    webchat.useTurn(t.app.turn);
    const page = await phonePage('en-US');
    const answers: [RegExp, string][] = [
      [/name/i, 'Chen Wei'],
      [/company|project/i, 'Acme Printing Ltd'],
      [/phone|e-?mail|contact/i, '0912 345 678'],
      [/model/i, 'LX-200'],
      [/serial/i, 'SN-778899'],
      [/purchase|bought|warranty/i, '2025-03-15'],
      [/address|province|city|site|where/i, 'No. 1, Zhongshan Rd, Taipei'],
      [/describe|problem|what happened|details/i, 'The printer jams on every page since yesterday.'],
    ];
    const send = async (text: string) => {
      const before = await botLines(page).count();
      await page.getByLabel('Your message').fill(text);
      await page.keyboard.press('Enter');
      await expect.poll(() => botLines(page).count(), { timeout: 20_000 }).toBeGreaterThan(before);
    };
    await send('My LX-200 printer is broken and jams on every page. Please send a technician.');
    let ticket: string | undefined;
    for (let step = 0; step < 20 && !ticket; step++) {
      const last = (await botLines(page).last().textContent()) ?? '';
      ticket = /SR-\d{4}-\d{6}/.exec(last)?.[0];
      if (ticket) break;
      const yes = page.locator('#choices button').filter({ hasText: /^(yes|confirm|correct|ok)/i });
      if (await yes.count()) {
        const before = await botLines(page).count();
        await yes.first().click();
        await expect.poll(() => botLines(page).count(), { timeout: 20_000 }).toBeGreaterThan(before);
        continue;
      }
      const answer = answers.find(([pattern]) => pattern.test(last))?.[1];
      await send(answer ?? 'skip');
    }
    // The greeting on an empty page is the page's own, not part of the stored conversation.
    const stored = (p: Page) => p.locator('#log li:not([data-welcome]) .text').allTextContents();
    const transcript = await stored(page);
    expect(ticket, `no ticket number in:\n${transcript.join('\n')}`).toMatch(/^SR-2026-\d{6}$/);
    const row = await t.app.database.prisma.ticket.findUniqueOrThrow({ where: { number: ticket! } });
    expect(row).toMatchObject({ category: 'fault', channel: 'chat' });

    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    await expect.poll(() => stored(page)).toEqual(transcript);
  });
});
