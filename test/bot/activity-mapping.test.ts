import { describe, expect, it } from 'vitest';
import { storedReply, toActivity, toOutboundMessage, type TurnAddress } from '../../src/bot/activity-mapping.js';
import { InboundMessage } from '../../src/messages/inbound-message.js';

const address: TurnAddress = { channel: 'sms', conversationId: 'conv-1', customerId: 'cust-1', to: '+886912345678', conversationKey: '+886912345678' };

describe('activity mapping', () => {
  it('turns an inbound message into a message activity on our conversation and customer', () => {
    const message = InboundMessage.parse({ channel: 'sms', externalId: 'SM1', from: '+886912345678', conversationKey: '+886912345678', text: 'hi', receivedAt: '2026-11-25T02:00:00Z' });
    expect(toActivity(message, address, 'zh-Hant')).toMatchObject({
      type: 'message', id: 'SM1', channelId: 'sms', text: 'hi', locale: 'zh-Hant', conversation: { id: 'conv-1' }, from: { id: 'cust-1' },
    });
  });

  it('turns suggested actions into choices and channel data into meta', () => {
    const reply = toOutboundMessage(
      { type: 'message', text: 'Is everything correct?', locale: 'en', channelData: { expectInput: true }, suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Yes', value: 'Yes' }, { type: 'imBack', title: 'No', value: 'No' }] } },
      address,
    );
    expect(reply).toEqual({ channel: 'sms', to: '+886912345678', conversationKey: '+886912345678', text: 'Is everything correct?', choices: ['Yes', 'No'], language: 'en', purpose: 'reply', meta: { expectInput: true } });
  });

  it('rebuilds a stored reply with its choices for a redelivered message', () => {
    const reply = storedReply({ text: 'Pick one', raw: { choices: ['1', '2'], meta: { expectInput: true } } }, address, 'en');
    expect(reply).toMatchObject({ text: 'Pick one', choices: ['1', '2'], meta: { expectInput: true } });
  });
});
