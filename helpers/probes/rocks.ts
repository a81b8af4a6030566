import type { Finding } from '../../src/model/finding.js';
import { apiDir, finding, need, type ProbeContext } from './context.js';
import { isJsonObject, said, type Caller, type Exchange } from './http.js';
import type { ApiSession } from './session.js';

type Json = Record<string, unknown>;

const nameOf = (user: unknown, snake: string, camel: string) => (isJsonObject(user) ? (user[snake] ?? user[camel]) : undefined);

/**
 * RC-RT006: a fixture token lists the seeded rocks in the course's shape.
 * Only the shape: whether the values are the seeded ones is RC-RT004's.
 */
export async function rocksInCourseShape(ctx: ProbeContext, session: ApiSession): Promise<Finding[]> {
  const id = 'RC-RT006';
  const ready = need(ctx, id, ['api']);
  if (!ready.ok) return ready.findings;
  const { profile } = ctx.grading;
  const where = apiDir(ctx);
  const x = await session.api.get(profile.routes.rocks, session.fixtureCaller(0));
  if (x.status !== 200 || !Array.isArray(x.body)) return [finding(id, where, `${said(x)}; expected 200 with a JSON list of rocks`)];
  const list = x.body as unknown[];
  const findings: Finding[] = [];
  const shape = '{id, name, weight: "1.30", type: {label}, user: {first_name, last_name}}';
  for (const rock of profile.content.rocks) {
    const item = list.find((r): r is Json => isJsonObject(r) && r.name === rock.name);
    if (!item) {
      findings.push(finding(id, where, `GET ${profile.routes.rocks} lists no rock named "${rock.name}" (it lists ${list.length} item(s))`));
      continue;
    }
    const problems: string[] = [];
    if (typeof item.id !== 'number') problems.push('no numeric id');
    if (typeof item.weight !== 'string' || Number.isNaN(Number(item.weight))) problems.push(`weight ${JSON.stringify(item.weight)} is not a decimal string like "${rock.weight}"`);
    if (!isJsonObject(item.type) || typeof item.type.label !== 'string') problems.push(`type ${JSON.stringify(item.type)} is not an object with a label`);
    const first = nameOf(item.user, 'first_name', 'firstName');
    const last = nameOf(item.user, 'last_name', 'lastName');
    if (typeof first !== 'string' || typeof last !== 'string') problems.push(`user ${JSON.stringify(item.user)} is not an object with first_name and last_name`);
    if (problems.length > 0) findings.push(finding(id, where, `rock "${rock.name}" from GET ${profile.routes.rocks}: ${problems.join('; ')}; the course's shape is ${shape}`));
  }
  return findings;
}

/** The first type id: from GET /types, else none. */
async function aTypeId(session: ApiSession, caller: Caller): Promise<{ id?: number; x: Exchange }> {
  const x = await session.api.get(session.ctx.grading.profile.routes.types, caller);
  const first = Array.isArray(x.body) ? x.body.find((t): t is Json => isJsonObject(t) && typeof t.id === 'number') : undefined;
  return { id: first?.id as number | undefined, x };
}

/** The user who creates rocks: the registered one, else the first fixture user. */
async function creator(session: ApiSession): Promise<{ caller: Caller; fixtureIndex?: number }> {
  const r = await session.register();
  return r.token ? { caller: { token: r.token, who: 'with the token of the user rock-check registered' } } : { caller: session.fixtureCaller(0), fixtureIndex: 0 };
}

/** POST a rock trying each create key of the profile; the first 201 wins. */
async function createRock(session: ApiSession, caller: Caller, name: string, typeId: number): Promise<{ created?: Json; key?: string; attempts: Exchange[] }> {
  const { routes } = session.ctx.grading.profile;
  const keys = session.createKey ? [session.createKey] : routes.createTypeKeys;
  const attempts: Exchange[] = [];
  for (const key of keys) {
    const x = await session.api.post(routes.rocks, { ...caller, who: `${caller.who} and "${key}": ${typeId}` }, { name, weight: 2.5, [key]: typeId });
    attempts.push(x);
    if (x.status === 201 && isJsonObject(x.body)) {
      session.createKey = key;
      return { created: x.body, key, attempts };
    }
  }
  return { attempts };
}

