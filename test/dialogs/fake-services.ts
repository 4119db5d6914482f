import type { Middleware, TurnContext } from 'botbuilder';
import { parseKnowledgeBase } from '../../dialogs/inquiry/knowledge-base.js';
import type { BotServices, NewTicket, SurveyAnswers } from '../../dialogs/shared/services.js';
import { setTurnInfo } from '../../dialogs/shared/turn-info.js';
import type { Language } from '../../src/messages/channel-kind.js';
import { understand } from '../../src/understanding/understand.js';
import { readFileSync } from 'node:fs';

/** In-memory commands for driving one dialog without a database; calls are recorded. */
export function fakeServices() {
  const opened: NewTicket[] = [];
  const handoffs: { reason: string; ticketId?: string | null }[] = [];
  const surveyAnswers: { answers: SurveyAnswers; complete: boolean }[] = [];
  const services: BotServices = {
    settings: { maxMisunderstandings: 2 },
    knowledgeBase: parseKnowledgeBase(readFileSync(new URL('../../config/knowledge-base.yaml', import.meta.url), 'utf8')),
    openTicket: async (input) => {
      opened.push(input);
      return { id: `t${opened.length}`, number: `SR-2026-00000${opened.length}`, promises: [{ kind: 'first_response', dueAt: new Date('2026-11-25T04:00:00Z') }] };
    },
    findTicket: async () => null,
    openTicketsOf: async () => [],
    ticketByNumber: async () => null,
    noteOnTicket: async () => undefined,
    ticketContactMatches: async () => false,
    sendToTicketContact: async () => false,
    requestHandoff: async (input) => {
      handoffs.push(input);
    },
    staffReplyTime: async () => ({ openNow: true, opensAt: new Date('2026-11-25T02:00:00Z'), by: new Date('2026-11-25T04:00:00Z') }),
    rememberCustomer: async () => undefined,
    recordSurveyAnswer: async (input) => {
      surveyAnswers.push(input);
      return { dissatisfied: (input.answers.overall ?? 5) <= 2 };
    },
    surveyCancelled: async () => false,
    followUpCancelled: async () => false,
    recordFollowUp: async () => undefined,
    pendingVisitQuestion: async () => null,
    answerVisit: async () => undefined,
    ticketDetails: async (id) => ({ id, number: 'SR-2026-000001', category: 'fault', details: {}, requested: [] }),
    fillTicketDetails: async () => [],
    recordDetailsRequested: async () => undefined,
  };
  return { services, opened, handoffs, surveyAnswers };
}

/** Sets what the turn pipeline would: understanding of the message, language, the customer. */
export function turnInfoMiddleware(language: Language, channel: 'sms' | 'chat' = 'sms'): Middleware {
  return {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      const text = context.activity.text ?? '';
      setTurnInfo(context, {
        now: new Date('2026-11-25T02:00:00Z'),
        timeZone: 'Asia/Taipei',
        language,
        channel,
        understanding: context.activity.type === 'message' ? understand(text, { channel }) : undefined,
        customer: { id: 'c1', name: null, company: null, phone: channel === 'sms' ? '+886912345678' : null, email: null },
        conversation: { id: 'conv1', ticketId: null },
      });
      await next();
    },
  };
}
