import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { packageRoot, profilePath } from '../src/paths.js';
import type { Report } from '../src/report/report.js';
import { materialize } from './support/materialize.js';
import { gradeThroughCli } from './verdicts.js';

/**
 * A machine that reaches no registry (this one: nothing can be pulled):
 * a full grade needs no image beyond the submission's bases, the database
 * image and the probe image, whatever the user's environment says about
 * Testcontainers; and an image it lacks is named once, with how to provide it.
 */

/** The grader's environment without any Testcontainers setting (Ryuk left to rock-check). */
function withoutTestcontainersSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^(TESTCONTAINERS_|RYUK_)/.test(k)));
}

it('a full grade of the good submission passes with no TESTCONTAINERS_* variable set', { timeout: 600_000 }, async () => {
  await using m = await materialize('good');
  const out = await mkdtemp(join(tmpdir(), 'rc-offline-'));
  try {
    const env = withoutTestcontainersSettings(process.env);
    expect(Object.keys(env).filter((k) => k.startsWith('TESTCONTAINERS_'))).toEqual([]);
    const child = spawn(process.execPath, ['--import', 'tsx', join(packageRoot, 'src/cli/main.ts'), m.dir, '--out', out, '--no-color'], {
      cwd: packageRoot,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const report = JSON.parse(await readFile(join(out, 'rock-check.json'), 'utf8')) as Report;
    expect(report.errors).toEqual([]);
    expect(report.criteria.filter((c) => c.area === 'runtime' && c.status !== 'pass').map((c) => `${c.id} ${c.reason ?? ''}`)).toEqual([]);
    expect(err).not.toMatch(/ryuk/i);
    expect(code).toBe(0);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

it('a database image the machine lacks: one run error naming it and how to load it, the runtime not started, exit 3', { timeout: 120_000 }, async () => {
  await using m = await materialize('good');
  const profile = join(m.dir, 'absent-db.yaml');
  await writeFile(profile, (await readFile(profilePath('rock-of-ages'), 'utf8')).replace('run: { image: "postgres:16" }', 'run: { image: "postgres:0-rock-check-absent" }'));
  const api = join(m.dir, 'rock-of-ages-api');
  const v = await gradeThroughCli(m.dir, ['--api', api, '--profile', profile]);
  expect(v.exit).toBe(3);
  expect(v.report.errors).toHaveLength(1);
  expect(v.report.errors[0]).toMatchObject({ where: 'images' });
  expect(v.report.errors[0].message).toMatch(
    /^the image postgres:0-rock-check-absent, needed for the database .* is not on this machine and cannot be pulled: .*docker pull postgres:0-rock-check-absent && docker save -o postgres_0-rock-check-absent\.tar postgres:0-rock-check-absent; then here: docker load -i postgres_0-rock-check-absent\.tar/,
  );
  const runtime = v.report.criteria.filter((c) => c.area === 'runtime');
  expect(runtime.every((c) => c.status === 'error' && c.reason === 'this machine lacks the image postgres:0-rock-check-absent; the run errors say how to provide it')).toBe(true);
  expect(v.report.criteria.filter((c) => c.area !== 'runtime' && c.status === 'error')).toEqual([]);
  expect(v.terminal.split('docker load -i').length - 1, 'said once').toBe(1);
});
