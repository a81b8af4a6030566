import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { materialize } from '../../../test/support/materialize.js';
import { labelledObjects } from '../../../test/support/warm-images.js';
import { runCommand } from '../../cli/run-command.js';
import { memoryIo } from '../../cli/test-io.js';
import type { Report } from '../../report/report.js';
import { loadProfile } from '../load.js';
import type { RoleProfile } from '../profile.js';
import { limit } from '../../../test/support/slots.js';

/**
 * `profile init` on every built-in assignment's reference solution (the good
 * fixture of each, with its compose file): the draft loads, `profile check`
 * accepts it, the reference passes it in full (its stack booted), and a copy
 * with one defect the reference's own facts reveal scores lower.
 */
const references = ['good', 'friendlyhello-redis/good-compose', 'nginx-flask-postgres/good', 'react-flask-postgres/good', 'fastapi-neo4j-todo/good'];
const scratch = await mkdtemp(join(tmpdir(), 'rc-profile-every-'));
const draftFile = (fixture: string) => join(scratch, `${fixture.replace(/\//g, '_')}.yaml`);

async function cli(argv: string[]) {
  const io = memoryIo({ cwd: scratch });
  return { code: await runCommand(argv, io), out: io.out, err: io.err };
}

async function staticGrade(dir: string, profile: string): Promise<Report> {
  const r = await cli([dir, '--profile', profile, '--static', '--json', '--no-out']);
  return JSON.parse(r.out) as Report;
}

type Defect = 'a private port published' | 'its data volume removed' | 'a healthcheck that cannot run';
const defectKinds: Defect[] = ['a private port published', 'its data volume removed', 'a healthcheck that cannot run'];

/**
 * Copies of the reference's compose file, each with one defect its draft
 * grades: a role the reference keeps private publishing its port, a role's
 * data volume removed, a built role's healthcheck calling curl (which the
 * slim images of these references lack).
 */
function defectsOf(compose: string, draft: RoleProfile): { kind: Defect; text: string; check: string }[] {
  const serviceOf = (role: string) => draft.stack.roles[role].match.names![0];
  const paramsOf = <T>(check: string) => draft.criteria.filter((c) => c.check === check).map((c) => c.params as T);
  const edit = (change: (doc: ReturnType<typeof parseDocument>) => void) => {
    const doc = parseDocument(compose);
    change(doc);
    return doc.toString();
  };
  const out: { kind: Defect; text: string; check: string }[] = [];
  const role = paramsOf<{ private?: string[] }>('compose/published-ports')[0]?.private?.[0];
  if (role !== undefined) {
    const text = edit((doc) => doc.setIn(['services', serviceOf(role), 'ports'], doc.createNode([`${draft.stack.roles[role].port ?? 80}`])));
    out.push({ kind: 'a private port published', text, check: 'compose/published-ports' });
  }
  const mount = paramsOf<{ role: string }>('compose/data-mount')[0];
  if (mount !== undefined) out.push({ kind: 'its data volume removed', text: edit((doc) => doc.deleteIn(['services', serviceOf(mount.role), 'volumes'])), check: 'compose/data-mount' });
  const built = paramsOf<{ role: string }>('image/healthcheck-runs').find((p) => draft.stack.roles[p.role].match.image === undefined);
  if (built !== undefined) {
    const test = ['CMD', 'curl', '-f', `http://localhost:${draft.stack.roles[built.role].port ?? 80}/`];
    out.push({ kind: 'a healthcheck that cannot run', text: edit((doc) => doc.setIn(['services', serviceOf(built.role), 'healthcheck'], doc.createNode({ test }))), check: 'image/healthcheck-runs' });
  }
  return out;
}

/** Every Docker object rock-check labels, as `kind name`. */
async function labelled(): Promise<string[]> {
  return Object.entries(await labelledObjects()).flatMap(([kind, names]) => names.map((n) => `${kind} ${n}`));
}

beforeAll(async () => {
  for (const fixture of references) {
    await using ref = await materialize(fixture);
    const init = await cli(['profile', 'init', ref.dir, '--out', draftFile(fixture)]);
    expect(init.code, init.err).toBe(0);
  }
}, 120_000);
afterAll(() => rm(scratch, { recursive: true, force: true }));

const graded = new Set<Defect>();

describe.each(references)('profile init on the reference %s', (fixture) => {
  it('drafts a profile that profile check accepts, that the reference passes statically, and that scores each defect copy lower', async () => {
    const file = draftFile(fixture);
    const draft = loadProfile(file) as RoleProfile;
    expect(draft.kind).toBe('roles');
    expect(draft.criteria.length).toBeGreaterThan(8);
    await using ref = await materialize(fixture);

    const checked = await cli(['profile', 'check', file, ref.dir, '--static']);
    expect(checked.out).toMatch(/fair: the reference passes every required criterion\n$/);
    expect(checked.code).toBe(0);
    const good = await staticGrade(ref.dir, file);
    expect(good.status).toBe('pass');

    const defects = defectsOf(await readFile(join(ref.dir, 'docker-compose.yml'), 'utf8'), draft);
    expect(defects.length, 'the draft grades a published port, a data volume or a healthcheck').toBeGreaterThan(0);
    for (const defect of defects) {
      await using copy = await materialize(fixture);
      await writeFile(join(copy.dir, 'docker-compose.yml'), defect.text);
      const bad = await staticGrade(copy.dir, file);
      expect(bad.score.earned, defect.kind).toBeLessThan(good.score.earned);
      const failing = bad.criteria.filter((c) => c.status === 'fail').map((c) => c.id);
      expect(failing, defect.kind).toContain(draft.criteria.find((c) => c.check === defect.check)!.id);
      graded.add(defect.kind);
    }
  }, 180_000);
});

it('the references between them show every kind of defect a draft reveals', () => {
  expect([...graded].sort()).toEqual([...defectKinds].sort());
});

describe('under its draft, each reference passes in full, its stack booted', { timeout: 900_000 }, () => {
  let before: string[] = [];
  beforeAll(async () => {
    before = await labelled();
  });
  afterAll(async () => {
    const known = new Set(before);
    expect((await labelled()).filter((o) => !known.has(o)), 'Docker objects the gradings left behind').toEqual([]);
  }, 60_000);

  const slots = limit(3);
  describe.concurrent.each(references)('%s', (fixture) => {
    it('profile check grades it in full: every criterion passes, the runtime ones included', async () => {
      const file = draftFile(fixture);
      const draft = loadProfile(file) as RoleProfile;
      const runtime = draft.criteria.filter((c) => c.area === 'runtime');
      expect(runtime.length, 'the draft has runtime criteria').toBeGreaterThanOrEqual(3);
      await using ref = await materialize(fixture);
      const checked = await slots(() => cli(['profile', 'check', file, ref.dir]));
      expect(checked.out).toContain(' graded in full: ');
      const points = draft.criteria.reduce((n, c) => n + c.points, 0);
      expect(checked.out, checked.out).toContain(`: ${points}/${points} points\n`);
      expect(checked.out).not.toMatch(/^(✗|! advice|- |error: )/m);
      expect(checked.out).toMatch(/fair: the reference passes every required criterion\n$/);
      expect(checked.code).toBe(0);
    });
  });
});

