import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materialize, type Materialized } from '../../test/support/materialize.js';
import { cli, query, readCsv } from './test-support.js';
import { gradebookColumns } from './outputs/gradebook.js';

/**
 * `rock-check batch --static` through the CLI over a roster of fixture
 * submissions: local folders, file:// git URLs (one submission, and an api
 * with its client), good and broken, an unreachable URL and a bad row.
 */
let work: string;
let good: Materialized;
let noDriver: Materialized;
let inlineComment: Materialized;
let roster: string;
const out = () => join(work, 'out');

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rc-batch-'));
  good = await materialize('good', { git: true });
  noDriver = await materialize('broken/cf006-no-postgres-driver', { git: true });
  inlineComment = await materialize('broken/cf002-sslmode-require', { git: true });
  roster = join(work, 'roster.csv');
  await writeFile(
    roster,
    [
      'roster_identifier,github_username,name,student_repository_url,api,client,section',
      `alice,alice-gh,Alice Able,${good.dir},,,A`,
      `bob,bob-gh,"Bob, Jr.",${noDriver.dir},,,B`,
      `carol,carol-gh,Carol,file://${good.dir}/rock-of-ages-api,,,A`,
      `dave,dave-gh,Dave,,file://${inlineComment.dir}/rock-of-ages-api,file://${inlineComment.dir}/rock-of-ages-client,B`,
      `erin,erin-gh,Erin,file://${work}/no-such-repo.git,,,A`,
      `frank,frank-gh,Frank,,,,B`,
      '',
    ].join('\n'),
  );
}, 120_000);

afterAll(async () => {
  await Promise.all([good, noDriver, inlineComment].map((m) => m?.[Symbol.asyncDispose]()));
  await rm(work, { recursive: true, force: true });
});

const gradings = (dir = out()) => query(dir, 'SELECT student, status FROM gradings ORDER BY finished_at');
const byStudent = (rows: Record<string, string>[]) => Object.fromEntries(rows.map((r) => [r.student, r]));

