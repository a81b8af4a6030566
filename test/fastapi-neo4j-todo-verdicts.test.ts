import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { parse } from 'yaml';
import { packageRoot } from '../src/paths.js';
import type { Report } from '../src/report/report.js';
import { fixturesRoot, listFixtures, materialize, type Fixture } from './support/materialize.js';
import { gradeThroughCli, type Verdict } from './verdicts.js';
import { limit } from './support/slots.js';

/**
 * The todo app (FastAPI + PostgreSQL + Neo4j + Next.js) graded through the
 * CLI with `--profile fastapi-neo4j-todo`: every fixture statically, the
 * full-mode ones (the correct submissions, the HEALTHCHECK that cannot run,
 * the build hidden by the development mount) with the stack booted. Each
 * fails exactly the criteria its fixture.yaml names; the correct ones earn
 * every point. A static fixture may name runtime criteria its defect also
 * fails: FULL_FIXTURES=all grades those in full as well.
 */
const PROFILE = 'fastapi-neo4j-todo';
const profileArgs = ['--profile', PROFILE];
const criteria = (parse(readFileSync(join(packageRoot, 'profiles', `${PROFILE}.yaml`), 'utf8')) as {
  criteria: { id: string; area: string; level: string }[];
}).criteria;
const fixtures = listFixtures(PROFILE);
const isStatic = (id: string) => criteria.find((c) => c.id === id)?.area !== 'runtime';
const isRequired = (id: string) => criteria.find((c) => c.id === id)?.level === 'required';
const snapshotName = (f: Fixture) => f.name.slice(PROFILE.length + 1).replace('/', '__');
const gradedInFull = (f: Fixture) => f.expect.mode === 'full' || (process.env.FULL_FIXTURES === 'all' && !f.expect.failing.every(isStatic));

/** What every report of this profile shows, whatever the fixture: its criteria in order, all applicable to a compose submission. */
function expectProfileReport(expect: ExpectStatic, report: Report, runtimeGraded: boolean) {
  expect(report.profile.id).toBe(PROFILE);
  expect(report.criteria.map((c) => c.id)).toEqual(criteria.map((c) => c.id));
  const notApplicable = report.criteria.filter((c) => c.status === 'not-applicable').map((c) => c.id);
  expect(notApplicable.filter((id) => runtimeGraded || isStatic(id)), 'every criterion applies to a compose submission').toEqual([]);
}

/** Each failure says something; a criterion blocked by another points at failing criteria (statically, with cascade lines only). */
function expectExplained(expect: ExpectStatic, v: Verdict) {
  for (const c of v.report.criteria.filter((c) => c.status === 'fail')) {
    expect(c.findings.length, `${c.id} explains itself`).toBeGreaterThan(0);
    for (const f of c.findings) expect(f.message.length).toBeGreaterThan(10);
  }
  for (const c of v.report.criteria.filter((c) => c.blockedBy !== undefined)) {
    if (isStatic(c.id)) {
      expect(c.findings.every((f) => /^cannot be checked: .*\(see TD-[A-Z]{2}\d{3}\)$/.test(f.message)), `${c.id} fails with cascade lines only`).toBe(true);
    }
    expect(c.blockedBy, `${c.id} points at failing criteria`).toEqual(c.blockedBy!.filter((id) => v.failing.includes(id)));
  }
}

/** Every finding of a criterion, message and hint, as one text to match. */
function said(report: Report, id: string): string {
  return (report.criteria.find((c) => c.id === id)?.findings ?? []).map((f) => `${f.message}\n${f.hint ?? ''}`).join('\n');
}

describe.concurrent('rock-check --static --profile fastapi-neo4j-todo on each fixture', { timeout: 120_000 }, () => {
  for (const fixture of fixtures) {
    it(fixture.name, async ({ expect }) => {
      await using m = await materialize(fixture.name);
      const v = await gradeThroughCli(m.dir, [m.dir, '--static', ...profileArgs]);
      const expected = fixture.expect.failing.filter(isStatic).sort();
      expect(v.failing.sort()).toEqual(expected);
      expect(v.exit).toBe(expected.some(isRequired) ? 1 : 0);
      expectProfileReport(expect, v.report, false);
      expectExplained(expect, v);
      if (expected.length === 0) expect(v.report.score.earned).toBe(v.report.score.possible);
      const advised = v.report.criteria.filter((c) => c.status === 'pass' && c.findings.length > 0);
      expect(advised.map((c) => c.id).sort(), 'criteria that pass with advice').toEqual([...(fixture.expect.advice ?? [])].sort());
      expect(v.report.notices).toBeUndefined();
      await expect(v.terminal).toMatchFileSnapshot(`__snapshots__/fastapi-neo4j-todo/${snapshotName(fixture)}.txt`);
    });
  }
});

describe('the failures name the defect and its fix', () => {
  it("the course's curl HEALTHCHECK on a slim image names curl and a command the image has", async () => {
    await using m = await materialize(`${PROFILE}/broken/td-df003-healthcheck-curl-on-slim`);
    const v = await gradeThroughCli(m.dir, [m.dir, '--static', ...profileArgs]);
    const text = said(v.report, 'TD-DF003');
    expect(text).toMatch(/runs curl, which "python:3\.12-slim" does not have/);
    expect(text).toContain('python -c "import urllib.request');
    expect(text).toContain('apt-get install -y --no-install-recommends curl');
  });

  it('a build hidden by the development mount names the mount and the fix', async () => {
    await using m = await materialize(`${PROFILE}/broken/td-co012-frontend-runs-hidden-build`);
    const v = await gradeThroughCli(m.dir, [m.dir, '--static', ...profileArgs]);
    const text = said(v.report, 'TD-CO012');
    expect(text).toContain('"./frontend:/app"');
    expect(text).toContain('RUN npm run build');
    expect(text).toMatch(/npm run dev[\s\S]*remove the mount/);
  });
});

