import { describe, expect, it } from 'vitest';
import { judgeSoak, type SoakFacts } from '../../bench/soak/soak-accounting.js';

const clean: SoakFacts = {
  acked: [
    { channel: 'sms', externalId: 'SM1' },
    { channel: 'sms', externalId: 'SM1' },
    { channel: 'chat', externalId: 's:1' },
  ],
  inbound: [
    { id: 'm1', channel: 'sms', externalId: 'SM1', processed: true },
    { id: 'm2', channel: 'chat', externalId: 's:1', processed: true },
    { id: 'm3', channel: 'sms', externalId: 'SM2', processed: true },
  ],
  replies: [
    { inReplyToId: 'm1', text: 'Hello' },
    { inReplyToId: 'm1', text: 'Anything else?' },
    { inReplyToId: 'm2', text: 'Hello' },
  ],
  tickets: [{ id: 't1', sourceMessageId: 'm3', sourceIsInbound: true }],
  jobs: [
    { id: 'j1', name: 'message.send', singletonKey: 'message.send:o1' },
    { id: 'j2', name: 'turn.sweep', singletonKey: null },
    { id: 'j3', name: 'turn.sweep', singletonKey: null },
  ],
  expectedJobKeys: [{ name: 'message.send', singletonKey: 'message.send:o1' }],
};

describe('the soak accounting', () => {
  it('finds nothing wrong when every acknowledged message is stored once, processed and answered once', () => {
    const verdict = judgeSoak(clean);
    expect({ lost: verdict.lost, duplicated: verdict.duplicated, inconsistent: verdict.inconsistent }).toEqual({ lost: 0, duplicated: 0, inconsistent: 0 });
    expect(verdict.parts).toMatchObject({ acknowledged: 2, stored: 3, tickets: 1, jobsExpected: 1 });
  });

  it('counts an acknowledged message without a row as lost, but not a stored one nobody saw acknowledged', () => {
    const verdict = judgeSoak({ ...clean, acked: [...clean.acked, { channel: 'email', externalId: 'mail-1@x' }] });
    expect(verdict.lost).toBe(1);
    expect(verdict.examples.acknowledgedNotStored).toEqual(['email:mail-1@x']);
  });

  it('does not mistake the same provider id on another channel for the stored message', () => {
    expect(judgeSoak({ ...clean, acked: [{ channel: 'chat', externalId: 'SM1' }] }).lost).toBe(1);
  });

  it('counts a provider id stored twice and a reply text stored twice for one message as duplicated', () => {
    const verdict = judgeSoak({
      ...clean,
      inbound: [...clean.inbound, { id: 'm4', channel: 'sms', externalId: 'SM1', processed: true }],
      replies: [...clean.replies, { inReplyToId: 'm1', text: 'Hello' }],
    });
    expect(verdict.duplicated).toBe(2);
    expect(verdict.parts).toMatchObject({ storedTwice: 1, doubledReplies: 1 });
  });

  it('counts a stored message never processed and a ticket without its opening message as inconsistent', () => {
    const verdict = judgeSoak({
      ...clean,
      inbound: [...clean.inbound, { id: 'm5', channel: 'chat', externalId: 's:2', processed: false }],
      tickets: [...clean.tickets, { id: 't2', sourceMessageId: null, sourceIsInbound: false }, { id: 't3', sourceMessageId: 'gone', sourceIsInbound: false }],
    });
    expect(verdict.inconsistent).toBe(3);
    expect(verdict.parts).toMatchObject({ unprocessed: 1, ticketsWithoutFirstMessage: 2 });
  });

  it('counts a job that must exist once as lost when missing and as doubled when queued twice, and ignores other repeated jobs', () => {
    const lost = judgeSoak({ ...clean, expectedJobKeys: [...clean.expectedJobKeys, { name: 'sla.check', singletonKey: 'sla:t1:first_response:due:1' }] });
    expect(lost.parts.jobsLost).toBe(1);
    expect(lost.lost).toBe(1);
    const doubled = judgeSoak({ ...clean, jobs: [...clean.jobs, { id: 'j4', name: 'message.send', singletonKey: 'message.send:o1' }, { id: 'j5', name: 'sla.sweep', singletonKey: 'cron' }, { id: 'j6', name: 'sla.sweep', singletonKey: 'cron' }] });
    expect(doubled.parts.jobsDoubled).toBe(1);
    expect(doubled.duplicated).toBe(1);
  });

  it('counts a retried job (one id) once', () => {
    const retried = judgeSoak({ ...clean, jobs: [...clean.jobs, { id: 'j1', name: 'message.send', singletonKey: 'message.send:o1' }] });
    expect(retried.parts.jobsDoubled).toBe(0);
  });
});
