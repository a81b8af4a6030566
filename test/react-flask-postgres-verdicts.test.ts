import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { profileUnderTest, runtimeVerdicts, staticVerdicts } from './support/profile-verdicts.js';

/**
 * The shop (React + Flask + PostgreSQL), graded through the CLI with
 * `--profile react-flask-postgres`: every fixture statically, the full-mode
 * ones (the correct submissions and the runtime defects) with the stack
 * booted. Each fails exactly the criteria its fixture.yaml names; a fixture
 * that fails nothing earns every point.
 */
const profile = profileUnderTest('react-flask-postgres');
const run = promisify(execFile);

staticVerdicts(profile, {
  also(expect, v) {
    const listens = v.report.criteria.find((c) => c.id === 'RF-CO003');
    if (listens?.status === 'fail' && listens.blockedBy === undefined) {
      // The assignment: a published port nothing listens on fails naming the port to publish.
      expect(listens.findings.map((f) => f.message).join('\n')).toMatch(/"\d+:80"|target: 80/);
    }
  },
});

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

runtimeVerdicts(profile, {
  warm: { 'rock-check-test-warm:react-flask-postgres-backend': 'good/backend' },
  async afterSuite(since) {
    expect(await buildStagesLeft(since), "untagged images of the frontend's build stage left behind").toEqual([]);
  },
});
