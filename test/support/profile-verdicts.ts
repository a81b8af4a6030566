import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { parse } from 'yaml';
import { packageRoot } from '../../src/paths.js';
import type { Report } from '../../src/report/report.js';
import { gradeThroughCli, type Verdict } from '../verdicts.js';
import { fixtureChain, fixturesRoot, listFixtures, materialize, type Fixture } from './materialize.js';
import { limit } from './slots.js';
import { labelledObjects } from './warm-images.js';

/**
 * The verdict tests of a built-in profile other than Rock of Ages: every
 * fixture graded statically through the CLI against its terminal snapshot,
 * then the fixtures graded in full with the stack booted. Each fixture fails
 * exactly the criteria its fixture.yaml names; one that fails nothing earns
 * every point. A test file names its profile and adds only what is its own.
 */
export interface ProfileUnderTest {
  id: string;
  /** The CLI options that choose the profile. */
  args: string[];
  /** Its criteria as profiles/<id>.yaml lists them. */
  criteria: { id: string; area: string; level: string; layouts?: string[] }[];
  fixtures: Fixture[];
  isStatic: (id: string) => boolean;
}

export function profileUnderTest(id: string): ProfileUnderTest {
  const { criteria } = parse(readFileSync(join(packageRoot, 'profiles', `${id}.yaml`), 'utf8')) as Pick<ProfileUnderTest, 'criteria'>;
  return {
    id,
    args: ['--profile', id],
    criteria,
    fixtures: listFixtures(id),
    isStatic: (c) => criteria.find((k) => k.id === c)?.area !== 'runtime',
  };
}

/** The snapshot's file name: the fixture's path under its profile's folder, with `__` for `/`. */
export const snapshotName = (p: ProfileUnderTest, f: Fixture) => f.name.slice(p.id.length + 1).replace('/', '__');

/**
 * The exit of the fixture's static grading: the one it names when it is a
 * static fixture whose failures are all static; otherwise (its exit is that
 * of a grading with the runtime) 1 exactly when a required criterion fails.
 */
export function expectedExit(p: ProfileUnderTest, f: Fixture, failing: string[]): number {
  if (f.expect.mode === 'static' && f.expect.failing.every(p.isStatic)) return f.expect.exit;
  return failing.some((id) => p.criteria.find((c) => c.id === id)?.level === 'required') ? 1 : 0;
}

/** Full-mode fixtures; with FULL_FIXTURES=all also the static ones whose defect fails runtime criteria too. */
export const gradedInFull = (p: ProfileUnderTest, f: Fixture) =>
  f.expect.mode === 'full' || (process.env.FULL_FIXTURES === 'all' && !f.expect.failing.every(p.isStatic));

/** A finding of a criterion its input blocks: `cannot be checked: … (see <a criterion of this profile>)`. */
export function isCascadeLine(p: ProfileUnderTest, message: string): boolean {
  const see = /^cannot be checked: .*\(see ([A-Z]+-[A-Z]{2}\d{3})\)$/.exec(message);
  return see !== null && p.criteria.some((c) => c.id === see[1]);
}

/** Every finding of a criterion, message and hint, as one text to match. */
export function said(report: Report, id: string): string {
  return (report.criteria.find((c) => c.id === id)?.findings ?? []).map((f) => `${f.message}\n${f.hint ?? ''}`).join('\n');
}

/** What a criterion that fails for a reason of its own (not a cascade) says; undefined otherwise. */
export function ownFailure(report: Report, id: string): string | undefined {
  const c = report.criteria.find((k) => k.id === id);
  return c?.status !== 'fail' || c.blockedBy !== undefined ? undefined : said(report, id);
}

/** Its criteria in order; without a compose file the compose-only ones do not apply, with one every criterion graded applies. */
function expectProfileReport(expect: ExpectStatic, p: ProfileUnderTest, report: Report, f: Fixture, runtimeGraded: boolean) {
  expect(report.profile.id).toBe(p.id);
  expect(report.criteria.map((c) => c.id)).toEqual(p.criteria.map((c) => c.id));
  const notApplicable = report.criteria.filter((c) => c.status === 'not-applicable').map((c) => c.id);
  const graded = (id: string) => runtimeGraded || p.isStatic(id);
  if (fixtureChain(f.name).some((layer) => layer.remove.includes('docker-compose.yml'))) {
    const composeOnly = p.criteria.filter((c) => c.layouts?.length === 1 && c.layouts[0] === 'compose').map((c) => c.id);
    for (const id of composeOnly.filter(graded)) expect(notApplicable, `${id} does not apply without a compose file`).toContain(id);
  } else {
    expect(notApplicable.filter(graded), 'every criterion applies to a compose submission').toEqual([]);
  }
}

