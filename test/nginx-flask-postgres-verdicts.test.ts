import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { parse } from 'yaml';
import { packageRoot } from '../src/paths.js';
import type { Report } from '../src/report/report.js';
import { fixturesRoot, listFixtures, materialize, type Fixture } from './support/materialize.js';
import { labelledObjects } from './support/warm-images.js';
import { gradeThroughCli } from './verdicts.js';
import { limit } from './support/slots.js';

/**
 * nginx + Flask + PostgreSQL notes, graded through the CLI with
 * `--profile nginx-flask-postgres`: every fixture statically, the full-mode
 * ones (the correct submission and the runtime defects) with the stack
 * booted and reached through the web server's published port only. Each
 * fails exactly the criteria its fixture.yaml names; a fixture that fails
 * nothing earns every point.
 */
const PROFILE = 'nginx-flask-postgres';
const profileArgs = ['--profile', PROFILE];
const criteria = (parse(readFileSync(join(packageRoot, 'profiles', `${PROFILE}.yaml`), 'utf8')) as {
  criteria: { id: string; area: string; level: string }[];
}).criteria;
const fixtures = listFixtures(PROFILE);
const isStatic = (id: string) => criteria.find((c) => c.id === id)?.area !== 'runtime';
const snapshotName = (f: Fixture) => f.name.slice(PROFILE.length + 1).replace('/', '__');

function expectedExit(f: Fixture, failing: string[]): number {
  if (f.expect.mode === 'static') return f.expect.exit;
  return failing.some((id) => criteria.find((c) => c.id === id)?.level === 'required') ? 1 : 0;
}

/** What every report of this profile shows, whatever the fixture: its criteria in order, every one applying (the assignment is handed in with its compose file). */
function expectProfileReport(expect: ExpectStatic, report: Report, runtimeGraded: boolean) {
  expect(report.profile.id).toBe(PROFILE);
  expect(report.criteria.map((c) => c.id)).toEqual(criteria.map((c) => c.id));
  const notApplicable = report.criteria.filter((c) => c.status === 'not-applicable').map((c) => c.id);
  expect(notApplicable.filter((id) => runtimeGraded || isStatic(id)), 'every criterion applies').toEqual([]);
}

/** The messages of a criterion that fails for a reason of its own (not a cascade), joined; undefined otherwise. */
function ownFailure(report: Report, id: string): string | undefined {
  const c = report.criteria.find((k) => k.id === id);
  if (c?.status !== 'fail' || c.blockedBy !== undefined) return undefined;
  return c.findings.map((f) => `${f.message}\n${f.hint ?? ''}`).join('\n');
}

describe.concurrent('rock-check --static --profile nginx-flask-postgres on each fixture', { timeout: 120_000 }, () => {
  for (const fixture of fixtures) {
    it(fixture.name, async ({ expect }) => {
      await using m = await materialize(fixture.name);
      const v = await gradeThroughCli(m.dir, [m.dir, '--static', ...profileArgs]);
      const expected = fixture.expect.failing.filter(isStatic).sort();
      expect(v.failing.sort()).toEqual(expected);
      expect(v.exit).toBe(expectedExit(fixture, expected));
      expectProfileReport(expect, v.report, false);
      for (const c of v.report.criteria.filter((c) => expected.includes(c.id))) {
        expect(c.findings.length, `${c.id} has findings`).toBeGreaterThan(0);
        for (const f of c.findings) expect(f.message.length).toBeGreaterThan(10);
      }
      if (expected.length === 0) expect(v.report.score.earned).toBe(v.report.score.possible);
      const advised = v.report.criteria.filter((c) => c.status === 'pass' && c.findings.length > 0);
      expect(advised.map((c) => c.id).sort(), 'criteria that pass with advice').toEqual([...(fixture.expect.advice ?? [])].sort());
      if (fixture.expect.notice === undefined) expect(v.report.notices).toBeUndefined();
      else expect(v.report.notices).toEqual([expect.stringContaining(fixture.expect.notice)]);
      for (const c of v.report.criteria.filter((c) => c.blockedBy !== undefined)) {
        expect(c.findings.every((f) => /^cannot be checked: .*\(see NF-[A-Z]{2}\d{3}\)$/.test(f.message)), `${c.id} fails with cascade lines only`).toBe(true);
        expect(c.blockedBy, `${c.id} points at failing criteria`).toEqual(c.blockedBy!.filter((id) => v.failing.includes(id)));
      }
      // The course document's own defects fail naming the fix.
      const healthcheck = ownFailure(v.report, 'NF-CO006');
      if (healthcheck !== undefined) expect(healthcheck).toMatch(/pg_isready/);
      const waits = ownFailure(v.report, 'NF-CO007');
      if (waits !== undefined) expect(waits).toMatch(/condition: service_healthy/);
      const tag = ownFailure(v.report, 'NF-CO012');
      if (tag !== undefined) expect(tag).toMatch(/image: postgres:<version>/);
      await expect(v.terminal).toMatchFileSnapshot(`__snapshots__/nginx-flask-postgres/${snapshotName(fixture)}.txt`);
    });
  }
});

