import type { Turn } from '../../channels/channel-adapter.js';
import type { FollowUpStarter } from '../follow-ups/follow-up-sender.js';
import type { SurveyStarter } from '../surveys/survey-service.js';
import type { BotDeps } from './bot-runtime.js';
import type { TurnProcessor } from './turn-processor.js';

type LoadedBot = { turn: Turn; processor: TurnProcessor; startSurveyDialog: SurveyStarter; startFollowUpDialog: FollowUpStarter };

/**
 * The bot (botbuilder, the dialogs, the classifier's dictionary) is the slowest part of start-up to load.
 * The app listens first and calls warmUp() right after; a message that arrives sooner waits for the load
 * instead of being refused. Only the loading is deferred: everything runs exactly as when loaded eagerly.
 */
export function lazyBot(deps: BotDeps): Omit<LoadedBot, 'processor'> & { warmUp(): Promise<void>; processor(): Promise<TurnProcessor> } {
  let loading: Promise<LoadedBot> | undefined;
  const load = () =>
    (loading ??= Promise.all([import('./turn.js'), import('./turn-processor.js'), import('./proactive.js')]).then(([turn, turnProcessor, proactive]) => {
      const processor = turnProcessor.createTurnProcessor(deps);
      return {
        turn: turn.createTurn(deps, processor),
        processor,
        startSurveyDialog: proactive.createSurveyStarter(deps),
        startFollowUpDialog: proactive.createFollowUpStarter(deps),
      };
    }));
  return {
    warmUp: async () => {
      await load();
    },
    turn: async (message, options) => (await load()).turn(message, options),
    processor: async () => (await load()).processor,
    startSurveyDialog: async (...args) => (await load()).startSurveyDialog(...args),
    startFollowUpDialog: async (...args) => (await load()).startFollowUpDialog(...args),
  };
}
