import type { Finding } from '../../model/finding.js';
import type { JsonNode } from '../../parsers/json-source.js';
import { defineRule } from '../rule.js';
import type { ConfigInput } from './input.js';
import { fixtureContent } from './fixture-content.js';
import { findingOf, shortName } from './report-finding.js';

/** Django model labels are case-insensitive in fixtures (`auth.User` = `auth.user`). */
function modelOf(item: JsonNode): string | undefined {
  if (item.kind !== 'object') return undefined;
  const model = item.entries.find((e) => e.key === 'model')?.value;
  return model?.kind === 'string' ? model.value.toLowerCase() : undefined;
}

/** Django's loaddata reads every entry's "fields" object (an empty one is fine) and fails on an entry without one. */
function hasFields(item: JsonNode): boolean {
  return item.kind === 'object' && item.entries.find((e) => e.key === 'fields')?.value.kind === 'object';
}

/** How to give an entry its "fields": the values written beside "model" and "pk" go inside it. */
function fieldsFix(item: JsonNode): string {
  const loose = item.kind === 'object' ? item.entries.map((e) => e.key).filter((k) => !['model', 'pk', 'fields'].includes(k)) : [];
  if (loose.length === 0) return 'put the row\'s values under "fields": {...}';
  const named = loose.slice(0, 3).map((k) => JSON.stringify(k.slice(0, 40))).join(', ');
  return `move ${named}${loose.length > 3 ? ', ...' : ''} into "fields": {...}`;
}

export const fixtureCounts = defineRule<ConfigInput>({
  id: 'RC-CF009',
  name: 'rock-of-ages/fixture-rows',
  title: 'Fixtures hold the expected seed rows',
  severity: 'error',
  docs:
    'The fixtures that seed_database.sh loads (rockapi/fixtures/users.json, tokens.json, types.json, rocks.json) must be ' +
    'valid JSON lists of {"model", "pk", "fields"} objects holding the course\'s rows: 2 users, 2 tokens, 5 types, 3 rocks, ' +
    'with the course\'s type labels, each rock\'s owner, type and weight, and each token\'s user. Django cannot load an entry ' +
    'without "fields", a rock without its weight, owner or type, or a token without its user: seeding stops there. ' +
    'The grader and the client rely on those rows.',
  check({ fixtures, apiDir, profile }): Finding[] {
    const counts = fixtures.flatMap((fx): Finding[] => {
      const name = shortName(fx.path, apiDir);
      const { model, count } = fx.table;
      const at = (pos: Parameters<typeof findingOf>[2], message: string) => findingOf(fixtureCounts, fx.path, pos, message);
      const rows = (n: number) => `${n} ${model} row${n === 1 ? '' : 's'}`;
      if (!fx.file) return [at(undefined, `fixture ${name} is missing: it should hold ${rows(count)}`)];
      if (!fx.parsed) return [at(undefined, `fixture ${name} ${fx.unreadable ?? 'is not a text file'}`)];
      const { root, error } = fx.parsed;
      if (error) return [at(error.position, `fixture ${name} is not valid JSON: ${error.message}`)];
      if (!root) return [];
      if (root.kind !== 'array') {
        return [at(root.pos, `fixture ${name} should be a JSON list of {"model", "pk", "fields"} objects`)];
      }
      const out: Finding[] = [];
      const unlabelled = root.items.find((item) => modelOf(item) === undefined);
      if (unlabelled) out.push(at(unlabelled.pos, 'this fixture entry has no "model"; Django cannot load it'));
      for (const item of root.items.filter((i) => modelOf(i) !== undefined && !hasFields(i))) {
        out.push(at(item.pos, `this fixture entry has no "fields" object: loaddata cannot read it and fails, so none of the rows of ${name} are seeded; ${fieldsFix(item)}`));
      }
      const found = root.items.filter((item) => modelOf(item) === model.toLowerCase()).length;
      if (found !== count) {
        const others = [...new Set(root.items.map(modelOf).filter((m): m is string => m !== undefined && m !== model.toLowerCase()))];
        const also = found === 0 && others.length > 0 ? ` (it holds ${others.join(', ')})` : '';
        out.push(at(root.pos, `fixture ${name} holds ${rows(found)}${also}; expected ${count}`));
      }
      return out;
    });
    const content = fixtureContent(fixtures, profile.content, (path, pos, message) => findingOf(fixtureCounts, path, pos, message));
    return [...counts, ...content];
  },
});