/** The correct submission's images built once under test-only tags, so each grading reuses their package layers from the build cache. */
const warmTags = { backend: 'rock-check-test-warm:todo-backend', frontend: 'rock-check-test-warm:todo-frontend' };
const run = promisify(execFile);

/** Two gradings at a time: what a 2-core machine sustains without starving the boots. */
const slots = limit(3);

interface DockerEvent {
  Actor: { ID: string; Attributes: Record<string, string> };
}

async function dockerEvents(since: number, filters: string[]): Promise<DockerEvent[]> {
  const args = ['events', '--since', String(Math.floor(since / 1000)), '--until', String(Math.ceil(Date.now() / 1000)), '--format', '{{json .}}'];
  const { stdout } = await run('docker', [...args, ...filters.flatMap((f) => ['--filter', f])], { maxBuffer: 1 << 26 });
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as DockerEvent);
}

/**
 * The runs of this suite since `since`: those that created a container of
 * the neo4j image, which only this profile's stacks run (gradings of other
 * profiles may run at the same time on the same engine), with the
 * containers they created.
 */
async function ownRuns(since: number): Promise<{ runs: Set<string>; containers: Set<string> }> {
  const created = await dockerEvents(since, ['type=container', 'event=create', 'label=rock-check']);
  const runs = new Set(created.filter((e) => e.Actor.Attributes.image?.startsWith('neo4j')).map((e) => e.Actor.Attributes['rock-check.run']));
  const containers = new Set(created.filter((e) => runs.has(e.Actor.Attributes['rock-check.run'])).map((e) => e.Actor.ID));
  return { runs, containers };
}

/** What these runs left: objects carrying their run label, and volumes their containers mounted that no container uses any more. */
async function leftBehind(since: number): Promise<string[]> {
  const { runs, containers } = await ownRuns(since);
  const list = async (args: string[]) => (await run('docker', args)).stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  const left: string[] = [];
  for (const id of runs) {
    const label = `label=rock-check.run=${id}`;
    for (const kind of ['container', 'network', 'volume', 'image'] as const) {
      const args = kind === 'container' ? ['ps', '-a', '-q'] : kind === 'image' ? ['images', '-q'] : [kind, 'ls', '-q'];
      left.push(...(await list([...args, '--filter', label])).map((o) => `${kind} ${o} of run ${id}`));
    }
  }
  const mounted = new Set((await dockerEvents(since, ['type=volume', 'event=mount'])).filter((e) => containers.has(e.Actor.Attributes.container)).map((e) => e.Actor.ID));
  left.push(...(await list(['volume', 'ls', '-q', '--filter', 'dangling=true'])).filter((v) => mounted.has(v)).map((v) => `anonymous volume ${v}`));
  return left;
}

describe('rock-check --profile fastapi-neo4j-todo with the runtime', { timeout: 1_200_000 }, () => {
  let suiteStart = Date.now();
  beforeAll(async () => {
    suiteStart = Date.now();
    const env = { ...process.env, DOCKER_BUILDKIT: process.env.DOCKER_BUILDKIT ?? '0' };
    for (const [part, tag] of Object.entries(warmTags)) {
      await run('docker', ['build', '-q', '-t', tag, join(fixturesRoot, PROFILE, 'good', part)], { env, maxBuffer: 1 << 24 });
    }
  }, 900_000);

  afterAll(async () => {
    await run('docker', ['rmi', '-f', ...Object.values(warmTags)]).catch(() => undefined);
    expect(await leftBehind(suiteStart), 'Docker objects the gradings left behind').toEqual([]);
  }, 120_000);

  describe.concurrent('each fixture graded in full', () => {
    for (const fixture of fixtures.filter(gradedInFull)) {
      it(fixture.name, async ({ expect }) => {
        await using m = await materialize(fixture.name);
        const v = await slots(() => gradeThroughCli(m.dir, [m.dir, ...profileArgs]));
        expect(v.report.errors).toEqual([]);
        expect(v.report.mode).toBe('full');
        expect(v.failing.sort()).toEqual([...fixture.expect.failing].sort());
        expect(v.exit).toBe(fixture.expect.exit);
        expectProfileReport(expect, v.report, true);
        expectExplained(expect, v);
        if (fixture.expect.failing.length === 0) expect(v.report.score.earned).toBe(v.report.score.possible);
        const health = v.report.criteria.find((c) => c.id === 'TD-RT004');
        if (health?.status === 'fail' && health.blockedBy === undefined) {
          // The assignment: a health that never becomes healthy says which tool is missing and how to do without it.
          expect(said(v.report, 'TD-RT004')).toMatch(/no curl[\s\S]*python -c/);
          // Its command cannot run, so the grader stops waiting at the engine's first unhealthy verdict and quotes why.
          expect(said(v.report, 'TD-RT004')).toMatch(/showed health unhealthy \(its HEALTHCHECK command cannot run: [^)]*curl: not found\)/);
          expect(said(v.report, 'TD-RT004')).not.toContain('tried 61 times');
        }
        const ready = v.report.criteria.find((c) => c.id === 'TD-RT002');
        if (fixture.expect.failing.includes('TD-CO012')) {
          expect(ready?.status).toBe('fail');
          expect(said(v.report, 'TD-CO012')).toContain('./frontend:/app');
        }
      });
    }
  });
});
