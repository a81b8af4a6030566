import { describe, expect, it } from 'vitest';
import { renderFinding } from '../../model/finding.js';
import { fakeSubmission } from '../../model/fake-submission.js';
import type { Submission } from '../../model/submission.js';
import { defaultProfile } from '../../profile/load.js';
import { runFamily } from '../rule.js';
import { composeFamily } from './index.js';

const profile = defaultProfile();

function findings(sub: Submission): string[] {
  return [...runFamily(composeFamily, sub, profile).values()].flat().map(renderFinding);
}

/** The RC-CO001 lines; every other rule must fail with one line pointing at RC-CO001. */
function rootFindings(sub: Submission): string[] {
  const all = findings(sub);
  const others = all.filter((l) => !l.endsWith('[RC-CO001]'));
  expect(others).toHaveLength(composeFamily.rules.length - 1);
  for (const l of others) expect(l).toMatch(/^docker-compose\.yml: cannot be checked: the compose file .* \(see RC-CO001\) \[RC-CO0\d\d\]$/);
  return all.filter((l) => l.endsWith('[RC-CO001]'));
}

const course = [
  'services:',
  '  postgres-db:',
  '    image: postgres:15',
  '    environment: {POSTGRES_DB: rockofages, POSTGRES_USER: rockadmin, POSTGRES_PASSWORD: localpassword123}',
  '    volumes: [postgres_data:/var/lib/postgresql/data]',
  '    healthcheck: {test: ["CMD-SHELL", "pg_isready -U rockadmin -d rockofages"]}',
  '  api:',
  '    build: ./rock-of-ages-api',
  '    environment: {DB_HOST: postgres-db}',
  '    depends_on: {postgres-db: {condition: service_healthy}}',
  '  client:',
  '    build: ./rock-of-ages-client',
  'volumes: {postgres_data: {}}',
  '',
].join('\n');

const parent = (compose: string | undefined, files: Record<string, string> = {}) =>
  fakeSubmission({
    files: { 'rock-of-ages-api/manage.py': '', 'rock-of-ages-client/package.json': '{}', ...(compose === undefined ? {} : { 'docker-compose.yml': compose }), ...files },
    compose: 'docker-compose.yml',
    layout: 'parent',
    components: { api: 'rock-of-ages-api', client: 'rock-of-ages-client' },
  });

