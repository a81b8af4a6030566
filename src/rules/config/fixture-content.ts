import type { Finding, Position } from '../../model/finding.js';
import type { JsonNode } from '../../parsers/json-source.js';
import type { Profile } from '../../profile/profile.js';
import type { ConfigInput } from './input.js';

type Fixture = ConfigInput['fixtures'][number];
type At = (path: string, pos: Position | undefined, message: string) => Finding;

interface Row {
  pk: unknown;
  fields: Map<string, JsonNode>;
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
        pos: item.pos,
      },
    ];
  });
}

const text = (n: JsonNode | undefined) => (n && (n.kind === 'string' || n.kind === 'number') ? String(n.value) : undefined);

/**
 * The seed rows' content, beyond their counts: the type labels, and each
 * rock's owner and type, as the profile names them. Fixtures that do not parse
 * are reported by the count check and skipped here.
 */
export function fixtureContent(fixtures: Fixture[], content: Profile['content'], at: At): Finding[] {
  const byName = (name: string) => fixtures.find((f) => f.table.fixture === name);
  const types = byName('types');
  const rocks = byName('rocks');
  const typeRows = rowsOf(types);
  const out: Finding[] = [];
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
  }
  return out;
}
