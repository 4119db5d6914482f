import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-database.js';
import { aPhone, openHarness, type Harness } from '../dialog-harness.js';
import { play } from '../transcript.js';

/** "1", "0" or 👍 as a first message says nothing of its language: the page, the conversation or the setting decide. */
describe.each(databaseKinds)('the language of a message without letters on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind, { DEFAULT_LANGUAGE: 'zh-Hans' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each([
    { send: '1', expect: '请您描述遇到的问题' },
    { send: '👍', expect: '请问还有其他需要为您服务的地方吗' },
  ])('answers a first "$send" in DEFAULT_LANGUAGE (zh-Hans), not in English', async ({ send, expect: wanted }) => {
    const reply = await h.say(aPhone(), send);
    expect(reply).toContain(wanted);
    expect(reply).not.toMatch(/[A-Za-z]{3,}/);
  });

  it.each([
    { language: 'en', expect: 'Please describe the problem' },
    { language: 'zh-Hant', expect: '請您描述發生的問題' },
  ])('answers a first "1" on web chat in the page language ($language) over DEFAULT_LANGUAGE', async ({ language, expect: wanted }) => {
    expect(await h.say(`web-${aPhone()}`, '1', { channel: 'chat', meta: { pageLanguage: language } })).toContain(wanted);
  });

  it('answers a later "👍" in the language the customer has been writing, not DEFAULT_LANGUAGE', async () => {
    await play(h, aPhone(), [
      { send: 'hello', expect: ['How may I help you'] },
      { send: '👍', expect: ['anything else'] },
    ]);
  });
});
