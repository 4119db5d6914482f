import { DialogTestClient } from 'botbuilder-testing';
import { describe, expect, it } from 'vitest';
import { HandoffDialog } from '../../../dialogs/handoff/handoff-dialog.js';
import { IntakeDialog } from '../../../dialogs/intake/intake-dialog.js';
import { ComponentDialog } from 'botbuilder-dialogs';
import { fakeServices, turnInfoMiddleware } from '../fake-services.js';
import { inquiryIntakeCases } from './intake-unit-cases.js';

/** Intake inside a parent that also knows the handoff dialog, as the root dialog does. */
function intakeUnderTest(services: ReturnType<typeof fakeServices>['services']) {
  const parent = new ComponentDialog('parent');
  parent.addDialog(new IntakeDialog(services));
  parent.addDialog(new HandoffDialog(services));
  return parent;
}

describe('intake dialog with fake commands', () => {
  it.each(inquiryIntakeCases)('collects an inquiry in $language and opens it', async ({ language, lines }) => {
    const fake = fakeServices();
    const parent = intakeUnderTest(fake.services);
    // ComponentDialog begins its first child with the options given to it.
    const client = new DialogTestClient('sms', parent, { category: 'inquiry', problem: lines[0]![0] }, [turnInfoMiddleware(language)]);
    for (const [said, wanted] of lines) {
      let reply = await client.sendActivity(said);
      const texts: string[] = [];
      while (reply) {
        texts.push(reply.text);
        reply = client.getNextReply();
      }
      expect(texts.join(' ')).toContain(wanted);
    }
    expect(fake.opened).toMatchObject([{ category: 'inquiry', language, contactPhone: '+886912345678', problem: lines[0]![0] }]);
  });

  it('keeps the report as a ticket and hands off after three confirmations it cannot read', async () => {
    const fake = fakeServices();
    const client = new DialogTestClient('sms', intakeUnderTest(fake.services), { category: 'inquiry', problem: 'I need a copy of my invoice' }, [turnInfoMiddleware('en')]);
    await client.sendActivity('start');
    await client.sendActivity('Amy');
    for (const answer of ['maybe', 'perhaps', 'dunno']) await client.sendActivity(answer);
    expect(fake.opened).toMatchObject([{ category: 'inquiry', contactName: 'Amy', problem: 'I need a copy of my invoice' }]);
    expect(fake.handoffs).toEqual([{ conversationId: 'conv1', ticketId: 't1', reason: 'misunderstood' }]);
  });
});
