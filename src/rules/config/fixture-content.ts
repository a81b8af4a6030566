import type { Finding, Position } from '../../model/finding.js';
import type { JsonNode } from '../../parsers/json-source.js';
import type { Profile } from '../../profile/profile.js';
import type { ConfigInput } from './input.js';

type Fixture = ConfigInput['fixtures'][number];
type At = (path: string, pos: Position | undefined, message: string) => Finding;

interface Row {
  pk: unknown;
  fields: Map<string, JsonNode>;
  /** Where the entry's "fields" object starts, when it has one. */
  fieldsPos?: Position;
  pos: Position;
}

function rowsOf(fx: Fixture | undefined): Row[] | undefined {
  const root = fx?.parsed?.root;
  if (root?.kind !== 'array') return undefined;
  return root.items.flatMap((item): Row[] => {
    if (item.kind !== 'object') return [];
    const get = (k: string) => item.entries.find((e) => e.key === k)?.value;
    const fields = get('fields');
    const pk = get('pk');
    return [
      {
        pk: pk && 'value' in pk ? pk.value : undefined,
        fields: new Map(fields?.kind === 'object' ? fields.entries.map((e) => [e.key, e.value]) : []),
        ...(fields?.kind === 'object' ? { fieldsPos: fields.pos } : {}),
        pos: item.pos,
      },
    ];
  });
}

const text = (n: JsonNode | undefined) => (n && (n.kind === 'string' || n.kind === 'number') ? String(n.value) : undefined);
/** A field Django's loaddata leaves empty: absent, or null. */
const unset = (n: JsonNode | undefined) => n === undefined || n.kind === 'null';

/**
 * The seed rows' content, beyond their counts: the type labels, each rock's
 * owner, type and weight, and each token's user, as the profile names them.
 * A rock without a weight or a token without its user is a row Django cannot
 * load (the columns have no default), and loaddata then loads none of the
 * file. Fixtures that do not parse, and entries without "fields", are
 * reported by the count check.
 */
export function fixtureContent(fixtures: Fixture[], content: Profile['content'], at: At): Finding[] {
  const byName = (name: string) => fixtures.find((f) => f.table.fixture === name);
  const types = byName('types');
  const rocks = byName('rocks');
  const typeRows = rowsOf(types);
  const out: Finding[] = [...tokenUsers(byName('tokens'), content, at)];
  if (types && typeRows) {
    const labels = new Set(typeRows.map((r) => text(r.fields.get('label'))));
    const missing = content.types.filter((l) => !labels.has(l));
    if (missing.length > 0) out.push(at(types.path, types.parsed?.root?.pos, `types fixture lacks the type label${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`));
  }
  const rockRows = rowsOf(rocks);
  if (!rocks || !rockRows) return out;
  const labelOf = new Map(typeRows?.map((r) => [String(r.pk), text(r.fields.get('label'))]));
  const typesReadable = [...labelOf.values()].some((l) => l !== undefined);
  for (const want of content.rocks) {
    const row = rockRows.find((r) => text(r.fields.get('name')) === want.name);
    if (!row) {
      out.push(at(rocks.path, rocks.parsed?.root?.pos, `rocks fixture has no rock named ${want.name}`));
      continue;
    }
    const owner = text(row.fields.get('user'));
    if (owner !== String(want.owner)) {
      const who = content.users.find((u) => u.id === want.owner);
      out.push(at(rocks.path, row.fields.get('user')?.pos ?? row.pos, `rock ${want.name} belongs to user ${owner ?? '(none)'}; the course gives it to user ${want.owner}${who ? ` (${who.username})` : ''}`));
    }
    const type = labelOf.get(String(text(row.fields.get('type'))));
    if (typesReadable && type !== want.type) {
      out.push(at(rocks.path, row.fields.get('type')?.pos ?? row.pos, `rock ${want.name} has type ${type ?? text(row.fields.get('type')) ?? '(none)'}; the course makes it ${want.type}`));
    }
    if (unset(row.fields.get('weight'))) {
      out.push(at(rocks.path, row.fields.get('weight')?.pos ?? row.fieldsPos ?? row.pos, `rock ${want.name} has no weight: the column cannot be empty, so loaddata fails and seeds no rock; add "weight": "${want.weight}"`));
    }
  }
  return out;
}

/** Each token row names the user it belongs to: the profile's content gives every user a token. */
function tokenUsers(tokens: Fixture | undefined, content: Profile['content'], at: At): Finding[] {
  if (!tokens) return [];
  return (rowsOf(tokens) ?? []).flatMap((row) => {
    if (row.fieldsPos === undefined || !unset(row.fields.get('user'))) return [];
    const owner = content.users.find((u) => u.token === row.pk);
    const add = owner ? `add "user": ${owner.id} (the course gives this token to ${owner.username})` : 'add "user": <the id of its user>';
    return [at(tokens.path, row.fields.get('user')?.pos ?? row.fieldsPos, `this token has no user: the column cannot be empty, so loaddata fails and seeds no token; ${add}`)];
  });
}