/** The correct submission's api image built once under a test-only tag, so each grading reuses its package layer from the build cache. */
const warmTag = 'rock-check-test-warm:nginx-flask-postgres-api';
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
 * Volumes that containers labelled rock-check mounted since `since` and that
 * still exist with no container using them: the anonymous data volumes a
 * recreate of the database container with fresh anonymous volumes sets aside,
 * which carry no label of their own.
 */
async function orphanedVolumes(since: number): Promise<string[]> {
  const graders = new Set((await dockerEvents(since, ['type=container', 'event=create', 'label=rock-check'])).map((e) => e.Actor.ID));
  const mounted = new Set(
    (await dockerEvents(since, ['type=volume', 'event=mount'])).filter((e) => graders.has(e.Actor.Attributes.container)).map((e) => e.Actor.ID),
  );
  const { stdout } = await run('docker', ['volume', 'ls', '-q', '--filter', 'dangling=true']);
  return stdout.split('\n').filter((v) => mounted.has(v));
}

describe('rock-check --profile nginx-flask-postgres with the runtime', { timeout: 900_000 }, () => {
  let suiteStart = Date.now();
  beforeAll(async () => {
    suiteStart = Date.now();
    const env = { ...process.env, DOCKER_BUILDKIT: process.env.DOCKER_BUILDKIT ?? '0' };
    await run('docker', ['build', '-q', '-t', warmTag, join(fixturesRoot, PROFILE, 'good', 'api')], { env, maxBuffer: 1 << 24 });
  }, 900_000);

  afterAll(async () => {
    await run('docker', ['rmi', '-f', warmTag]).catch(() => undefined);
    expect(await labelledObjects()).toEqual({ containers: [], networks: [], volumes: [], images: [] });
    expect(await orphanedVolumes(suiteStart), 'anonymous volumes of graded containers left behind').toEqual([]);
  }, 120_000);

  describe.concurrent('each full-mode fixture', () => {
    for (const fixture of fixtures.filter((f) => f.expect.mode === 'full')) {
      it(fixture.name, async ({ expect }) => {
        await using m = await materialize(fixture.name);
        const v = await slots(() => gradeThroughCli(m.dir, [m.dir, ...profileArgs]));
        expect(v.report.errors).toEqual([]);
        expect(v.report.mode).toBe('full');
        expect(v.failing.sort()).toEqual([...fixture.expect.failing].sort());
        expect(v.exit).toBe(fixture.expect.exit);
        expectProfileReport(expect, v.report, true);
        for (const c of v.report.criteria.filter((c) => c.status === 'fail')) {
          expect(c.findings.length, `${c.id} explains itself`).toBeGreaterThan(0);
        }
        if (fixture.expect.failing.length === 0) expect(v.report.score.earned).toBe(v.report.score.possible);
        // A proxy that rewrites the path fails the health route with a hint about proxy_pass.
        const health = ownFailure(v.report, 'NF-RT004');
        if (health !== undefined) expect(health).toMatch(/proxy_pass http:\/\/api:5000;/);
        // A note the api lists but never stores fails on the SQL count, with a hint about the table.
        const stored = ownFailure(v.report, 'NF-RT005');
        if (stored?.startsWith('SQL on')) expect(stored).toMatch(/FROM notes[\s\S]*the table notes/);
      });
    }
  });
});
