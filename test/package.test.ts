import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'rc-package-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * rock-check as a published package: packed, then run with npx from an empty
 * folder, so suites, schemas and the profile must resolve from the package
 * and not from the current directory.
 */
it('grades the good fixture from a packed tarball run in an empty folder', { timeout: 600_000 }, async () => {
  const packDir = join(scratch, 'pack');
  const emptyDir = join(scratch, 'empty');
  await run('mkdir', ['-p', packDir, emptyDir]);
  await run('npm', ['pack', '--pack-destination', packDir, '--silent'], { cwd: resolve('.'), maxBuffer: 1 << 24 });
  const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
  expect(tarball).toBeDefined();
  const { stdout: listing } = await run('tar', ['-tzf', join(packDir, tarball!)], { maxBuffer: 1 << 24 });
  // The build's standalone schema validators: without them every run compiles the schemas again.
  for (const name of ['compose', 'report', 'profile']) expect(listing).toContain(`package/dist/validators/${name}.cjs`);
  const env = { ...process.env, NO_COLOR: '1', npm_config_cache: join(scratch, 'npm-cache'), npm_config_update_notifier: 'false' };
  const { stdout } = await run(
    'npx',
    ['--yes', '--package', join(packDir, tarball!), 'rock-check', resolve('fixtures/good'), '--static', '--json', '--no-out'],
    { cwd: emptyDir, env, maxBuffer: 1 << 24 },
  );
  const report = JSON.parse(stdout);
  expect(report.status).toBe('pass');
  expect(report.score.earned).toBe(report.score.possible);
  expect(report.criteria.filter((c: { status: string }) => c.status === 'pass').length).toBeGreaterThan(30);
  expect(readdirSync(emptyDir)).toEqual([]);
});
