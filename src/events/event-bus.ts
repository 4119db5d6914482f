import type { Prisma } from '../generated/prisma/client.js';
import type { EventMap, EventName } from './event-map.js';

/**
 * Listeners run inside the emitting transaction and only write rows or enqueue jobs through `tx`,
 * so a rollback also cancels the timers and notices the event caused.
 */
export type Listener<E extends EventName> = (payload: EventMap[E], tx: Prisma.TransactionClient, at: Date) => Promise<void>;

export interface EventBus {
  on<E extends EventName>(event: E, listener: Listener<E>): void;
  emit<E extends EventName>(tx: Prisma.TransactionClient, event: E, payload: EventMap[E], at: Date): Promise<void>;
}

export function createEventBus(): EventBus {
  const listeners = new Map<EventName, Listener<EventName>[]>();
  return {
    on(event, listener) {
      const list = listeners.get(event) ?? [];
      list.push(listener as unknown as Listener<EventName>);
      listeners.set(event, list);
    },
    async emit(tx, event, payload, at) {
      for (const listener of listeners.get(event) ?? []) await listener(payload, tx, at);
    },
  };
}

/** For code paths and tests that need no side effects. */
export const silentEvents: EventBus = { on: () => undefined, emit: async () => undefined };
