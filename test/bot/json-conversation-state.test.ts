import { MemoryStorage, TestAdapter, TurnContext, type StoreItems } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { JsonConversationState, jsonBeingSaved } from '../../src/bot/json-conversation-state.js';

/** A memory storage that records each write, with the JSON text the state handed over for it. */
class RecordingStorage extends MemoryStorage {
  readonly writes: { items: StoreItems; json: (string | undefined)[] }[] = [];
  override async write(changes: StoreItems): Promise<void> {
    this.writes.push({ items: structuredClone(changes), json: Object.values(changes).map((item) => jsonBeingSaved(item)) });
    await super.write(changes);
  }
}

const contextOf = () =>
  new TurnContext(new TestAdapter(), { type: 'message', channelId: 'test', conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: 'c' }, from: { id: 'u', name: 'u' }, recipient: { id: 'b', name: 'b' } });

async function turn(state: JsonConversationState, work: (counter: { count?: number }) => void): Promise<void> {
  const context = contextOf();
  const counter = state.createProperty<{ count?: number }>('counter');
  work(await counter.get(context, {}));
  await state.saveChanges(context);
}

describe('JsonConversationState', () => {
  it('writes the state when the turn changed it, handing the storage its JSON text', async () => {
    const storage = new RecordingStorage();
    const state = new JsonConversationState(storage);
    await turn(state, (c) => (c.count = 1));
    expect(storage.writes).toHaveLength(1);
    const [written] = Object.values(storage.writes[0]!.items);
    expect(written).toMatchObject({ counter: { count: 1 }, eTag: '*' });
    expect(storage.writes[0]!.json).toEqual([JSON.stringify({ counter: { count: 1 } })]);
  });

  it('writes nothing when the turn left the stored state as it was', async () => {
    const storage = new RecordingStorage();
    const state = new JsonConversationState(storage);
    await turn(state, (c) => (c.count = 1));
    await turn(state, (c) => (c.count = 1));
    expect(storage.writes).toHaveLength(1);
  });

  it('writes again when a later turn changes the stored state', async () => {
    const storage = new RecordingStorage();
    const state = new JsonConversationState(storage);
    await turn(state, (c) => (c.count = 1));
    await turn(state, (c) => (c.count = 2));
    expect(storage.writes).toHaveLength(2);
    expect(Object.values(storage.writes[1]!.items)[0]).toMatchObject({ counter: { count: 2 } });
  });

  it('saves an emptied state after clear', async () => {
    const storage = new RecordingStorage();
    const state = new JsonConversationState(storage);
    await turn(state, (c) => (c.count = 1));
    const context = contextOf();
    await state.load(context);
    await state.clear(context);
    await state.saveChanges(context);
    expect(storage.writes).toHaveLength(2);
    expect(storage.writes[1]!.json).toEqual(['{}']);
  });

  it('hands the JSON text over only while the write runs', async () => {
    const storage = new RecordingStorage();
    const state = new JsonConversationState(storage);
    const context = contextOf();
    const counter = state.createProperty<{ count?: number }>('counter');
    (await counter.get(context, {})).count = 3;
    await state.saveChanges(context);
    expect(jsonBeingSaved(state.get(context) as object)).toBeUndefined();
  });
});
