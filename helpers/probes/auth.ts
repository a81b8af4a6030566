import type { Finding } from '../../src/model/finding.js';
import { apiDir, finding, need, type ProbeContext } from './context.js';
import { foreignKeys, ident, withDatabase } from './db.js';
import { anonymous, isJsonObject, said } from './http.js';
import type { ApiSession } from './session.js';

/** What DRF answers when no credentials come with a request that needs them. */
export const NOT_AUTHENTICATED = 'Authentication credentials were not provided.';

/** RC-RT005: listing rocks without a token is refused with DRF's 401. */
export async function rocksNeedToken(ctx: ProbeContext, session: ApiSession): Promise<Finding[]> {
  const id = 'RC-RT005';
  const ready = need(ctx, id, ['api']);
  if (!ready.ok) return ready.findings;
  const x = await session.api.get(ctx.grading.profile.routes.rocks, anonymous);
  const expected = `expected 401 with {"detail": "${NOT_AUTHENTICATED}"}`;
  if (x.status !== 401) {
    const hint =
      x.status === 403
        ? 'a 403 here means another authentication class (e.g. SessionAuthentication) answers first: make TokenAuthentication the only DEFAULT_AUTHENTICATION_CLASSES'
        : x.status === 200
          ? 'set IsAuthenticated as the default permission class in REST_FRAMEWORK'
          : undefined;
    return [finding(id, apiDir(ctx), `${said(x)}; ${expected}`, hint)];
  }
  if (!isJsonObject(x.body) || typeof x.body.detail !== 'string') return [finding(id, apiDir(ctx), `${said(x)}; ${expected} (DRF's error body)`)];
  return [];
}

/**
 * RC-RT007: /register answers 200 with a token, the user exists in
 * auth_user with that token, and registering the same email again is
 * refused with 400.
 */
export async function registerCreatesUser(ctx: ProbeContext, session: ApiSession): Promise<Finding[]> {
  const id = 'RC-RT007';
  const ready = need(ctx, id, ['api', 'database']);
  if (!ready.ok) return ready.findings;
  const r = await session.register();
  const where = apiDir(ctx);
  const secrets = r.token ? [r.token] : [];
  if (r.exchange.status !== 200 || !r.token) {
    return [finding(id, where, `${said(r.exchange, secrets)}; expected 200 with {"token": "<key>"}`, r.exchange.status === 201 ? 'the course answers 200, not 201, on success' : undefined)];
  }
  const users = ctx.grading.profile.tables.find((t) => t.fixture === 'users')?.table ?? 'auth_user';
  const tokens = ctx.grading.profile.tables.find((t) => t.fixture === 'tokens')?.table ?? 'authtoken_token';
  const rows = await withDatabase(ctx, async (q) => {
    const col = (await foreignKeys(q, tokens)).find((f) => f.references === users)?.column ?? 'user_id';
    return q(
      `SELECT u.id, (SELECT count(*) FROM ${ident(tokens)} t WHERE t.${ident(col)} = u.id AND t.key = $2) AS has_token FROM ${ident(users)} u WHERE u.username = $1 OR u.email = $1`,
      [r.email, r.token],
    );
  });
  if (rows.length === 0) return [finding(id, where, `POST ${ctx.grading.profile.routes.register} returned a token, but ${users} has no user with username or email ${r.email}`)];
  if (Number(rows[0].has_token) === 0) return [finding(id, where, `the token POST ${ctx.grading.profile.routes.register} returned is not the new user's token in ${tokens}`)];
  const again = await session.api.post(ctx.grading.profile.routes.register, { who: 'again with the same email' }, { email: r.email, password: r.password, first_name: r.firstName, last_name: r.lastName });
  if (again.status !== 400) {
    return [
      finding(id, where, `${said(again)}; expected 400 with {"message": ...} for an existing account`, again.status >= 500 ? 'check whether a user with that email exists before creating it' : undefined),
    ];
  }
  return [];
}

/** RC-RT008: /login gives {valid: true, token} for the right password and 200 {valid: false} for a wrong one. */
export async function loginChecksPassword(ctx: ProbeContext, session: ApiSession): Promise<Finding[]> {
  const id = 'RC-RT008';
  const ready = need(ctx, id, ['api']);
  if (!ready.ok) return ready.findings;
  const caller = await session.registeredCaller(id);
  if (!('who' in caller)) return [caller];
  const r = await session.register();
  const route = ctx.grading.profile.routes.login;
  const where = apiDir(ctx);
  const findings: Finding[] = [];
  const good = await session.api.post(route, { who: 'with the right password' }, { email: r.email, password: r.password });
  const gb = good.body;
  const secrets = isJsonObject(gb) && typeof gb.token === 'string' ? [gb.token] : [];
  if (good.status !== 200 || !isJsonObject(gb) || gb.valid !== true || typeof gb.token !== 'string' || gb.token === '') {
    findings.push(finding(id, where, `${said(good, secrets)}; expected 200 with {"valid": true, "token": "<key>"}`));
  }
  const bad = await session.api.post(route, { who: 'with a wrong password' }, { email: r.email, password: `${r.password}-wrong` });
  if (bad.status !== 200 || !isJsonObject(bad.body) || bad.body.valid !== false) {
    findings.push(
      finding(id, where, `${said(bad)}; expected 200 with {"valid": false}`, bad.status === 400 || bad.status === 401 ? 'the course answers a wrong password with 200 {"valid": false}, not an error status' : undefined),
    );
  }
  return findings;
}
