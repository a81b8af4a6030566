import { describe, it } from 'vitest';
import { listFixtures, materialize, type Fixture } from './support/materialize.js';
import { gradeThroughCli } from './verdicts.js';

/**
 * Every fixture graded with --static through the CLI: the good one passes
 * with full points; each broken one fails exactly the static criteria its
 * fixture.yaml names, each with a finding that says where.
 */

function expectedExit(f: Fixture, failing: string[], requiredIds: Set<string>): number {
  if (f.expect.mode === 'static') return f.expect.exit;
  return failing.some((id) => requiredIds.has(id)) ? 1 : 0;
}

describe.concurrent('rock-check --static on each fixture', () => {
  for (const fixture of listFixtures()) {
    it(fixture.name, async ({ expect }) => {
      await using m = await materialize(fixture.name);
      const v = await gradeThroughCli(m.dir, [m.dir, '--static']);
      const runtime = new Set(v.report.criteria.filter((c) => c.area === 'runtime').map((c) => c.id));
      const expected = fixture.expect.failing.filter((id) => !runtime.has(id)).sort();
      expect(v.failing.sort()).toEqual(expected);
      const required = new Set(v.report.criteria.filter((c) => c.level === 'required').map((c) => c.id));
      expect(v.exit).toBe(expectedExit(fixture, expected, required));
      for (const c of v.report.criteria.filter((c) => expected.includes(c.id))) {
        expect(c.findings.length, `${c.id} has findings`).toBeGreaterThan(0);
        for (const f of c.findings) expect(f.message.length).toBeGreaterThan(10);
      }
      if (expected.length === 0) expect(v.report.score.earned).toBe(v.report.score.possible);
      const advised = v.report.criteria.filter((c) => c.status === 'pass' && c.findings.length > 0);
      expect(advised.map((c) => c.id).sort(), 'criteria that pass with advice').toEqual([...(fixture.expect.advice ?? [])].sort());
      for (const c of advised) expect(c.findings.map((f) => f.severity), `${c.id} passes with warnings only`).toEqual(c.findings.map(() => 'warning'));
      if (fixture.expect.notice === undefined) expect(v.report.notices).toBeUndefined();
      else expect(v.report.notices).toEqual([expect.stringContaining(fixture.expect.notice)]);
      for (const c of v.report.criteria.filter((c) => c.blockedBy !== undefined)) {
        expect(c.findings.every((f) => /^cannot be checked: .*\(see [A-Z][A-Z0-9]*(-[A-Z0-9]+)+\)$/.test(f.message)), `${c.id} fails with cascade lines only`).toBe(true);
        expect(c.blockedBy, `${c.id} points at failing criteria`).toEqual(c.blockedBy!.filter((id) => v.failing.includes(id)));
      }
      await expect(v.terminal).toMatchFileSnapshot(`__snapshots__/static/${fixture.name.replace('/', '__')}.txt`);
    });
  }
});
