import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { materialize } from '../../test/support/materialize.js';
import { cli, query, readCsv, startCli } from './test-support.js';

/** Ctrl-C on a batch: the running grading is stopped, finished ones are kept, the next run grades the rest once. */
let work: string;
const students = ['alice', 'bob', 'carol', 'dan'];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rc-batch-int-'));
  await mkdir(join(work, 'class'));
  for (const s of students) {
    const m = await materialize(s === 'bob' ? 'broken/cf006-no-postgres-driver' : 'good', { git: true });
    await rename(m.dir, join(work, 'class', s));
  }
}, 120_000);

afterAll(() => rm(work, { recursive: true, force: true }));

it('SIGINT after the first result: exit 130, the finished result kept, the rest graded by the next run', { timeout: 300_000 }, async () => {
  const args = ['batch', join(work, 'class'), '--out', join(work, 'out'), '--static', '--jobs', '1'];
  const run = startCli(args);
  let sent = false;
  let seen = '';
  run.child.stdout.on('data', (c: Buffer) => {
    seen += c.toString();
    if (!sent && /\[1\/4\]/.test(seen)) {
      sent = true;
      run.child.kill('SIGINT');
    }
  });
  const ended = await run.done;
  expect(sent).toBe(true);
  expect(ended.code, ended.stderr).toBe(130);
  expect(ended.stdout).toContain('SIGINT: stopping');
  const kept = query(join(work, 'out'), 'SELECT student FROM gradings').map((r) => String(r.student));
  expect(kept.length).toBeGreaterThanOrEqual(1);
  expect(kept.length).toBeLessThan(4);
  expect(query(join(work, 'out'), 'SELECT * FROM attempts')).toEqual([]);

  const again = await cli(args);
  expect(again.code).toBe(1);
  expect(again.stdout).toContain(`${4 - kept.length} graded, ${kept.length} unchanged`);
  expect(readCsv(join(work, 'out', 'gradebook.csv')).map((r) => [r.student, r.status])).toEqual([
    ['alice', 'pass'],
    ['bob', 'fail'],
    ['carol', 'pass'],
    ['dan', 'pass'],
  ]);
  expect(query(join(work, 'out'), 'SELECT count(*) AS n FROM gradings')).toEqual([{ n: 4 }]);
});
