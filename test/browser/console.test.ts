import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aHandedOffConversation, aSignedInStaff } from '../console/console-fixtures.js';
import { hasChromium, launchChromium } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Real Chromium from Debian; skipped with this reason where it is not installed (CI installs it).
const title = hasChromium ? 'staff console in Chromium' : 'staff console in Chromium — skipped: /usr/bin/chromium is not installed (apt-get install -y chromium)';
describe.skipIf(!hasChromium)(title, () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp('pglite');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('signs in, opens a handed-off conversation and replies to the customer', async () => {
    const prisma = t.app.database.prisma;
    const { token, staff } = await aSignedInStaff(prisma, 'agent', 'Amy');
    const { conversation, customer } = await aHandedOffConversation(prisma, {
      channel: 'sms', threadKey: '+886912555666', contacts: [{ kind: 'phone', address: '+886912555666' }], at: t.clock(),
    });
    const page = await (await browser.newContext()).newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${t.url}/console`);

    await page.getByLabel('Console token').fill('wrong-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#login-error').textContent()).toMatch(/not valid/);

    await page.getByLabel('Console token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#who').textContent()).toBe('Amy (agent)');
    expect(await page.getByRole('button', { name: 'KPIs & reports' }).isHidden()).toBe(true);

    await page.locator(`[data-conversation="${conversation.id}"]`).click();
    await expect.poll(() => page.locator('#transcript li').allTextContents()).toEqual([
      expect.stringContaining('I want a person'),
      expect.stringContaining('Connecting you.'),
    ]);
    await page.getByRole('button', { name: 'Take over' }).click();
    await expect.poll(() => page.locator('#conversation .meta').first().textContent()).toContain('State: staff (Amy)');

    await page.getByLabel('Reply by sms').fill('Hello, an engineer will call you today.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => page.locator('#transcript li').last().textContent()).toContain('Hello, an engineer will call you today.');
    const row = await prisma.outboundMessage.findFirstOrThrow({ where: { conversationId: conversation.id } });
    expect(row).toMatchObject({ channel: 'sms', to: '+886912555666', purpose: 'staff_reply', text: 'Hello, an engineer will call you today.' });
    expect(await prisma.message.count({ where: { conversationId: conversation.id, author: `staff:${staff.id}` } })).toBe(1);

    await page.getByRole('button', { name: 'Customer archive' }).click();
    await expect.poll(() => page.locator('#customer h2').textContent()).toBe(customer.name);
    expect(await prisma.accessAudit.count({ where: { customerId: customer.id, action: 'view_customer' } })).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
