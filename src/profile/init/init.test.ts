import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materialize, type Materialized } from '../../../test/support/materialize.js';
import { runCommand } from '../../cli/run-command.js';
import { memoryIo } from '../../cli/test-io.js';
import type { Report } from '../../report/report.js';
import { loadProfile } from '../load.js';
import type { Criterion, RoleProfile } from '../profile.js';

const FIXTURE = 'friendlyhello-redis/good-compose';
const scratch = await mkdtemp(join(tmpdir(), 'rc-profile-init-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function cli(argv: string[]) {
  const io = memoryIo({ cwd: scratch });
  const code = await runCommand(argv, io);
  return { code, out: io.out, err: io.err };
}

/** The static grade of a submission under a profile file, as the CLI's JSON report gives it. */
async function staticGrade(dir: string, profile: string): Promise<Report> {
  const r = await cli([dir, '--profile', profile, '--static', '--json', '--no-out']);
  expect(r.err).toBe('');
  return JSON.parse(r.out) as Report;
}

const byCheck = (p: RoleProfile, check: string): Criterion[] => p.criteria.filter((c) => c.check === check);

describe('profile init on the friendlyhello compose reference', () => {
  let ref: Materialized;
  let draftFile: string;
  let draft: RoleProfile;

  beforeAll(async () => {
    ref = await materialize(FIXTURE);
    draftFile = join(scratch, 'course.yaml');
    const r = await cli(['profile', 'init', ref.dir, '--out', draftFile]);
    expect(r).toMatchObject({ code: 0, out: '' });
    expect(r.err).toMatch(/^draft written to .*course\.yaml; edit it, then: rock-check profile check/);
    draft = loadProfile(draftFile) as RoleProfile;
  });
  afterAll(() => ref[Symbol.asyncDispose]());

  it('writes the schema line first, pointing at the packaged schema from the draft\'s folder', async () => {
    const first = (await readFile(draftFile, 'utf8')).split('\n')[0];
    const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(m).not.toBeNull();
    expect(resolve(dirname(draftFile), m![1])).toBe(resolve('schemas/profile.schema.json'));
    expect(existsSync(resolve(dirname(draftFile), m![1]))).toBe(true);
  });

  it('drafts a role per service: redis by its image, web by the marker files of its build folder', () => {
    expect(draft.kind).toBe('roles');
    expect(draft.stack).toEqual({
      layouts: ['compose'],
      roles: {
        redis: { match: { image: 'redis', names: ['redis'] }, port: 6379, ready: { exec: ['redis-cli', 'ping'] } },
        web: { match: { markers: ['app.py', 'requirements.txt'], names: ['web'] }, port: 80, ready: { http: { path: '/' } } },
      },
    });
  });

  it('fills the generic checks\' params from the reference', () => {
    const prefix = draft.id.split('-').slice(0, 2).map((p) => p[0].toUpperCase()).join('');
    expect(draft.criteria.every((c) => new RegExp(`^${prefix}-(DF|CF|CO|RT)\\d{3}$`).test(c.id))).toBe(true);
    expect(byCheck(draft, 'compose/published-ports')[0].params).toEqual({ published: { web: [80] }, private: ['redis'] });
    expect(byCheck(draft, 'compose/shared-network')[0].params).toEqual({ roles: ['redis', 'web'] });
    expect(byCheck(draft, 'compose/command-args')[0].params).toEqual({ role: 'redis', args: ['--appendonly', 'yes'] });
    expect(byCheck(draft, 'compose/data-mount')[0].params).toEqual({ role: 'redis', path: '/data', types: ['volume', 'bind'] });
    expect(byCheck(draft, 'image/exposes')[0].params).toEqual({ role: 'web', ports: [80] });
    expect(byCheck(draft, 'image/command-runs')[0].params).toEqual({ role: 'web', file: 'app.py' });
    expect(byCheck(draft, 'python/requirements')[0].params).toEqual({ role: 'web', packages: ['Flask', 'Redis'] });
    expect(draft.criteria.map((c) => [c.level, c.points])).toEqual(draft.criteria.map((c) => (c.level === 'required' ? ['required', 2] : ['advice', 1])));
  });

  it('derives the runtime checks that need no guess: the page answers, web reaches redis, isolation, Redis data survives a recreate last', () => {
    const scenario = draft.scenario as { phases: string[]; criteria: Record<string, { phase: string; steps: Record<string, unknown>[] }> };
    expect(scenario.phases).toEqual(['app', 'network', 'persistence']);
    const steps = Object.values(scenario.criteria).map((c) => [c.phase, c.steps.map((s) => Object.keys(s).find((k) => !['expect', 'retry', 'hint', 'capture'].includes(k)))]);
    expect(steps).toEqual([
      ['app', ['http']],
      ['network', ['connect']],
      ['network', ['isolation']],
      ['persistence', ['redis', 'recreate', 'redis']],
    ]);
    expect(Object.values(scenario.criteria)[1].steps[0]).toEqual({ connect: { from: 'web', to: 'redis', port: 6379 } });
    expect(Object.values(scenario.criteria)[3].steps[2]).toMatchObject({ redis: { role: 'redis', command: ['GET', 'rock-check:persistence'] }, expect: { json: [{ path: '$', eq: '{{$run}}' }] } });
    expect(byCheck(draft, 'runtime/images-build')).toHaveLength(1);
    expect(byCheck(draft, 'runtime/stack-ready')).toHaveLength(1);
  });

  it('says in comments where the routes, rows and payloads are the instructor\'s to add', async () => {
    const text = await readFile(draftFile, 'utf8');
    expect(text).toMatch(/^ {2}# Add what web must answer: .*a criterion for each route the assignment asks for/m);
    expect(text).toMatch(/^# What the running stack is asked\. Routes, rows and payloads are yours to add/m);
  });

  it('passes profile check with the reference, graded statically', async () => {
    const r = await cli(['profile', 'check', draftFile, ref.dir, '--static']);
    expect(r.out).toMatch(/graded statically \(runtime criteria skipped\): (\d+)\/\1 points\nfair: the reference passes every required criterion\n$/);
    expect(r.code).toBe(0);
  }, 60_000);

  const defects: [string, string, string, string][] = [
    ['redis publishes its port', 'compose/published-ports', '  redis:\n    image: redis:7\n', '  redis:\n    image: redis:7\n    ports:\n      - "6379:6379"\n'],
    ['redis keeps no data volume', 'compose/data-mount', '    volumes:\n      - redis-data:/data\n', ''],
  ];
  it.each(defects)('scores a copy of the reference lower when %s, failing %s', async (_, check, before, after) => {
    await using copy = await materialize(FIXTURE);
    const compose = join(copy.dir, 'docker-compose.yml');
    const text = await readFile(compose, 'utf8');
    expect(text).toContain(before);
    await writeFile(compose, text.replace(before, after));
    const [good, bad] = [await staticGrade(ref.dir, draftFile), await staticGrade(copy.dir, draftFile)];
    expect(good.status).toBe('pass');
    expect(bad.status).toBe('fail');
    expect(bad.score.earned).toBeLessThan(good.score.earned);
    const failing = bad.criteria.filter((c) => c.status === 'fail').map((c) => c.id);
    expect(failing).toEqual(byCheck(draft, check).map((c) => c.id));
    const checked = await cli(['profile', 'check', draftFile, copy.dir, '--static']);
    expect(checked.code).toBe(1);
    expect(checked.out).toContain(`✗ ${failing[0]} `);
    expect(checked.out).toMatch(/not fair: the reference fails 1 required criterion/);
  }, 90_000);
});

describe('profile init refuses', () => {
  it('a reference without a compose file: exit 2, saying init learns the roles from it', async () => {
    await using run = await materialize('friendlyhello-redis/good-run');
    const r = await cli(['profile', 'init', run.dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^rock-check: profile init needs the reference solution's compose file to learn its roles/);
    expect(r.out).toBe('');
  });

  it('to write over an existing file: exit 2', async () => {
    await using ref = await materialize(FIXTURE);
    const file = join(scratch, 'taken.yaml');
    await writeFile(file, 'mine\n');
    const r = await cli(['profile', 'init', ref.dir, '--out', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/taken\.yaml already exists: profile init does not write over a profile/);
    expect(await readFile(file, 'utf8')).toBe('mine\n');
  });
});