describe('rock-check batch --static', { timeout: 300_000 }, () => {
  it('grades every good row, records the unreachable one with its reason, reports the bad row, exits 1', async () => {
    const r = await cli(['batch', roster, '--out', out(), '--static', '--jobs', '3']);
    expect(r.stderr).toContain(`${roster}:7: frank: no repository; not graded`);
    expect(r.code).toBe(1);
    const rows = readCsv(join(out(), 'gradebook.csv'));
    expect(Object.keys(rows[0])).toEqual([...gradebookColumns, 'github_username', 'section']);
    expect(rows.map((row) => [row.student, row.name, row.status])).toEqual([
      ['alice', 'Alice Able', 'pass'],
      ['bob', 'Bob, Jr.', 'fail'],
      ['carol', 'Carol', 'pass'],
      ['dave', 'Dave', 'fail'],
      ['erin', 'Erin', 'error'],
    ]);
    const s = byStudent(rows);
    expect(s.bob.failed_criteria.split(' ')).toContain('RC-CF006');
    expect(s.dave.failed_criteria.split(' ')).toContain('RC-CF002');
    expect(s.alice.failed_criteria.split(' ')).not.toContain('RC-CF006');
    expect(s.alice.commit).toMatch(/^rock-of-ages-api@[0-9a-f]{12} rock-of-ages-client@[0-9a-f]{12}$/);
    expect(s.carol.commit).toMatch(/^[0-9a-f]{12}$/);
    expect(s.erin).toMatchObject({ score: '', possible: '', percent: '', report: 'submissions/erin/feedback.md', section: 'A' });
    expect(await readFile(join(out(), s.erin.report), 'utf8')).toContain('no-such-repo.git');
    for (const row of rows.filter((x) => x.status !== 'error')) {
      const report = JSON.parse(await readFile(join(out(), row.report), 'utf8'));
      expect([row.score, row.possible]).toEqual([String(report.score.earned), String(report.score.possible)]);
      expect(Number(row.percent)).toBeCloseTo((report.score.earned / report.score.possible) * 100, 1);
      expect(row.failed_criteria.split(' ').filter(Boolean)).toEqual(report.criteria.filter((c: { status: string }) => c.status === 'fail').map((c: { id: string }) => c.id));
    }
    expect(gradings()).toHaveLength(5);
    expect(query(out(), 'SELECT * FROM attempts')).toEqual([]);
  });

  it('grades a row exactly as `rock-check <target>` does: the same report', async () => {
    const single = await cli([good.dir, '--static', '--json', '--no-out']);
    const mask = (r: Record<string, unknown>) => ({ ...r, startedAt: undefined, durationMs: undefined });
    const stored = JSON.parse(await readFile(join(out(), 'submissions/alice/rock-check.json'), 'utf8'));
    expect(mask(stored)).toEqual(mask(JSON.parse(single.stdout)));
    expect(await readFile(join(out(), 'submissions/bob/feedback.md'), 'utf8')).toMatch(/## What to fix first\n\n1\. \*\*RC-CF006: .*\n {3}- `rock-of-ages-api\/Pipfile:\d+:\d+`: /);
  });

  it('a second run keeps every unchanged submission, unreachable one included, and writes the same outputs', async () => {
    const before = await readFile(join(out(), 'gradebook.csv'), 'utf8');
    const r = await cli(['batch', roster, '--out', out(), '--static']);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/\(unchanged, kept\)/g)).toHaveLength(5);
    expect(r.stdout).toContain('0 graded, 5 unchanged');
    expect(gradings()).toHaveLength(5);
    expect(await readFile(join(out(), 'gradebook.csv'), 'utf8')).toBe(before);
  });

  it('regrades a submission that changed, and keeps its history', async () => {
    await appendFile(join(noDriver.dir, 'rock-of-ages-api', 'Pipfile'), '\n');
    const r = await cli(['batch', roster, '--out', out(), '--static']);
    expect(r.stdout).toContain('1 graded, 4 unchanged');
    expect(query(out(), "SELECT count(*) AS n FROM gradings WHERE student = 'bob'")).toEqual([{ n: 2 }]);
    const html = await readFile(join(out(), 'index.html'), 'utf8');
    expect(html).toContain('"history":[{');
  });

  it('--only error regrades the rows without a grade; --force regrades all', async () => {
    const only = await cli(['batch', roster, '--out', out(), '--static', '--only', 'error']);
    expect(only.stdout).toContain('1 graded, 4 unchanged');
    expect(only.stdout).toMatch(/erin: error: cannot reach file:\/\/.*no-such-repo\.git/);
    const forced = await cli(['batch', roster, '--out', out(), '--static', '--force']);
    expect(forced.stdout).toContain('5 graded, 0 unchanged');
    expect(gradings()).toHaveLength(6 + 1 + 5);
    const rows = readCsv(join(out(), 'gradebook.csv'));
    expect(rows.map((x) => x.status)).toEqual(['pass', 'fail', 'pass', 'fail', 'error']);
  });

  it('report DIR rewrites the same outputs from the database', async () => {
    const files = ['gradebook.csv', 'canvas-import.csv', 'criteria-matrix.csv', 'index.html', 'submissions/bob/feedback.md'];
    const before = await Promise.all(files.map((f) => readFile(join(out(), f), 'utf8')));
    await rm(join(out(), 'submissions'), { recursive: true });
    await rm(join(out(), 'gradebook.csv'));
    const r = await cli(['report', out()]);
    expect(r.code).toBe(0);
    expect(await Promise.all(files.map((f) => readFile(join(out(), f), 'utf8')))).toEqual(before);
  });

  it('shards cover the roster once each; merged, they make the unsharded gradebook', async () => {
    const [a, b, merged] = ['shard-1', 'shard-2', 'merged'].map((d) => join(work, d));
    // The roster re-ordered for one shard: the shards still do not overlap.
    const lines = (await readFile(roster, 'utf8')).trimEnd().split('\n');
    const reordered = join(work, 'roster-reordered.csv');
    await writeFile(reordered, [lines[0], ...lines.slice(1).reverse()].join('\n') + '\n');
    const r1 = await cli(['batch', roster, '--out', a, '--static', '--shard', '1/2']);
    const r2 = await cli(['batch', roster, '--out', b, '--static', '--shard', '2/2']);
    expect([r1.code, r2.code]).not.toContain(2);
    const s1 = readCsv(join(a, 'gradebook.csv')).map((x) => x.student);
    const s2 = readCsv(join(b, 'gradebook.csv')).map((x) => x.student);
    expect([...s1, ...s2].sort()).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
    const again = join(work, 'shard-1-reordered');
    await cli(['batch', reordered, '--out', again, '--static', '--shard', '1/2']);
    expect(readCsv(join(again, 'gradebook.csv')).map((x) => x.student).sort()).toEqual([...s1].sort());

    const m = await cli(['merge', a, b, '--out', merged]);
    expect(m.code).toBe(0);
    const strip = (rows: Record<string, string>[]) => rows.map(({ graded_at, ...rest }) => (expect(graded_at).toMatch(/^\d{4}-/), rest));
    expect(strip(readCsv(join(merged, 'gradebook.csv')))).toEqual(strip(readCsv(join(out(), 'gradebook.csv'))));
    for (const f of ['criteria-matrix.csv', 'canvas-import.csv']) {
      expect(await readFile(join(merged, f), 'utf8')).toBe(await readFile(join(out(), f), 'utf8'));
    }
  });

  it('merging a batch folder alone reproduces its outputs byte for byte', async () => {
    const copy = join(work, 'merged-alone');
    expect((await cli(['merge', out(), '--out', copy])).code).toBe(0);
    for (const f of ['gradebook.csv', 'canvas-import.csv', 'criteria-matrix.csv', 'index.html']) {
      expect(await readFile(join(copy, f), 'utf8')).toBe(await readFile(join(out(), f), 'utf8'));
    }
  });

  it('usage errors: no roster, a bad --jobs, --force with --only, --shard out of range', async () => {
    const cases = [
      ['batch', join(work, 'missing.csv'), '--out', out()],
      ['batch', roster, '--out', out(), '--jobs', '0'],
      ['batch', roster, '--out', out(), '--force', '--only', 'failed'],
      ['batch', roster, '--out', out(), '--shard', '3/2'],
      ['batch', roster],
      ['merge', join(work, 'nothing-here'), '--out', join(work, 'm2')],
    ];
    for (const args of cases) expect((await cli(args)).code, args.join(' ')).toBe(2);
  });
});
