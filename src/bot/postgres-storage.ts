import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Prisma } from '../generated/prisma/client.js';
import type { Db } from '../db/db.js';
import { isUniqueViolation } from '../db/transaction.js';
import { AppError } from '../errors/app-error.js';
import { jsonBeingSaved } from './json-conversation-state.js';

/** Someone else saved the same state since we read it: the turn must be redone from fresh state. */
export class StateConflictError extends AppError {
  readonly code = 'bot.state_conflict';
  override readonly status = 409;
  override readonly retryable = true;
  constructor(readonly key: string) {
    super(`Bot state ${key} was changed by another turn (eTag mismatch)`);
  }
}

/**
 * botbuilder `Storage` on the `BotState` table, so conversations survive restarts and any instance can
 * continue them. Optimistic concurrency: an item written with the eTag it was read with succeeds only if
 * nobody wrote in between; a missing eTag or `'*'` overwrites.
 */
export class PostgresStorage implements Storage {
  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.db.botState.findMany({ where: { key: { in: keys } } });
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...(row.data as Record<string, unknown>), eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...rest } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
      // Dialog state may hold Dates or class instances: store exactly what JSON keeps.
      const data = JSON.parse(JSON.stringify(rest)) as Prisma.InputJsonValue;
      const etag = randomUUID();
      if (eTag === undefined || eTag === '*') {
        await this.db.botState.upsert({ where: { key }, create: { key, data, etag }, update: { data, etag } });
        continue;
      }
      const updated = await this.db.botState.updateMany({ where: { key, etag: eTag }, data: { data, etag } });
      if (updated.count === 1) continue;
      const exists = await this.db.botState.findUnique({ where: { key }, select: { key: true } });
      if (exists) throw new StateConflictError(key);
      // Read with an eTag, deleted since: writing it back is a fresh insert, unless someone beat us to it.
      try {
        await this.db.botState.create({ data: { key, data, etag } });
      } catch (err) {
        if (isUniqueViolation(err)) throw new StateConflictError(key);
        throw err;
      }
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.botState.deleteMany({ where: { key: { in: keys } } });
  }
}

/**
 * The turn's dialog state without a round trip: read from the row the turn loaded with its message, and
 * the write kept for the turn's closing statement, which saves it only if the eTag is still the one read
 * (src/bot/turn-sql.ts). Other keys, and deletes, go to the table through `fallback`.
 */
export class TurnStorage implements Storage {
  private pending: { key: string; json: string; readEtag: string | null } | null = null;

  constructor(
    private readonly loaded: { key: string; data: Record<string, unknown> | null; etag: string | null },
    private readonly fallback: PostgresStorage,
  ) {}

  /** The state to save at the end of the turn, as the JSON text the closing statement stores, or null when the dialogs changed nothing. */
  get change(): { key: string; json: string; readEtag: string | null } | null {
    return this.pending;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const others = keys.filter((k) => k !== this.loaded.key);
    const items = others.length > 0 ? await this.fallback.read(others) : {};
    if (keys.includes(this.loaded.key) && this.loaded.data && this.loaded.etag) items[this.loaded.key] = { ...this.loaded.data, eTag: this.loaded.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const others: StoreItems = {};
    for (const [key, item] of Object.entries(changes)) {
      if (key !== this.loaded.key) {
        others[key] = item;
        continue;
      }
      const { eTag: _eTag, ...rest } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
      // Dialog state may hold Dates or class instances: what JSON keeps is what is stored, so the text
      // (made once, by the state's change check when it was) goes to the closing statement as it is.
      this.pending = { key, json: (item && jsonBeingSaved(item)) ?? JSON.stringify(rest), readEtag: this.loaded.etag };
    }
    if (Object.keys(others).length > 0) await this.fallback.write(others);
  }

  async delete(keys: string[]): Promise<void> {
    await this.fallback.delete(keys);
  }
}
