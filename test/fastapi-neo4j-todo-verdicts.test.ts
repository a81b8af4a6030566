import { describe, expect, it } from 'vitest';
import { materialize } from './support/materialize.js';
import { ownFailure, profileUnderTest, runtimeVerdicts, said, staticVerdicts } from './support/profile-verdicts.js';
import { gradeThroughCli } from './verdicts.js';

/**
 * The todo app (FastAPI + PostgreSQL + Neo4j + Next.js) graded through the
 * CLI with `--profile fastapi-neo4j-todo`: every fixture statically, the
 * full-mode ones (the correct submissions, the HEALTHCHECK that cannot run,
 * the build hidden by the development mount) with the stack booted. Each
 * fails exactly the criteria its fixture.yaml names; the correct ones earn
 * every point. A static fixture may name runtime criteria its defect also
 * fails: FULL_FIXTURES=all grades those in full as well.
 */
const profile = profileUnderTest('fastapi-neo4j-todo');

staticVerdicts(profile);

describe('the failures name the defect and its fix', () => {
  it("the course's curl HEALTHCHECK on a slim image names curl and a command the image has", async () => {
    await using m = await materialize(`${profile.id}/broken/td-df003-healthcheck-curl-on-slim`);
    const v = await gradeThroughCli(m.dir, [m.dir, '--static', ...profile.args]);
    const text = said(v.report, 'TD-DF003');
    expect(text).toMatch(/runs curl, which "python:3\.12-slim" does not have/);
    expect(text).toContain('python -c "import urllib.request');
    expect(text).toContain('apt-get install -y --no-install-recommends curl');
  });

  it('a build hidden by the development mount names the mount and the fix', async () => {
    await using m = await materialize(`${profile.id}/broken/td-co012-frontend-runs-hidden-build`);
    const v = await gradeThroughCli(m.dir, [m.dir, '--static', ...profile.args]);
    const text = said(v.report, 'TD-CO012');
    expect(text).toContain('"./frontend:/app"');
    expect(text).toContain('RUN npm run build');
    expect(text).toMatch(/npm run dev[\s\S]*remove the mount/);
  });
});

runtimeVerdicts(profile, {
  warm: { 'rock-check-test-warm:todo-backend': 'good/backend', 'rock-check-test-warm:todo-frontend': 'good/frontend' },
  title: 'each fixture graded in full',
  timeout: 1_200_000,
  also(expect, v, fixture) {
    const health = ownFailure(v.report, 'TD-RT004');
    if (health !== undefined) {
      // The assignment: a health that never becomes healthy says which tool is missing and how to do without it.
      expect(health).toMatch(/no curl[\s\S]*python -c/);
    }
    if (health !== undefined && fixture.expect.failing.includes('TD-DF003')) {
      // The course's curl cannot run, so the grader stops waiting at the engine's first unhealthy verdict and quotes why.
      expect(health).toMatch(/showed health unhealthy \(its HEALTHCHECK command cannot run: [^)]*curl: not found\)/);
      expect(health).not.toContain('tried 61 times');
    }
    if (health !== undefined && fixture.expect.failing.includes('TD-RT005')) {
      // A check that runs and fails may still pass later: the grader waits it out.
      expect(health).toContain('tried 61 times');
      expect(health).not.toContain('cannot run');
    }
    if (fixture.expect.failing.includes('TD-CO012')) {
      expect(v.report.criteria.find((c) => c.id === 'TD-RT002')?.status).toBe('fail');
      expect(said(v.report, 'TD-CO012')).toContain('./frontend:/app');
    }
  },
});
