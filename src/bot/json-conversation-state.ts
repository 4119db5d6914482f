import { ConversationState, type StoreItem, type TurnContext } from 'botbuilder';

/** What BotState caches on the turn under its own key: the state and its change hash (here the JSON text). */
type Cached = { state: StoreItem; hash: string };

/** The JSON text a save is about to write, by the state object written: the storage need not make it again. */
const savingJson = new WeakMap<object, string>();

/** The text `saveChanges` made of `item` for the write in progress, if it did (see JsonConversationState). */
export function jsonBeingSaved(item: object): string | undefined {
  return savingJson.get(item);
}

/**
 * botbuilder's ConversationState with its change check done on the state's JSON text. botbuilder hashes the
 * state three times a turn (on load, to compare before the save, and again after it), each time a
 * JSON.stringify with a replacer function called for every value and a SHA-256, and then the storage
 * stringifies the state once more to write it. Here the load keeps the JSON text as the "hash", the save
 * compares it with the text of the state now, and that same text is what the storage writes. Only the
 * change check changes: the state cached on the turn, the eTag `'*'` on a save and every other BotState
 * method (get, clear, delete, property accessors) work on the same cache entry as before.
 */
export class JsonConversationState extends ConversationState {
  /** BotState's own key for its turn cache (a private field of BotState, so clear() and get() keep working). */
  private get cacheKey(): symbol {
    return (this as unknown as { stateKey: symbol }).stateKey;
  }

  override async load(context: TurnContext, force = false): Promise<StoreItem> {
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    if (!force && cached?.state) return cached.state;
    const key = await this.storageKey(context);
    const items = await this.storage.read([key]);
    const state = (items[key] ?? {}) as StoreItem;
    context.turnState.set(this.cacheKey, { state, hash: jsonWithoutETag(state) } satisfies Cached);
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    let cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    const json = cached ? jsonWithoutETag(cached.state) : '{}';
    if (!force && (!cached || cached.hash === json)) return;
    const key = await this.storageKey(context);
    cached ??= { state: {}, hash: '' };
    cached.state.eTag = '*';
    savingJson.set(cached.state, json);
    try {
      await this.storage.write({ [key]: cached.state });
    } finally {
      savingJson.delete(cached.state);
    }
    cached.hash = json;
    context.turnState.set(this.cacheKey, cached);
  }
}

/** The state as stored: everything but its eTag, as JSON keeps it. */
function jsonWithoutETag(state: StoreItem): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}