/** RC-RT009: a created rock is answered 201 and listed under the owner filter, without other users' rocks. */
export async function createdRockListed(ctx: ProbeContext, session: ApiSession): Promise<Finding[]> {
  const id = 'RC-RT009';
  const ready = need(ctx, id, ['api']);
  if (!ready.ok) return ready.findings;
  const { profile } = ctx.grading;
  const where = apiDir(ctx);
  const { caller, fixtureIndex } = await creator(session);
  const type = await aTypeId(session, caller);
  if (type.id === undefined) return [finding(id, where, `cannot create a rock without a type id: ${said(type.x)}; expected 200 with [{"id", "label"}]`)];
  const name = `rock-check ${ctx.runtime.runId}`;
  const made = await createRock(session, caller, name, type.id);
  if (!made.created) {
    return [finding(id, where, `no create request was answered 201: ${made.attempts.map((a) => said(a)).join('; ')}`, `the course's client posts {"name", "weight", "${profile.routes.createTypeKeys[0]}"}`)];
  }
  const mine = new Set([name, ...profile.content.rocks.filter((r) => fixtureIndex !== undefined && r.owner === profile.content.users[fixtureIndex].id).map((r) => r.name)]);
  const others = profile.content.rocks.map((r) => r.name).filter((n) => !mine.has(n));
  const tried: string[] = [];
  for (const filter of profile.routes.ownerFilters) {
    const x = await session.api.get(`${profile.routes.rocks}?${filter}`, caller);
    const names = Array.isArray(x.body) ? x.body.filter(isJsonObject).map((r) => r.name) : undefined;
    if (x.status === 200 && names?.includes(name) && !names.some((n) => others.includes(String(n)))) return [];
    tried.push(
      names === undefined
        ? said(x)
        : `GET ${x.path} listed ${names.length} rock(s)${names.includes(name) ? '' : `, not the new "${name}"`}${names.some((n) => others.includes(String(n))) ? ', including other users\' rocks' : ''}`,
    );
  }
  return [
    finding(id, where, `the new rock was created (201) but no owner filter lists only the caller's rocks: ${tried.join('; ')}`, `filter the queryset on request.auth.user when the query string has ${profile.routes.ownerFilters.join(' or ')}`),
  ];
}

/** RC-RT010: another user's DELETE is refused with 403, the owner's answered 204. */
export async function onlyOwnerDeletes(ctx: ProbeContext, session: ApiSession): Promise<Finding[]> {
  const id = 'RC-RT010';
  const ready = need(ctx, id, ['api']);
  if (!ready.ok) return ready.findings;
  const { profile } = ctx.grading;
  const where = apiDir(ctx);
  const { caller, fixtureIndex } = await creator(session);
  const second = fixtureIndex === undefined ? await session.registerOther() : undefined;
  const other: Caller = second?.token ? { token: second.token, who: 'with the token of a second user rock-check registered' } : session.fixtureCaller(1);
  const type = await aTypeId(session, caller);
  if (type.id === undefined) return [finding(id, where, `cannot create a rock to delete: ${said(type.x)}`)];
  const made = await createRock(session, caller, `rock-check ${ctx.runtime.runId} to delete`, type.id);
  const rockId = made.created?.id;
  if (typeof rockId !== 'number') return [finding(id, where, `cannot create a rock to delete (see RC-RT009): ${made.attempts.map((a) => said(a)).join('; ')}`)];
  const path = `${profile.routes.rocks}/${rockId}`;
  const findings: Finding[] = [];
  const theirs = await session.api.delete(path, other);
  if (theirs.status !== 403) {
    findings.push(
      finding(id, where, `${said(theirs)} for a rock another user owns; expected 403`, theirs.status === 204 ? 'check in destroy() that the rock belongs to request.auth.user before deleting it' : undefined),
    );
  }
  if (theirs.status !== 204) {
    const own = await session.api.delete(path, caller);
    if (own.status !== 204) findings.push(finding(id, where, `${said(own)} for the caller's own rock; expected 204`));
  }
  return findings;
}
