import type { Finding } from '../../src/model/finding.js';
import type { Profile } from '../../src/profile/profile.js';
import { apiFile, finding, need, type ProbeContext } from './context.js';
import { foreignKeys, ident, rowCounts, withDatabase, type Query } from './db.js';

const tableFor = (profile: Profile, fixture: string) => profile.tables.find((t) => t.fixture === fixture)?.table;

/** RC-RT003: each table holds the profile's row count once the api has seeded it. */
export async function seededRowCounts(ctx: ProbeContext): Promise<Finding[]> {
  const id = 'RC-RT003';
  const ready = need(ctx, id, ['database', 'api']);
  if (!ready.ok) return ready.findings;
  const { profile } = ctx.grading;
  const script = apiFile(ctx, profile.seed.script);
  const counts = await withDatabase(ctx, (q) => rowCounts(q, profile.tables.map((t) => t.table)));
  const findings: Finding[] = [];
  for (const t of profile.tables) {
    const n = counts[t.table];
    if (n === undefined) {
      findings.push(finding(id, script, `table ${t.table} does not exist in database "${ctx.runtime.database!.name}": the migrations did not run`, `run "python manage.py migrate" in ${profile.seed.script} before loading the fixtures`));
    } else if (n !== t.count) {
      findings.push(
        finding(id, script, `table ${t.table} holds ${n} row(s); expected ${t.count} from the ${t.fixture} fixture`, n === 0 ? `load it in ${profile.seed.script}: python manage.py loaddata ${t.fixture}` : undefined),
      );
    }
  }
  return findings;
}

/** RC-RT004: the seeded rows are the course's: type labels, rock names, weights, owners and types, tokens and their users. */
export async function seededContent(ctx: ProbeContext): Promise<Finding[]> {
  const id = 'RC-RT004';
  const ready = need(ctx, id, ['database', 'api']);
  if (!ready.ok) return ready.findings;
  const { profile } = ctx.grading;
  const file = apiFile(ctx, profile.seed.fixturesDir);
  return withDatabase(ctx, async (q) => {
    try {
      return await seededContentIn(q, ctx, file);
    } catch (e) {
      if (!/^42/.test(String((e as { code?: string }).code))) throw e;
      return [finding(id, file, `the seeded tables are not laid out as the course's models: ${(e as Error).message}`)];
    }
  });
}

async function seededContentIn(q: Query, ctx: ProbeContext, file: string): Promise<Finding[]> {
  const { profile } = ctx.grading;
  const id = 'RC-RT004';
  {
    const findings: Finding[] = [];
    const add = (message: string) => findings.push(finding(id, file, message));
    const users = tableFor(profile, 'users');
    const tokens = tableFor(profile, 'tokens');
    const types = tableFor(profile, 'types');
    const rocks = tableFor(profile, 'rocks');
    const counts = await rowCounts(q, [users, tokens, types, rocks].filter((t): t is string => !!t));
    const present = (t?: string): t is string => !!t && counts[t] !== undefined;

    if (present(types)) {
      const labels = new Set((await q(`SELECT label FROM ${ident(types)}`)).map((r) => String(r.label)));
      const missing = profile.content.types.filter((t) => !labels.has(t));
      if (missing.length > 0) add(`${types} lacks the type(s) ${missing.map((m) => `"${m}"`).join(', ')}; it holds ${[...labels].map((l) => `"${l}"`).join(', ') || 'nothing'}`);
    }
    const byName = new Map<string, Record<string, unknown>>();
    if (present(users)) {
      for (const r of await q(`SELECT id, username, first_name, last_name FROM ${ident(users)}`)) byName.set(String(r.username), r);
      for (const u of profile.content.users) {
        const row = byName.get(u.username);
        if (!row) add(`${users} has no user "${u.username}"`);
        else if (row.first_name !== u.firstName || row.last_name !== u.lastName) {
          add(`user "${u.username}" is named "${row.first_name} ${row.last_name}"; expected "${u.firstName} ${u.lastName}"`);
        }
      }
    }
    if (present(tokens) && present(users)) {
      const col = (await foreignKeys(q, tokens)).find((f) => f.references === users)?.column ?? 'user_id';
      const owners = new Map(
        (await q(`SELECT t.key, u.username FROM ${ident(tokens)} t LEFT JOIN ${ident(users)} u ON u.id = t.${ident(col)}`)).map((r) => [String(r.key), r.username]),
      );
      for (const u of profile.content.users) {
        if (!owners.has(u.token)) add(`${tokens} has no token ${u.token} (the fixture token of "${u.username}")`);
        else if (owners.get(u.token) !== u.username) add(`token ${u.token} belongs to "${String(owners.get(u.token))}"; expected "${u.username}"`);
      }
    }
    if (present(rocks)) findings.push(...(await rockContent(q, ctx, { rocks, users, types }, file)));
    return findings;
  }
}

async function rockContent(q: Query, ctx: ProbeContext, t: { rocks: string; users?: string; types?: string }, file: string): Promise<Finding[]> {
  const { profile } = ctx.grading;
  const fks = await foreignKeys(q, t.rocks);
  const userCol = fks.find((f) => f.references === t.users)?.column;
  const typeCol = fks.find((f) => f.references === t.types)?.column;
  const out: Finding[] = [];
  const add = (m: string) => out.push(finding('RC-RT004', file, m));
  if (!userCol) add(`${t.rocks} has no foreign key to ${t.users}: a rock must belong to a user`);
  if (!typeCol) add(`${t.rocks} has no foreign key to ${t.types}: a rock must have a type`);
  const joinUser = userCol ? `LEFT JOIN ${ident(t.users!)} u ON u.id = r.${ident(userCol)}` : '';
  const joinType = typeCol ? `LEFT JOIN ${ident(t.types!)} ty ON ty.id = r.${ident(typeCol)}` : '';
  const rows = await q(
    `SELECT r.name, r.weight::text AS weight, ${userCol ? 'u.username' : 'NULL'} AS owner, ${typeCol ? 'ty.label' : 'NULL'} AS type FROM ${ident(t.rocks)} r ${joinUser} ${joinType}`,
  );
  const byName = new Map(rows.map((r) => [String(r.name), r]));
  for (const rock of profile.content.rocks) {
    const row = byName.get(rock.name);
    const owner = profile.content.users.find((u) => u.id === rock.owner)?.username;
    if (!row) {
      add(`${t.rocks} has no rock "${rock.name}"`);
      continue;
    }
    if (Number(row.weight) !== Number(rock.weight)) add(`rock "${rock.name}" weighs ${String(row.weight)}; expected ${rock.weight}`);
    if (userCol && row.owner !== owner) add(`rock "${rock.name}" belongs to "${String(row.owner)}"; expected "${owner}"`);
    if (typeCol && row.type !== rock.type) add(`rock "${rock.name}" has type "${String(row.type)}"; expected "${rock.type}"`);
  }
  return out;
}
