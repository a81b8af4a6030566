import { isMap, isPair, isScalar, isSeq, visit, type YAMLError } from 'yaml';
import { positionAt, type YamlSource } from '../../parsers/yaml-source.js';
import type { Finding } from '../../model/finding.js';
import { isCourseProfile, type AnyProfile, type Profile } from '../../profile/profile.js';
import { defineRule } from '../rule.js';
import { locate, reporter, type ComposeInput } from './input.js';
import { undefinedReferences } from './references.js';
import { composeSchemaProblems } from './schema-errors.js';
import { inconsistentServices } from './service-consistency.js';

const finding = reporter('RC-CO001', 'error');

export const validSchema = defineRule<ComposeInput>({
  id: 'RC-CO001',
  name: 'compose/valid',
  title: 'Compose file valid against the Compose Specification',
  severity: 'error',
  docs:
    'Docker Compose refuses a file that is not valid YAML or does not follow the Compose Specification ' +
    '(unknown keys, wrong types, misplaced settings, services, networks or volumes used but never defined, a service with ' +
    'neither an image nor a build, a healthcheck test list that does not start with CMD, CMD-SHELL or NONE). ' +
    'Every problem is listed at once with its line, so that one run shows everything to fix. The course folder (the api ' +
    'and client folders side by side) must have one: Part 3 adds docker-compose.yml there.',
  check: (input) => composeFileProblems(input),
});

/** What Docker Compose would refuse in the compose file, each problem at its line; the course folder's missing file. */
export function composeFileProblems(input: ComposeInput<AnyProfile>): Finding[] {
  if (input.missing && isCourseProfile(input.profile)) return [missingFinding({ ...input, profile: input.profile }, input.missing)];
  if (input.unreadable) return [finding({ file: input.file }, `compose file ${input.shown(input.file)} ${input.unreadable}`)];
  const src = input.src as YamlSource;
  if (src.doc.errors.length > 0) {
    const seen = new Set<string>();
    return src.doc.errors.flatMap((e) => {
      const p = positionAt(src, e.pos[0]);
      const { message, hint } = yamlErrorText(src, e);
      // The parser may give several errors for one spot (one per unclosed bracket); the first says it.
      const spot = `${p.line}:${p.column}`;
      if (seen.has(spot)) return [];
      seen.add(spot);
      return [finding({ file: input.file, line: p.line, column: p.column }, message, hint)];
    });
  }
  const contents = src.doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    const what = isCourseProfile(input.profile) ? 'the database, the api and the client' : 'the services of the stack';
    return [finding({ file: input.file }, `the compose file is empty; define ${what} under services:`)];
  }
  if (!isMap(contents)) {
    const kind = isSeq(contents) ? 'a list' : 'a single value';
    return [
      finding(
        locate(input, []),
        `the compose file holds ${kind}; it must be a mapping of top-level keys (services:, volumes:, ...)`,
      ),
    ];
  }
  if (!input.usable) {
    const why = input.dataError ?? 'unknown reason';
    return [finding(locate(input, []), `the compose file cannot be read as data: ${why}; check its anchors (&name) and aliases (*name)`)];
  }
  return [...composeSchemaProblems(input.data), ...undefinedReferences(input.data), ...inconsistentServices(input.data)].map((p) =>
    finding(locate(input, p.path, p.at === 'key'), p.message, p.hint),
  );
}

/** The course folder without the compose file of Part 3. */
function missingFinding(input: Pick<ComposeInput<Profile>, 'file' | 'shown' | 'profile'>, { beside, elsewhere }: NonNullable<ComposeInput['missing']>): Finding {
  const { database, components } = input.profile;
  const [api, client] = beside;
  const message =
    `there is no ${input.file} in the course folder: Part 3 of the workshop runs the database, the api and the client ` +
    `together from one ${input.file} beside ${beside.map((d) => `${d}/`).join(' and ')}; add it there`;
  const services =
    `services ${database.serviceNames[0]} (image ${database.image}:${database.imageTag} with a pg_isready healthcheck), ` +
    `${components.api.serviceNames[0]} (build: ./${api}) and ${components.client.serviceNames[0]} (build: ./${client})`;
  const inside = elsewhere.length > 0 ? `; ${elsewhere.map(input.shown).join(', ')} lies inside a repository, not in the course folder` : '';
  return finding({ file: input.file }, message, `give it the ${services}${inside}`);
}

function yamlErrorText(src: YamlSource, e: YAMLError): { message: string; hint?: string } {
  const first = e.message.split('\n')[0];
  switch (e.code) {
    case 'DUPLICATE_KEY': {
      const key = keyStartingAt(src, e.pos[0]);
      return {
        message: `duplicate key${key === undefined ? '' : ` "${key}"`}: a key may appear only once in the same mapping; keep one`,
        hint: 'Docker Compose refuses a file with duplicate keys',
      };
    }
    case 'TAB_AS_INDENT':
      return { message: 'a tab is used for indentation; YAML allows only spaces: replace it by spaces' };
    case 'MULTIPLE_DOCS':
      return { message: 'the file holds more than one YAML document; remove the "---" separator line' };
    default:
      return { message: `YAML syntax error: ${first}`, hint: 'check the indentation, the colons and the quotes on this line and the line before it' };
  }
}

function keyStartingAt(src: YamlSource, offset: number): string | undefined {
  let found: string | undefined;
  visit(src.doc, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.range?.[0] === offset) {
        found = String(pair.key.value);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}
