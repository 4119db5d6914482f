import type { Turn } from '../../channels/channel-adapter.js';
import type { FollowUpStarter } from '../follow-ups/follow-up-sender.js';
import type { SurveyStarter } from '../surveys/survey-service.js';
import type { BotDeps } from './bot-runtime.js';

type LoadedBot = { turn: Turn; startSurveyDialog: SurveyStarter; startFollowUpDialog: FollowUpStarter };

/**
 * The bot (botbuilder, the dialogs, the classifier's dictionary) is the slowest part of start-up to load.
 * The app listens first and calls warmUp() right after; a message that arrives sooner waits for the load
 * instead of being refused. Only the loading is deferred: everything runs exactly as when loaded eagerly.
 */
export function lazyBot(deps: BotDeps): LoadedBot & { warmUp(): Promise<void> } {
  let loading: Promise<LoadedBot> | undefined;
  const load = () =>
    (loading ??= Promise.all([import('./turn.js'), import('./proactive.js')]).then(([turn, proactive]) => ({
      turn: turn.createTurn(deps),
      startSurveyDialog: proactive.createSurveyStarter(deps),
      startFollowUpDialog: proactive.createFollowUpStarter(deps),
    })));
  return {
    warmUp: async () => {
      await load();
    },
    turn: async (message) => (await load()).turn(message),
    startSurveyDialog: async (...args) => (await load()).startSurveyDialog(...args),
    startFollowUpDialog: async (...args) => (await load()).startFollowUpDialog(...args),
  };
}
