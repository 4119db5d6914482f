import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { AftercareBot, START_DIALOG_EVENT } from '../../src/bot/aftercare-bot.js';
import { RootDialog } from '../../dialogs/root/root-dialog.js';
import { fakeServices, turnInfoMiddleware } from '../dialogs/fake-services.js';

function botUnderTest() {
  const fake = fakeServices();
  const storage = new MemoryStorage();
  const bot = new AftercareBot(new ConversationState(storage), new RootDialog(fake.services));
  const adapter = new TestAdapter(async (context) => {
    await bot.run(context);
  });
  adapter.use(turnInfoMiddleware('en'));
  return { adapter, storage, ...fake };
}

describe('aftercare bot (TestAdapter)', () => {
  it('greets with the menu and routes the menu choice', async () => {
    const { adapter } = botUnderTest();
    await adapter
      .send('hello')
      .assertReply((a) => {
        expect(a.text).toContain('How may I help you?');
        expect(a.suggestedActions?.actions.map((x) => x.title)).toContain('Ask a question');
        expect(a.channelData).toMatchObject({ expectInput: true });
      })
      .send('2')
      .assertReply('Please go ahead with your question.')
      .send('When are you open?')
      .assertReply((a) => expect(a.text).toContain('Monday to Saturday'));
  });

  it('starts a proactive survey on the start event and continues it with the next message', async () => {
    const { adapter, surveyAnswers } = botUnderTest();
    await adapter
      .send({ type: 'event', name: START_DIALOG_EVENT, value: { dialog: 'survey', options: { surveyId: 's1', ticketNumber: 'SR-2026-000009' } } })
      .assertReply((a) => expect(a.text).toContain('ticket SR-2026-000009'))
      .assertReply((a) => expect(a.text).toContain('service attitude'))
      .send('4')
      .assertReply((a) => expect(a.text).toContain('technical skill'));
    expect(surveyAnswers).toEqual([{ surveyId: 's1', answers: { attitude: 4 }, complete: false }]);
  });

  it('keeps the dialog in conversation state between turns', async () => {
    const { adapter, storage } = botUnderTest();
    await adapter.send('My printer HP LaserJet M404 is broken and jams').assertReply((a) => expect(a.text).toContain('sorry to hear')).assertReply((a) => expect(a.text).toContain('name'));
    const key = Object.keys((storage as unknown as { memory: Record<string, unknown> }).memory)[0]!;
    expect(key).toMatch(/conversations/);
  });
});
