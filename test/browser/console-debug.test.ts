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
    console.error('STEP 16');
    await t?.stop();
    console.error('STEP 17');
  });

  it('signs in, opens a handed-off conversation and replies to the customer', async () => {
    const prisma = t.app.database.prisma;
    const { token, staff } = await aSignedInStaff(prisma, 'agent', 'Amy');
    const { conversation, customer } = await aHandedOffConversation(prisma, {
      channel: 'sms', threadKey: '+886912555666', contacts: [{ kind: 'phone', address: '+886912555666' }], at: t.clock(),
    });
    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (e) => console.error('PAGEERROR', e.message));
    page.on('console', (m) => console.error('CONSOLE', m.text()));
    await page.goto(`${t.url}/console`);
    console.error('STEP 29');

    await page.getByLabel('Console token').fill('wrong-token');
    console.error('STEP 31');
    await page.getByRole('button', { name: 'Sign in' }).click();
    console.error('STEP 32');
    await expect.poll(() => page.locator('#login-error').textContent()).toMatch(/not valid/);
    console.error('STEP 33');

    await page.getByLabel('Console token').fill(token);
    console.error('STEP 35');
    await page.getByRole('button', { name: 'Sign in' }).click();
    console.error('STEP 36');
    await expect.poll(() => page.locator('#who').textContent()).toBe('Amy (agent)');
    console.error('STEP 37');
    expect(await page.getByRole('button', { name: 'KPIs & reports' }).isHidden()).toBe(true);
    console.error('STEP 38');

    await page.locator(`[data-conversation="${conversation.id}"]`).click();
    console.error('STEP 40');
    await expect.poll(() => page.locator('#transcript li').allTextContents()).toEqual([
      expect.stringContaining('I want a person'),
      expect.stringContaining('Connecting you.'),
    ]);
    await page.getByRole('button', { name: 'Take over' }).click();
    console.error('STEP 45');
    await expect.poll(() => page.locator('#conversation .meta').first().textContent()).toContain('State: staff (Amy)');
    console.error('STEP 46');

    await page.getByLabel('Reply by sms').fill('Hello, an engineer will call you today.');
    console.error('STEP 48');
    await page.getByRole('button', { name: 'Send reply' }).click();
    console.error('STEP 49');
    await expect.poll(() => page.locator('#transcript li').last().textContent()).toContain('Hello, an engineer will call you today.');
    console.error('STEP 50');
    const row = await prisma.outboundMessage.findFirstOrThrow({ where: { conversationId: conversation.id } });
    expect(row).toMatchObject({ channel: 'sms', to: '+886912555666', purpose: 'staff_reply', text: 'Hello, an engineer will call you today.' });
    console.error('STEP 52');
    expect(await prisma.message.count({ where: { conversationId: conversation.id, author: `staff:${staff.id}` } })).toBe(1);
    console.error('STEP 53');

    await page.getByRole('button', { name: 'Customer archive' }).click();
    console.error('STEP 55');
    await expect.poll(() => page.locator('#customer h2').textContent()).toBe(customer.name);
    console.error('STEP 56');
    expect(await prisma.accessAudit.count({ where: { customerId: customer.id, action: 'view_customer' } })).toBe(1);
    console.error('STEP 57');
  });
});
