import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStorage, StateConflictError } from '../../src/bot/postgres-storage.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/test-database.js';

describe.each(databaseKinds)('bot state storage on %s', (kind) => {
  let db: TestDatabase;
  let storage: PostgresStorage;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    storage = new PostgresStorage(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('reads nothing for keys never written', async () => {
    expect(await storage.read(['sms/conversations/none'])).toEqual({});
  });

  it('returns what was written with a fresh eTag', async () => {
    await storage.write({ 'k/1': { dialogStack: [{ id: 'root' }], when: new Date('2026-11-25T02:00:00Z') } });
    const items = await storage.read(['k/1']);
    expect(items['k/1']).toMatchObject({ dialogStack: [{ id: 'root' }], when: '2026-11-25T02:00:00.000Z' });
    expect(typeof items['k/1']!.eTag).toBe('string');
  });

  it('accepts a write carrying the eTag it read and changes the eTag', async () => {
    await storage.write({ 'k/2': { n: 1 } });
    const first = (await storage.read(['k/2']))['k/2']!;
    await storage.write({ 'k/2': { ...first, n: 2 } });
    const second = (await storage.read(['k/2']))['k/2']!;
    expect(second.n).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);
  });

  it('refuses a write with a stale eTag, so two turns cannot both save', async () => {
    await storage.write({ 'k/3': { n: 1 } });
    const read = (await storage.read(['k/3']))['k/3']!;
    await storage.write({ 'k/3': { ...read, n: 2 } });
    await expect(storage.write({ 'k/3': { ...read, n: 3 } })).rejects.toBeInstanceOf(StateConflictError);
    expect((await storage.read(['k/3']))['k/3']!.n).toBe(2);
  });

  it("overwrites whatever is stored when the eTag is '*'", async () => {
    await storage.write({ 'k/4': { n: 1 } });
    await storage.write({ 'k/4': { n: 5, eTag: '*' } });
    expect((await storage.read(['k/4']))['k/4']!.n).toBe(5);
  });

  it('deletes items', async () => {
    await storage.write({ 'k/5': { n: 1 } });
    await storage.delete(['k/5']);
    expect(await storage.read(['k/5'])).toEqual({});
  });
});
