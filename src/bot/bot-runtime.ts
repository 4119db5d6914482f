import { ConversationState, type Activity, type Storage } from 'botbuilder';
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
import { createBotServices, type BotSettings } from './bot-services.js';
import { CollectingAdapter } from './collecting-adapter.js';
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
  const services = createBotServices({ db, events: deps.events, jobs: deps.jobs, clock: deps.clock, settings: deps.env, policy: deps.policy, calendar: deps.calendar });
  const bot = new AftercareBot(new ConversationState(storage), new RootDialog(services));
  const adapter = new CollectingAdapter();
  return adapter.processActivity(activity, async (context) => {
    setTurnInfo(context, info);
    if (dialogStateConfiguration) context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, dialogStateConfiguration);
    await bot.run(context);
    dialogStateConfiguration ??= context.turnState.get(DIALOG_STATE_MANAGER_CONFIGURATION) as object | undefined;
  });
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
