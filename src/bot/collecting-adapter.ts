import { randomUUID } from 'node:crypto';
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';

const REPLIES = Symbol('collectedReplies');

/**
 * A botbuilder adapter with no transport: whatever the bot sends during a turn is collected on the
 * turn and handed back to the caller (the turn pipeline), which stores it and returns it to the channel.
 */
export class CollectingAdapter extends BotAdapter {
  /** Runs the bot for one activity and returns the activities it sent (typing indicators left out). */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const context = new TurnContext(this, activity);
    const replies: Partial<Activity>[] = [];
    context.turnState.set(REPLIES, replies);
    await this.runMiddleware(context, logic);
    return replies;
  }

  /** An `event` activity on a known conversation, as continueConversation makes it for a proactive turn. */
  static eventActivity(reference: Partial<ConversationReference>, name: string, value: unknown): Partial<Activity> {
    return TurnContext.applyConversationReference({ type: 'event', name, value, id: randomUUID() }, reference, true);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const replies = context.turnState.get(REPLIES) as Partial<Activity>[] | undefined;
    return activities.map((activity) => {
      if (activity.type !== 'typing' && activity.type !== 'delay') replies?.push(activity);
      return { id: randomUUID() };
    });
  }

  async updateActivity(): Promise<void> {
    throw new Error('CollectingAdapter cannot update sent activities');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('CollectingAdapter cannot delete sent activities');
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.processActivity(CollectingAdapter.eventActivity(reference, 'continueConversation', undefined), logic);
  }
}