/** Each failure says something; a blocked criterion points at failing criteria, with cascade lines only where graded statically. */
function expectExplained(expect: ExpectStatic, p: ProfileUnderTest, v: Verdict, runtimeGraded: boolean) {
  for (const c of v.report.criteria.filter((c) => v.failing.includes(c.id))) {
    expect(c.findings.length, `${c.id} explains itself`).toBeGreaterThan(0);
    for (const f of c.findings) expect(f.message.length).toBeGreaterThan(10);
  }
  for (const c of v.report.criteria.filter((c) => c.blockedBy !== undefined)) {
    if (!runtimeGraded || p.isStatic(c.id)) {
      expect(c.findings.every((f) => isCascadeLine(p, f.message)), `${c.id} fails with cascade lines only`).toBe(true);
    }
    expect(c.blockedBy, `${c.id} points at failing criteria`).toEqual(c.blockedBy!.filter((id) => v.failing.includes(id)));
  }
}

/** What `rock-check --static` must show for the fixture, its terminal snapshot aside. */
export function expectStaticVerdict(expect: ExpectStatic, p: ProfileUnderTest, f: Fixture, v: Verdict) {
  const expected = f.expect.failing.filter(p.isStatic).sort();
  expect(v.failing.sort()).toEqual(expected);
  expect(v.exit).toBe(expectedExit(p, f, expected));
  expectProfileReport(expect, p, v.report, f, false);
  expectExplained(expect, p, v, false);
  if (expected.length === 0) expect(v.report.score.earned).toBe(v.report.score.possible);
  const advised = v.report.criteria.filter((c) => c.status === 'pass' && c.findings.length > 0);
  expect(advised.map((c) => c.id).sort(), 'criteria that pass with advice').toEqual([...(f.expect.advice ?? [])].sort());
  if (f.expect.notice === undefined) expect(v.report.notices).toBeUndefined();
  else expect(v.report.notices).toEqual([expect.stringContaining(f.expect.notice)]);
}

/** What a grading with the runtime must show for the fixture. */
export function expectFullVerdict(expect: ExpectStatic, p: ProfileUnderTest, f: Fixture, v: Verdict) {
  expect(v.report.errors).toEqual([]);
  expect(v.report.mode).toBe('full');
  expect(v.failing.sort()).toEqual([...f.expect.failing].sort());
  expect(v.exit).toBe(f.expect.exit);
  expectProfileReport(expect, p, v.report, f, true);
  expectExplained(expect, p, v, true);
  if (f.expect.failing.length === 0) expect(v.report.score.earned).toBe(v.report.score.possible);
}

/** The profile's own assertions on one fixture's verdict, beside the shared ones. */
type OwnAssertions = (expect: ExpectStatic, v: Verdict, f: Fixture) => void;

export interface StaticOptions {
  /** The folder under test/__snapshots__ that holds the terminal snapshots (the profile id by default). */
  snapshots?: string;
  also?: OwnAssertions;
}

/** `rock-check --static --profile <id>` on each fixture. */
export function staticVerdicts(p: ProfileUnderTest, options: StaticOptions = {}) {
  const snapshots = join(packageRoot, 'test', '__snapshots__', options.snapshots ?? p.id);
  describe.concurrent(`rock-check --static --profile ${p.id} on each fixture`, { timeout: 120_000 }, () => {
    for (const fixture of p.fixtures) {
      it(fixture.name, async ({ expect }) => {
        await using m = await materialize(fixture.name);
        const v = await gradeThroughCli(m.dir, [m.dir, '--static', ...p.args]);
        expectStaticVerdict(expect, p, fixture, v);
        options.also?.(expect, v, fixture);
        await expect(v.terminal).toMatchFileSnapshot(join(snapshots, `${snapshotName(p, fixture)}.txt`));
      });
    }
  });
}

