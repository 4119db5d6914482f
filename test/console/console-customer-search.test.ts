import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCustomers } from '../../bench/tickets/seed-customer-names.js';
import { customerSearchSql } from '../../src/console/customer-search.js';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aSignedInStaff } from './console-fixtures.js';

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };
type Hit = { id: string; name: string | null; company: string | null; contacts: { kind: string; address: string }[] };

/** Every node of a plan, depth first. */
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];
const seqScanned = (plan: PlanNode) => nodesOf(plan).filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']);
const indexesUsed = (plan: PlanNode) => nodesOf(plan).flatMap((n) => (n['Index Name'] ? [n['Index Name']] : []));
/** The start of each word, split as customer_search_prefixes() splits it. */
const words = (s: string | null) => (s ?? '').toLowerCase().split(/[\s\u3000\p{P}·]+/u).filter(Boolean);

const CUSTOMERS = 10_000;

describe.each(databaseKinds)(`customer search among ${CUSTOMERS / 1000}k customers on %s`, (kind) => {
  let t: TestApp;
  let headers: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(kind);
    // Names (王 about one in forty, Latin names one in five), companies, phones, e-mails and a transcript each.
    await seedCustomers(t.app.database.sql, CUSTOMERS);
    headers = (await aSignedInStaff(t.app.database.prisma, 'agent')).headers;
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });
  const prisma = () => t.app.database.prisma;
  const search = async (q: string): Promise<Hit[]> => {
    const res = await fetch(`${t.url}/console/api/customers?q=${encodeURIComponent(q)}`, { headers });
    expect(res.status).toBe(200);
    return ((await res.json()) as { customers: Hit[] }).customers;
  };
  /** The plan PostgreSQL (or PGlite) makes for a statement with these values, after the seed's VACUUM ANALYZE. */
  const planOf = async (text: string, values: unknown[]): Promise<PlanNode> => {
    const [row] = await t.app.database.sql.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${text}`, values);
    const plan = row!['QUERY PLAN'];
    return (typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan as PlanNode;
  };
  const searchPlan = (q: string) => {
    const { text, values } = customerSearchSql(q, 50);
    return planOf(text, values);
  };
  const aCustomer = (name: string, contacts: { kind: 'phone' | 'email'; address: string }[] = [], extra: { company?: string; mergedIntoId?: string } = {}) =>
    prisma().customer.create({ data: { name, ...extra, contacts: { create: contacts } } });

  it('finds a one-character surname (王) through the word-prefix index, without reading the customer table', async () => {
    const wang = await aCustomer('王美美');
    const notWang = await aCustomer('汪小明');
    const hits = await search('王');
    expect(hits).toHaveLength(50);
    expect(hits.map((h) => h.id)).toContain(wang.id);
    expect(hits.map((h) => h.id)).not.toContain(notWang.id);
    for (const hit of hits) expect(hit.name, hit.id).toMatch(/^王/);
    const plan = await searchPlan('王');
    expect(seqScanned(plan)).toEqual([]);
    expect(indexesUsed(plan)).toContain('Customer_name_prefixes_idx');
  });

  it('finds a two-character surname (歐陽) the same way', async () => {
    const ouyang = await aCustomer('歐陽娜娜');
    const hits = await search('歐陽');
    expect(hits.map((h) => h.id)).toContain(ouyang.id);
    for (const hit of hits) expect(hit.name).toMatch(/^歐陽/);
    expect(seqScanned(await searchPlan('歐陽'))).toEqual([]);
  });

  it('finds two Chinese characters inside a name (小明: 王小明) through the character-pair index, without reading the customer table', async () => {
    const xiaoming = await aCustomer('王小明');
    const other = await aCustomer('王明小');
    const hits = await search('小明');
    expect(hits.map((h) => h.id)).toContain(xiaoming.id);
    expect(hits.map((h) => h.id)).not.toContain(other.id);
    for (const hit of hits) expect(`${hit.name} ${hit.company}`, hit.id).toContain('小明');
    const plan = await searchPlan('小明');
    expect(seqScanned(plan)).toEqual([]);
    expect(indexesUsed(plan)).toContain('Customer_name_bigrams_idx');
  });

  it('finds two Chinese characters inside a company name (大同: 大同餐廳, 台北大同行) the same way', async () => {
    const restaurant = await aCustomer('林老闆', [], { company: '大同餐廳' });
    const shop = await aCustomer('陳先生', [], { company: '台北大同行' });
    const hits = await search('大同');
    expect(hits.map((h) => h.id)).toEqual(expect.arrayContaining([restaurant.id, shop.id]));
    for (const hit of hits) expect(`${hit.name} ${hit.company}`, hit.id).toContain('大同');
    const plan = await searchPlan('大同');
    expect(seqScanned(plan)).toEqual([]);
    expect(indexesUsed(plan)).toContain('Customer_company_bigrams_idx');
  });

  it('finds a Latin name by the start of any of its words ("Li": Li Wei and Wei Li, not Ali Khan)', async () => {
    const liWei = await aCustomer('Li Wei');
    const weiLi = await aCustomer('Wei Li');
    const ali = await aCustomer('Ali Khan');
    const hits = await search('Li');
    expect(hits.map((h) => h.id)).toEqual(expect.arrayContaining([liWei.id, weiLi.id]));
    expect(hits.map((h) => h.id)).not.toContain(ali.id);
    for (const hit of hits) {
      const emails = hit.contacts.filter((c) => c.kind === 'email').map((c) => c.address);
      expect([...words(hit.name), ...words(hit.company), ...emails].some((w) => w.startsWith('li')), JSON.stringify(hit)).toBe(true);
    }
    expect(seqScanned(await searchPlan('Li'))).toEqual([]);
  });

  it('finds +886912345678 searched as 0912345678, 0912 345 678, +886 912 345 678 or part of it, through the contact indexes', async () => {
    const owner = await aCustomer('電話客戶', [{ kind: 'phone', address: '+886912345678' }]);
    for (const q of ['0912345678', '0912 345 678', '+886 912 345 678', '345678']) {
      expect((await search(q)).map((h) => h.id), q).toEqual([owner.id]);
      expect(seqScanned(await searchPlan(q)), q).toEqual([]);
    }
  });

  it('finds any part of a name, company or e-mail from three characters on, through trigram indexes', async () => {
    const nana = await aCustomer('歐陽娜娜', [{ kind: 'email', address: 'nana.ouyang@example.com' }], { company: '娜娜精密機械' });
    const khan = await aCustomer('Ali Khan');
    for (const [q, id] of [['陽娜娜', nana.id], ['精密機械', nana.id], ['ouyang', nana.id], ['KHAN', khan.id]] as const) {
      expect((await search(q)).map((h) => h.id), q).toContain(id);
      const plan = await searchPlan(q);
      expect(seqScanned(plan), q).toEqual([]);
      expect(indexesUsed(plan).some((i) => i.endsWith('_trgm_idx')), q).toBe(true);
    }
  });

  it('leaves out customers merged into another, and shows no chat session id', async () => {
    const survivor = await aCustomer('司徒合併');
    await prisma().contactPoint.create({ data: { customerId: survivor.id, kind: 'chat', address: 'c0ffee00c0ffee00c0ffee00c0ffee00' } });
    const merged = await aCustomer('司徒合併', [], { mergedIntoId: survivor.id });
    const hits = await search('司徒');
    expect(hits.map((h) => h.id)).toContain(survivor.id);
    expect(hits.map((h) => h.id)).not.toContain(merged.id);
    expect(JSON.stringify(hits)).not.toContain('c0ffee00');
  });

  it("reads a customer's transcript and a ticket's conversations through indexes", async () => {
    const [seeded] = await t.app.database.sql.query<{ id: string }>(`SELECT md5('c' || 1234)::uuid::text AS id`);
    const customerId = seeded!.id;
    // The statements Prisma sends for message.findMany({ where: { customerId }, orderBy: { seq: 'desc' }, take })
    // (ticket workspace, conversation view) and conversation.findMany({ where: { ticketId } }) (workspace).
    const transcript = await planOf(`SELECT id FROM "Message" WHERE "customerId" = $1 ORDER BY "seq" DESC LIMIT 200 OFFSET 0`, [customerId]);
    expect(seqScanned(transcript)).toEqual([]);
    expect(indexesUsed(transcript)).toContain('Message_customerId_seq_idx');
    const conversations = await planOf(`SELECT id FROM "Conversation" WHERE "ticketId" = $1 OFFSET 0`, ['no-such-ticket']);
    expect(indexesUsed(conversations)).toContain('Conversation_ticketId_idx');
  });
});
