import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { parse } from 'yaml';
import { packageRoot } from '../src/paths.js';
import type { Report } from '../src/report/report.js';
import { fixturesRoot, listFixtures, materialize, type Fixture } from './support/materialize.js';
import { gradeThroughCli } from './verdicts.js';
import { limit } from './support/slots.js';

/**
 * The shop (React + Flask + PostgreSQL), graded through the CLI with
 * `--profile react-flask-postgres`: every fixture statically, the full-mode
 * ones (the correct submissions and the runtime defects) with the stack
 * booted. Each fails exactly the criteria its fixture.yaml names; a fixture
 * that fails nothing earns every point.
 */
const PROFILE = 'react-flask-postgres';
const profileArgs = ['--profile', PROFILE];
const criteria = (parse(readFileSync(join(packageRoot, 'profiles', `${PROFILE}.yaml`), 'utf8')) as {
  criteria: { id: string; area: string; level: string; layouts?: string[] }[];
}).criteria;
const fixtures = listFixtures(PROFILE);
const isStatic = (id: string) => criteria.find((c) => c.id === id)?.area !== 'runtime';
const snapshotName = (f: Fixture) => f.name.slice(PROFILE.length + 1).replace('/', '__');

function expectedExit(f: Fixture, failing: string[]): number {
  if (f.expect.mode === 'static') return f.expect.exit;
  return failing.some((id) => criteria.find((c) => c.id === id)?.level === 'required') ? 1 : 0;
}

/** What every report of this profile shows, whatever the fixture: its criteria in order, every one applying (the shop is handed in with its compose file). */
function expectProfileReport(expect: ExpectStatic, report: Report, runtimeGraded: boolean) {
  expect(report.profile.id).toBe(PROFILE);
  expect(report.criteria.map((c) => c.id)).toEqual(criteria.map((c) => c.id));
  const notApplicable = report.criteria.filter((c) => c.status === 'not-applicable').map((c) => c.id);
  expect(notApplicable.filter((id) => runtimeGraded || isStatic(id)), 'every criterion applies').toEqual([]);
}

describe.concurrent('rock-check --static --profile react-flask-postgres on each fixture', () => {
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
        expect(c.findings.every((f) => /^cannot be checked: .*\(see RF-[A-Z]{2}\d{3}\)$/.test(f.message)), `${c.id} fails with cascade lines only`).toBe(true);
        expect(c.blockedBy, `${c.id} points at failing criteria`).toEqual(c.blockedBy!.filter((id) => v.failing.includes(id)));
      }
      const listens = v.report.criteria.find((c) => c.id === 'RF-CO003');
      if (listens?.status === 'fail' && listens.blockedBy === undefined) {
        // The assignment: a published port nothing listens on fails naming the port to publish.
        expect(listens.findings.map((f) => f.message).join('\n')).toMatch(/"\d+:80"|target: 80/);
      }
      await expect(v.terminal).toMatchFileSnapshot(`__snapshots__/react-flask-postgres/${snapshotName(fixture)}.txt`);
    });
  }
});

/** The correct submission's backend image built once under a test-only tag, so each grading reuses its package layer from the build cache. */
const warmTag = 'rock-check-test-warm:react-flask-postgres-backend';
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

/** Objects labelled with one of these runs, one line each: what the gradings of this file left. */
async function leftByRuns(runIds: Set<string>): Promise<string[]> {
  const lines: string[] = [];
  for (const id of runIds) {
    const label = `label=rock-check.run=${id}`;
    const list = async (args: string[], format: string) => (await run('docker', [...args, '--filter', label, '--format', format])).stdout.split('\n').filter(Boolean);
    lines.push(
      ...(await list(['ps', '-a'], 'container {{.Names}}')),
      ...(await list(['network', 'ls'], 'network {{.Name}}')),
      ...(await list(['volume', 'ls'], 'volume {{.Name}}')),
      ...(await list(['images'], 'image {{.Repository}}:{{.Tag}}')),
    );
  }
  return lines;
}

/**
 * Volumes that containers of these runs mounted since `since` and that
 * still exist with no container using them: the anonymous data volumes a
 * recreate of the database container with fresh anonymous volumes sets
 * aside, which carry no label of their own.
 */
async function orphanedVolumes(since: number, runIds: Set<string>): Promise<string[]> {
  const created = await dockerEvents(since, ['type=container', 'event=create', 'label=rock-check']);
  const graders = new Set(created.filter((e) => runIds.has(e.Actor.Attributes['rock-check.run'])).map((e) => e.Actor.ID));
  const mounted = new Set(
    (await dockerEvents(since, ['type=volume', 'event=mount'])).filter((e) => graders.has(e.Actor.Attributes.container)).map((e) => e.Actor.ID),
  );
  const { stdout } = await run('docker', ['volume', 'ls', '-q', '--filter', 'dangling=true']);
  return stdout.split('\n').filter((v) => mounted.has(v));
}

/**
 * Untagged images made since `since` for the frontend's build stage (the
 * only stage that sets REACT_APP_BACKEND_URL): under the classic builder
 * they outlive the graded image unless the grade removes them.
 */
async function buildStagesLeft(since: number): Promise<string[]> {
  const { stdout } = await run('docker', ['images', '-q', '--no-trunc', '--filter', 'dangling=true']);
  const ids = stdout.split('\n').filter(Boolean);
  if (ids.length === 0) return [];
  const { stdout: json } = await run('docker', ['image', 'inspect', ...ids], { maxBuffer: 1 << 26 }).catch(() => ({ stdout: '[]' }));
  const images = JSON.parse(json) as { Id: string; Created: string; Config?: { Env?: string[] } }[];
  return images
    .filter((i) => Date.parse(i.Created) >= since - 1_000 && (i.Config?.Env ?? []).some((e) => e.startsWith('REACT_APP_BACKEND_URL=')))
    .map((i) => i.Id);
}

describe('rock-check --profile react-flask-postgres with the runtime', { timeout: 900_000 }, () => {
  let suiteStart = Date.now();
  // Other gradings may run beside these (other test files): only the runs started here are looked at.
  const runIds = new Set<string>();
  const collect = (e: { runId: string }) => runIds.add(e.runId);
  beforeAll(async () => {
    suiteStart = Date.now();
    process.on('rock-check:progress' as 'message', collect);
    const env = { ...process.env, DOCKER_BUILDKIT: process.env.DOCKER_BUILDKIT ?? '0' };
    await run('docker', ['build', '-q', '-t', warmTag, join(fixturesRoot, PROFILE, 'good', 'backend')], { env, maxBuffer: 1 << 24 });
  }, 900_000);

  afterAll(async () => {
    process.off('rock-check:progress' as 'message', collect);
    await run('docker', ['rmi', '-f', warmTag]).catch(() => undefined);
    expect(runIds.size, 'the gradings announced their runs').toBeGreaterThan(0);
    expect(await leftByRuns(runIds)).toEqual([]);
    expect(await orphanedVolumes(suiteStart, runIds), 'anonymous volumes of graded containers left behind').toEqual([]);
    expect(await buildStagesLeft(suiteStart), "untagged images of the frontend's build stage left behind").toEqual([]);
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
      });
    }
  });
});