export interface RuntimeOptions {
  /**
   * Images of the correct submission built once under test-only tags (tag →
   * folder under fixtures/<id>), so that each grading reuses their package
   * layers from the build cache; removed at the end.
   */
  warm: Record<string, string>;
  /** The title of the group of gradings ('each full-mode fixture' by default). */
  title?: string;
  timeout?: number;
  /** After the suite no object labelled rock-check is left on the engine at all, whoever made it. */
  engineWide?: boolean;
  also?: OwnAssertions;
  /** Further checks of what the gradings left, run last. */
  afterSuite?: (since: number) => Promise<void>;
}

const run = promisify(execFile);

/** `rock-check --profile <id>` with the runtime on each fixture graded in full, three at a time. */
export function runtimeVerdicts(p: ProfileUnderTest, options: RuntimeOptions) {
  const slots = limit(3);
  describe(`rock-check --profile ${p.id} with the runtime`, { timeout: options.timeout ?? 900_000 }, () => {
    let since = Date.now();
    // Other test files may grade beside these on the same engine: the runs started here are the ones this file answers for.
    const runIds = new Set<string>();
    const collect = (e: { runId: string }) => runIds.add(e.runId);
    beforeAll(async () => {
      since = Date.now();
      process.on('rock-check:progress' as 'message', collect);
      const env = { ...process.env, DOCKER_BUILDKIT: process.env.DOCKER_BUILDKIT ?? '0' };
      for (const [tag, folder] of Object.entries(options.warm)) {
        await run('docker', ['build', '-q', '-t', tag, join(fixturesRoot, p.id, folder)], { env, maxBuffer: 1 << 24 });
      }
    }, 900_000);

    afterAll(async () => {
      process.off('rock-check:progress' as 'message', collect);
      await run('docker', ['rmi', '-f', ...Object.keys(options.warm)]).catch(() => undefined);
      expect(runIds.size, 'the gradings announced their runs').toBeGreaterThan(0);
      expect(await leftBehind(since, runIds), 'Docker objects the gradings left behind').toEqual([]);
      if (options.engineWide) {
        expect(await labelledObjects()).toEqual({ containers: [], networks: [], volumes: [], images: [] });
        expect(await orphanedVolumes(since), 'anonymous volumes of graded containers left behind').toEqual([]);
      }
      await options.afterSuite?.(since);
    }, 120_000);

    describe.concurrent(options.title ?? 'each full-mode fixture', () => {
      for (const fixture of p.fixtures.filter((f) => gradedInFull(p, f))) {
        it(fixture.name, async ({ expect }) => {
          await using m = await materialize(fixture.name);
          const v = await slots(() => gradeThroughCli(m.dir, [m.dir, ...p.args]));
          expectFullVerdict(expect, p, fixture, v);
          options.also?.(expect, v, fixture);
        });
      }
    });
  });
}

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
 * Volumes that containers labelled rock-check (of these runs, or of any run)
 * mounted since `since` and that still exist with no container using them:
 * the anonymous data volumes a recreate of a container with fresh anonymous
 * volumes sets aside, which carry no label of their own.
 */
async function orphanedVolumes(since: number, runIds?: Set<string>): Promise<string[]> {
  const created = await dockerEvents(since, ['type=container', 'event=create', 'label=rock-check']);
  const graders = new Set(created.filter((e) => runIds?.has(e.Actor.Attributes['rock-check.run']) ?? true).map((e) => e.Actor.ID));
  const mounted = new Set(
    (await dockerEvents(since, ['type=volume', 'event=mount'])).filter((e) => graders.has(e.Actor.Attributes.container)).map((e) => e.Actor.ID),
  );
  const { stdout } = await run('docker', ['volume', 'ls', '-q', '--filter', 'dangling=true']);
  return stdout.split('\n').filter((v) => mounted.has(v));
}

/** What these runs left, one line each: objects carrying their run label, and anonymous volumes their containers set aside. */
async function leftBehind(since: number, runIds: Set<string>): Promise<string[]> {
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
  lines.push(...(await orphanedVolumes(since, runIds)).map((v) => `anonymous volume ${v}`));
  return lines;
}