describe('composeFamily', () => {
  it('lists its rules in ID order', () => {
    const ids = composeFamily.rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(profile.criteria.filter((c) => c.area === 'compose').map((c) => c.id));
  });

  it('does not apply without a compose file to an api repository alone or to separate repositories', () => {
    const alone = fakeSubmission({ files: { 'manage.py': '' } });
    const inFolder = fakeSubmission({ files: { 'rock-of-ages-api/manage.py': '' }, layout: 'parent', components: { api: 'rock-of-ages-api' } });
    const separate = fakeSubmission({ files: { 'api/manage.py': '', 'client/package.json': '{}' }, layout: 'separate', components: { api: 'api', client: 'client' } });
    for (const sub of [alone, inFolder, separate]) {
      expect(composeFamily.notApplicable?.(sub, profile)).toBe('no compose file: graded as separate containers');
      expect(composeFamily.inputs(sub, profile)).toEqual([]);
    }
    expect(composeFamily.notApplicable?.(parent(course), profile)).toBeUndefined();
  });

  it('fails the course folder without its compose file: RC-CO001 says what to add, the others cascade from it', () => {
    const sub = parent(undefined, { 'rock-of-ages-api/docker-compose.dev.yml': 'services: {api: {build: .}}\n' });
    delete sub.compose;
    expect(composeFamily.notApplicable?.(sub, profile)).toBeUndefined();
    const results = runFamily(composeFamily, sub, profile);
    const [co001] = results.get('RC-CO001') ?? [];
    expect(co001).toMatchObject({
      file: 'docker-compose.yml',
      message:
        'there is no docker-compose.yml in the course folder: Part 3 of the workshop runs the database, the api and the client together from one docker-compose.yml beside rock-of-ages-api/ and rock-of-ages-client/; add it there',
      hint: expect.stringMatching(/^give it the services postgres-db \(image postgres:16 with a pg_isready healthcheck\), api \(build: \.\/rock-of-ages-api\) and client \(build: \.\/rock-of-ages-client\); rock-of-ages-api\/docker-compose\.dev\.yml lies inside a repository, not in the course folder$/),
    });
    expect(co001.line).toBeUndefined();
    const others = composeFamily.rules.filter((r) => r.id !== 'RC-CO001').map((r) => results.get(r.id)?.map(renderFinding));
    expect(others).toEqual(
      composeFamily.rules
        .filter((r) => r.id !== 'RC-CO001')
        .map((r) => [`docker-compose.yml: cannot be checked: there is no docker-compose.yml in the course folder (see RC-CO001) [${r.id}]`]),
    );
  });

  it('passes the course file, also with CRLF line endings, and positions CRLF findings right', () => {
    expect(findings(parent(course))).toEqual([]);
    expect(findings(parent(course.replace(/\n/g, '\r\n')))).toEqual([]);
    const wrong = course.replace('DB_HOST: postgres-db', 'DB_HOST: localhost').replace(/\n/g, '\r\n');
    expect(findings(parent(wrong))).toEqual([
      'docker-compose.yml:9:28: DB_HOST of service "api" is "localhost", which is not a name of the database service; set DB_HOST=postgres-db [RC-CO004]',
    ]);
  });

  it('reports a missing or unreadable compose file without a position', () => {
    expect(rootFindings(parent(undefined))).toEqual(['docker-compose.yml: compose file docker-compose.yml is missing [RC-CO001]']);
    const sub = parent(course);
    sub.files['docker-compose.yml'] = { path: 'docker-compose.yml', size: 4, binary: true };
    expect(rootFindings(sub)).toEqual(['docker-compose.yml: compose file docker-compose.yml is not a text file [RC-CO001]']);
    expect(findings(sub)).toContain('docker-compose.yml: cannot be checked: the compose file is not a text file (see RC-CO001) [RC-CO002]');
  });

  it('leaves what is wrong with a file with YAML errors to RC-CO001; the others cannot be checked', () => {
    const out = rootFindings(parent('services:\n  api:\n    build: [./api\n  client: {}\n'));
    expect(out.length).toBeGreaterThan(0);
    expect(findings(parent('services: [\n'))).toContain('docker-compose.yml: cannot be checked: the compose file is not valid YAML (see RC-CO001) [RC-CO008]');
  });

  it('turns odd YAML into one clear RC-CO001 finding', () => {
    const only = (yaml: string) => rootFindings(parent(yaml));
    expect(only('x: &a {y: *a}\n')).toEqual([
      'docker-compose.yml:1:1: the compose file cannot be read as data: an alias refers to the node that contains it; check its anchors (&name) and aliases (*name) [RC-CO001]',
    ]);
    expect(only('services: *nowhere\n')[0]).toContain('Unresolved alias');
    expect(only('!!binary AAAA\n')).toEqual([
      'docker-compose.yml:1:10: the compose file holds a single value; it must be a mapping of top-level keys (services:, volumes:, ...) [RC-CO001]',
    ]);
    expect(only('[[[[\n')).toHaveLength(1);
  });

  it('gives hints with the profile values', () => {
    const noHealth = course.replace(/ {4}healthcheck: .*\n/, '');
    const [f] = runFamily(composeFamily, parent(noHealth), profile).get('RC-CO002') ?? [];
    expect(f.hint).toContain('pg_isready -U rockadmin -d rockofages');
    expect(f.line).toBe(2);
  });

  it('never prints database passwords', () => {
    const bad = course.replace('POSTGRES_USER: rockadmin, ', '').replace('DB_HOST: postgres-db', 'DB_HOST: localhost');
    const all = [...runFamily(composeFamily, parent(bad), profile).values()].flat();
    expect(all.length).toBeGreaterThan(0);
    for (const f of all) expect(`${f.message} ${f.hint ?? ''}`).not.toContain(profile.database.password);
  });
});
