import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffAdd } from '../../scripts/staff-add.js';
import { databaseKinds } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aSignedInStaff } from './console-fixtures.js';

const LIMITS = { CONSOLE_SESSION_HOURS: '2', CONSOLE_SIGNIN_MAX_FAILURES: '3', CONSOLE_SIGNIN_LOCK_MINUTES: '10', RATE_LIMIT_SIGN_IN_PER_MINUTE: '6', TRUST_PROXY: 'true' };
const json = { 'content-type': 'application/json' };
let ipCounter = 0;

describe.each(databaseKinds)('console accounts and sessions on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, LIMITS);
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** Each test signs in from its own address, so the per-address limit of one test does not leak into another. */
  const fromAddress = () => ({ ...json, 'x-forwarded-for': `198.51.100.${++ipCounter}` });
  const signIn = (email: string, password: string, headers: Record<string, string> = fromAddress()) =>
    fetch(`${t.url}/console/api/session`, { method: 'POST', headers, body: JSON.stringify({ email, password }) });
  const me = (token: string) => fetch(`${t.url}/console/api/me`, { headers: { authorization: `Bearer ${token}` } });
  async function anAgent(password = 'correct horse battery') {
    const email = `agent-${Date.now()}-${++ipCounter}@example.test`;
    await staffAdd(t.app.database.prisma, ['--email', email, '--name', '李四', '--role', 'agent', '--password', password]);
    return { email, password };
  }

  it('refuses every staff API without a session with 401', async () => {
    for (const path of ['/console/api/me', '/console/api/inbox', '/console/api/tickets', '/console/api/customers?q=a', '/console/api/outbox', '/console/api/staff', '/console/api/audit', '/console/api/kpis']) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status, path).toBe(401);
    }
  });

  it('refuses every console API route, whatever its method, without a session with 401 (signing in aside)', async () => {
    const routes = (t.app.server.getDebugInfo() as { routes: { method: string; path: string }[] }).routes.filter(
      (r) => String(r.path).startsWith('/console/api/') && !(r.method.toUpperCase() === 'POST' && r.path === '/console/api/session'),
    );
    expect(routes.length).toBeGreaterThan(40);
    for (const r of routes) {
      const method = r.method.toUpperCase();
      const path = String(r.path).replace(/:\w+/g, 'x');
      const res = await fetch(`${t.url}${path}`, { method, headers: json, body: ['GET', 'HEAD'].includes(method) ? undefined : '{}' });
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
    }
  });

  /** GET /console/api/me with a bearer token, from a client address. */
  const meFrom = (token: string, address: string) => fetch(`${t.url}/console/api/me`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': address } });

  it('limits unknown tokens per address (RATE_LIMIT_SIGN_IN_PER_MINUTE): then 429 with Retry-After even for a right token from there, other addresses unaffected', async () => {
    const { email, password } = await anAgent();
    const { token } = await (await signIn(email, password)).json();
    const guesser = fromAddress()['x-forwarded-for'];
    for (let i = 0; i < 6; i++) expect((await meFrom(`guessed-token-number-${i}`, guesser)).status).toBe(401);
    const limited = await meFrom(token, guesser);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe('rate_limited');
    expect((await meFrom(token, fromAddress()['x-forwarded-for'])).status).toBe(200);
  });

  it('does not count an ended session as a guess: a console left open after sign-out does not lock its address out', async () => {
    const { email, password } = await anAgent();
    const office = fromAddress()['x-forwarded-for'];
    const { token: old } = await (await signIn(email, password)).json();
    await fetch(`${t.url}/console/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${old}` } });
    for (let i = 0; i < 10; i++) expect((await meFrom(old, office)).status).toBe(401);
    const { token } = await (await signIn(email, password)).json();
    expect((await meFrom(token, office)).status).toBe(200);
  });

  it('signs in with e-mail and password and the session token works', async () => {
    const { email, password } = await anAgent();
    const res = await signIn(email.toUpperCase(), password);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ mustChangePassword: false, staff: { name: '李四', role: 'agent' } });
    expect(new Date(body.expiresAt).getTime() - t.clock().getTime()).toBe(2 * 3_600_000);
    expect((await me(body.token)).status).toBe(200);
    const stored = await t.app.database.prisma.staffSession.findFirstOrThrow({ where: { staff: { email } } });
    expect(stored.tokenHash).not.toContain(body.token);
  });

  it('answers a wrong password and an unknown e-mail alike, with 401', async () => {
    const { email } = await anAgent();
    const wrong = await signIn(email, 'not the password');
    const unknown = await signIn('nobody@example.test', 'not the password');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect((await wrong.json()).error.message).toBe((await unknown.json()).error.message);
  });

  it('ends a session when it expires', async () => {
    const { email, password } = await anAgent();
    const { token } = await (await signIn(email, password)).json();
    t.clock.advance(2 * 3_600_000 - 1000);
    expect((await me(token)).status).toBe(200);
    t.clock.advance(1000);
    expect((await me(token)).status).toBe(401);
    t.clock.set('2026-11-25T02:00:00Z');
  });

  it('ends a session at sign-out, and only that one', async () => {
    const { email, password } = await anAgent();
    const first = (await (await signIn(email, password)).json()).token;
    const second = (await (await signIn(email, password)).json()).token;
    const out = await fetch(`${t.url}/console/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${first}` } });
    expect(out.status).toBe(200);
    expect((await me(first)).status).toBe(401);
    expect((await me(second)).status).toBe(200);
  });

  it('lets a supervisor end every session of a staff member, and not an agent', async () => {
    const prisma = t.app.database.prisma;
    const { email, password } = await anAgent();
    const { token, staff } = await (await signIn(email, password)).json();
    const agent = await aSignedInStaff(prisma, 'agent');
    const byAgent = await fetch(`${t.url}/console/api/staff/${staff.id}/revoke-sessions`, { method: 'POST', headers: agent.headers });
    expect(byAgent.status).toBe(403);
    expect((await me(token)).status).toBe(200);
    const supervisor = await aSignedInStaff(prisma, 'supervisor');
    const res = await fetch(`${t.url}/console/api/staff/${staff.id}/revoke-sessions`, { method: 'POST', headers: supervisor.headers });
    expect(await res.json()).toEqual({ ended: 1 });
    expect((await me(token)).status).toBe(401);
    const audit = await prisma.accessAudit.findFirstOrThrow({ where: { action: 'sessions_revoked', staffId: supervisor.staff.id } });
    expect(audit.detail).toMatchObject({ staffId: staff.id, ended: 1 });
  });

  it('locks an account after repeated wrong passwords: 429 with Retry-After even for the right one, until the lock ends', async () => {
    const { email, password } = await anAgent();
    for (let i = 0; i < 3; i++) expect((await signIn(email, 'wrong password')).status).toBe(401);
    const locked = await signIn(email, password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBe(600);
    expect((await locked.json()).error.code).toBe('sign_in.throttled');
    t.clock.advance(10 * 60_000);
    expect((await signIn(email, password)).status).toBe(201);
    t.clock.set('2026-11-25T02:00:00Z');
  });

  it('limits sign-in attempts per address across accounts (RATE_LIMIT_SIGN_IN_PER_MINUTE): 429 with Retry-After, other addresses unaffected', async () => {
    const headers = fromAddress();
    for (let i = 0; i < 6; i++) expect((await signIn(`guess${i}@example.test`, 'guess', headers)).status).toBe(401);
    const { email, password } = await anAgent();
    const limited = await signIn(email, password, headers);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await signIn(email, password)).status).toBe(201);
  });

  it('does not lock an address by counting failures in the database: the retired CONSOLE_SIGNIN_MAX_PER_IP does nothing', async () => {
    const strict = await startTestApp(kind, { ...LIMITS, CONSOLE_SIGNIN_MAX_PER_IP: '1' });
    try {
      const headers = fromAddress();
      const attempt = (email: string, password: string) => fetch(`${strict.url}/console/api/session`, { method: 'POST', headers, body: JSON.stringify({ email, password }) });
      expect((await attempt('guess@example.test', 'guess')).status).toBe(401);
      expect((await attempt('guess@example.test', 'guess')).status).toBe(401);
      const email = `agent-strict-${Date.now()}@example.test`;
      await staffAdd(strict.app.database.prisma, ['--email', email, '--name', '王五', '--role', 'agent', '--password', 'correct horse battery']);
      expect((await attempt(email, 'correct horse battery')).status).toBe(201);
    } finally {
      await strict.stop();
    }
  });

  it('makes a one-time password holder choose a new password before anything else', async () => {
    const supervisor = await aSignedInStaff(t.app.database.prisma, 'supervisor');
    const email = `new-${Date.now()}@example.test`;
    const added = await fetch(`${t.url}/console/api/staff`, { method: 'POST', headers: supervisor.headers, body: JSON.stringify({ email, name: '新同事', role: 'agent' }) });
    expect(added.status).toBe(201);
    const { oneTimePassword } = await added.json();
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const session = await (await signIn(email, oneTimePassword)).json();
    expect(session.mustChangePassword).toBe(true);
    const auth = { ...json, authorization: `Bearer ${session.token}` };
    const blocked = await fetch(`${t.url}/console/api/inbox`, { headers: auth });
    expect(blocked.status).toBe(403);
    expect((await blocked.json()).error.code).toBe('password.change_required');
    const short = await fetch(`${t.url}/console/api/me/password`, { method: 'POST', headers: auth, body: JSON.stringify({ currentPassword: oneTimePassword, newPassword: 'short' }) });
    expect(short.status).toBe(400);
    const changed = await fetch(`${t.url}/console/api/me/password`, { method: 'POST', headers: auth, body: JSON.stringify({ currentPassword: oneTimePassword, newPassword: 'a much longer secret' }) });
    expect(changed.status).toBe(200);
    expect((await fetch(`${t.url}/console/api/inbox`, { headers: auth })).status).toBe(200);
    expect((await signIn(email, oneTimePassword)).status).toBe(401);
  });

  it('prints a one-time password from staff:add without --password, and refuses a second account with the same e-mail', async () => {
    const prisma = t.app.database.prisma;
    const email = `eng-${Date.now()}@example.test`;
    const out = await staffAdd(prisma, ['--email', email, '--name', '黃工程師', '--role', 'engineer']);
    const password = /\n\n {2}(\S+)\n/.exec(out)![1]!;
    expect(out).toContain('Added engineer 黃工程師');
    const res = await signIn(email, password);
    expect((await res.json()).mustChangePassword).toBe(true);
    await expect(staffAdd(prisma, ['--email', email, '--name', 'Again', '--role', 'agent'])).rejects.toThrow(/exists/);
  });
});
