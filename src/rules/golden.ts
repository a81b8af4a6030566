import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFindings, renderFinding } from '../model/finding.js';
import type { Submission } from '../model/submission.js';
import { defaultProfile } from '../profile/load.js';
import type { Profile } from '../profile/profile.js';
import { runFamily, type RuleFamily } from './rule.js';

/**
 * Golden tests in the manner of actionlint's testdata: every input under
 * `ok/` yields no finding; every input `err/x.*` (a file, or a folder of
 * files) yields exactly the lines of `err/x.out`. UPDATE_GOLDEN=1 rewrites the
 * .out files from what the rules say now.
 */
export interface GoldenCase {
  name: string;
  kind: 'ok' | 'err';
  /** Files of the case, relative to the case (a lone file is keyed by its name). */
  files: Record<string, string>;
  outPath?: string;
}

export function loadGoldenCases(testdata: string): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const kind of ['ok', 'err'] as const) {
    const dir = join(testdata, kind);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir).sort()) {
      if (entry.endsWith('.out')) continue;
      const full = join(dir, entry);
      const files: Record<string, string> = {};
      if (statSync(full).isDirectory()) {
        for (const f of walk(full)) files[relative(full, f).split('\\').join('/')] = readFileSync(f, 'utf8');
      } else {
        files[entry] = readFileSync(full, 'utf8');
      }
      const base = entry.replace(/\.[^.]*$/, '');
      cases.push({ name: `${kind}/${entry}`, kind, files, outPath: kind === 'err' ? join(dir, `${base}.out`) : undefined });
    }
  }
  return cases;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Rendered, sorted finding lines of every rule in the family. */
export function goldenLines<I>(family: RuleFamily<I>, sub: Submission, profile: Profile): string[] {
  return [...runFamily(family, sub, profile).values()].flat().sort(compareFindings).map(renderFinding);
}

/** Expected lines of an err case; writes them instead when UPDATE_GOLDEN is set. */
export function expectedLines(c: GoldenCase, actual: string[]): string[] {
  if (!c.outPath) return [];
  if (process.env.UPDATE_GOLDEN) writeFileSync(c.outPath, actual.map((l) => `${l}\n`).join(''));
  if (!existsSync(c.outPath)) return [`(missing ${c.outPath}: run with UPDATE_GOLDEN=1)`];
  return readFileSync(c.outPath, 'utf8').split('\n').filter((l) => l !== '');
}

/**
 * Declares the golden tests of a family: each case of `testdata`, made a
 * submission by `toSubmission`, yields no line when it is an ok case, and at
 * least one line, exactly those of its .out file, when it is an err case;
 * there are ok cases, and every rule of the family fails some err case.
 * Returns the cases, for tests of the family's own.
 */
export function goldenSuite<I>(
  family: RuleFamily<I>,
  testdata: string,
  toSubmission: (c: GoldenCase) => Submission,
  profile: Profile = defaultProfile(),
): GoldenCase[] {
  const cases = loadGoldenCases(testdata);
  describe(`${family.area} golden cases`, () => {
    for (const c of cases) {
      it(c.name, () => {
        const actual = goldenLines(family, toSubmission(c), profile);
        if (c.kind === 'ok') {
          expect(actual).toEqual([]);
        } else {
          expect(actual.length, 'an err case must yield at least one finding').toBeGreaterThan(0);
          expect(actual).toEqual(expectedLines(c, actual));
        }
      });
    }

    it('has ok cases and an err case for every rule', () => {
      expect(cases.filter((c) => c.kind === 'ok').length).toBeGreaterThan(0);
      const reported = new Set(
        cases
          .filter((c) => c.outPath)
          .flatMap((c) => [...readFileSync(c.outPath as string, 'utf8').matchAll(/\[([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\]$/gm)].map((m) => m[1])),
      );
      expect([...reported].sort()).toEqual(family.rules.map((r) => r.id));
    });
  });
  return cases;
}
