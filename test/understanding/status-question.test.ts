import { describe, expect, it } from 'vitest';
import { asksAboutTheTicket, asksTicketStatus } from '../../src/understanding/status-question.js';

describe('questions about a ticket', () => {
  it.each(['我们厂那台冷水机报修了，现在什么情况？工程师几点能到？', '師傅大概幾點會打給我？', '我的單子現在怎樣了？', '我報修的進度', "what's happening with my repair?", 'when is the technician coming', 'any update on my ticket? sr 2026 6'])(
    'reads "%s" as a status question',
    (text) => {
      expect(asksTicketStatus(text)).toBe(true);
    },
  );

  it.each(['維修費用如何計算？', '你們幾點開門？', 'How much does a repair cost?', '冷氣不冷了'])('does not read "%s" as a status question', (text) => {
    expect(asksTicketStatus(text)).toBe(false);
  });

  it.each(['請問兩台是開在同一張單嗎？', 'can you add my second unit to that ticket?', '这两台能开在同一张单里吗？'])('reads "%s" as a question about the ticket', (text) => {
    expect(asksAboutTheTicket(text)).toBe(true);
  });

  it.each(['請再幫我開一張新的工單，冰箱也壞了', 'can you open another ticket for my fridge?', 'please open a new ticket, the dryer broke too'])('leaves a request for a new ticket alone: "%s"', (text) => {
    expect(asksAboutTheTicket(text)).toBe(false);
  });
});
