import type { Activity, Storage } from 'botbuilder';
import { RootDialog } from '../../dialogs/root/root-dialog.js';
import { setTurnInfo, type TurnInfo } from '../../dialogs/shared/turn-info.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/db.js';
import type { SqlConnection } from '../db/sql-connection.js';
import type { EventBus } from '../events/event-bus.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import type { BusinessCalendar } from '../sla/business-calendar.js';
import type { Policy } from '../sla/policy-schema.js';
import { AftercareBot } from './aftercare-bot.js';
import { createBotServices, type BotServiceDeps, type BotSettings } from './bot-services.js';
import { CollectingAdapter } from './collecting-adapter.js';
import { JsonConversationState } from './json-conversation-state.js';
import { PostgresStorage } from './postgres-storage.js';
import { createSerialQueue } from './serial-queue.js';

/** What the turn pipeline and proactive starts need; a running `App` has all of it. */
export type BotDeps = {
  database: { prisma: PrismaClient; sql: SqlConnection };
  events: EventBus;
  jobs: JobQueue;
  clock: Clock;
  logger: Logger;
  env: BotSettings;
  /** The service policy (HOME_PROVINCE applied) and its calendar: promised times come from them. */
  policy: Policy;
  calendar: BusinessCalendar;
};

/** One queue per process: turns and proactive starts of one conversation run one after another. */
export const conversationQueue = createSerialQueue();

export function queueKey(channel: string, conversationKey: string): string {
  return `${channel}:${conversationKey}`;
}

/**
 * Runs the bot for one activity over `db` (the client, or the caller's transaction): dialog state is
 * read from and saved to the BotState table, and the activities the dialogs sent are returned.
 */
export async function runBot(deps: BotDeps, db: Db, activity: Partial<Activity>, info: TurnInfo, storage: Storage = new PostgresStorage(db)): Promise<Partial<Activity>[]> {
  const built = takeBot(deps);
  built.services.db = db;
  built.storage.current = storage;
  try {
    return await new CollectingAdapter().processActivity(activity, async (context) => {
      setTurnInfo(context, info);
      if (dialogStateConfiguration) context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, dialogStateConfiguration);
      await built.bot.run(context);
      dialogStateConfiguration ??= context.turnState.get(DIALOG_STATE_MANAGER_CONFIGURATION) as object | undefined;
    });
  } finally {
    built.storage.current = undefined;
    idleBots.get(deps)!.push(built);
  }
}

/**
 * A bot with its root dialog and the 26 dialogs under it, and where its services and state go this turn.
 * Building one cost about a third of a FAQ turn's bot CPU (constructors, DialogSet ids, the dialog set's
 * version hash, computed anew for every new set), and it holds nothing of a turn: dialogs keep their state
 * in the dialog stack, ConversationState caches it on the TurnContext. So built bots are kept per `deps`
 * and reused; a turn takes one for itself while it runs (turns run concurrently, and the services and
 * storage point at that turn's transaction), so there are as many as turns ever ran at once.
 */
type BuiltBot = { bot: AftercareBot; services: BotServiceDeps; storage: { current: Storage | undefined } };
const idleBots = new WeakMap<BotDeps, BuiltBot[]>();

function takeBot(deps: BotDeps): BuiltBot {
  let idle = idleBots.get(deps);
  if (!idle) idleBots.set(deps, (idle = []));
  const reused = idle.pop();
  if (reused) return reused;
  const services: BotServiceDeps = { db: deps.database.prisma, events: deps.events, jobs: deps.jobs, clock: deps.clock, settings: deps.env, policy: deps.policy, calendar: deps.calendar };
  const storage: BuiltBot['storage'] = { current: undefined };
  const turnStorage: Storage = {
    read: (keys) => storageOf(storage).read(keys),
    write: (changes) => storageOf(storage).write(changes),
    delete: (keys) => storageOf(storage).delete(keys),
  };
  return { bot: new AftercareBot(new JsonConversationState(turnStorage), new RootDialog(createBotServices(services))), services, storage };
}

function storageOf(storage: BuiltBot['storage']): Storage {
  if (!storage.current) throw new Error('runBot: the bot was used outside its turn');
  return storage.current;
}

/*
 * botbuilder's DialogStateManager builds its memory scopes and path resolvers through a service collection
 * on the first dialog context of every turn (a tenth of a FAQ turn's CPU), and keeps them only for that
 * turn. They hold no per-turn state (DialogManager keeps one set for its lifetime too), so the first turn's
 * set is handed to every later turn under the key botbuilder looks for.
 */
const DIALOG_STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';
let dialogStateConfiguration: object | undefined;

/** The customer's newest phone and e-mail, for what the dialogs need not ask. */
export async function contactsOf(db: Db, customerId: string): Promise<{ phone: string | null; email: string | null }> {
  const points = await db.contactPoint.findMany({ where: { customerId, kind: { in: ['phone', 'email'] } }, orderBy: { createdAt: 'desc' } });
  return { phone: points.find((p) => p.kind === 'phone')?.address ?? null, email: points.find((p) => p.kind === 'email')?.address ?? null };
}
