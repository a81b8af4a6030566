import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { roleFacts } from '../../facts/role-facts.js';
import { compareFindings, renderFinding } from '../../model/finding.js';
import type { Submission, SubmissionFile } from '../../model/submission.js';
import { composeFileNames } from '../../intake/compose-contexts.js';
import { builtinProfile, builtinProfileIds } from '../../profile/load.js';
import type { Criterion, RoleProfile } from '../../profile/profile.js';
import { expectedLines, loadGoldenCases, type GoldenCase } from '../golden.js';
import { roleChecks } from './registry.js';
import { runRoleCheck } from './run-check.js';

/**
 * Golden cases of each generic check, graded with the criterion that runs it
 * in the built-in profile testdata/<check>/profile names, else in
 * profiles/friendlyhello-redis.yaml, else in the first other built-in profile
 * graded from roles that runs it: testdata/<check name with
 * dashes>/{ok,err}/<case>/ holds a submission (`_case.yaml` beside its files
 * may give other `params` or `layouts`, or the `profile` whose criterion and roles it uses); an ok case passes, an err case gives
 * exactly the lines of err/<case>.out (a `not applicable: …` line when it is
 * not applicable). UPDATE_GOLDEN=1 rewrites the .out files.
 */
const friendlyhello = builtinProfile('friendlyhello-redis') as RoleProfile;
/** testdata/<check>/profile, when present, names the built-in profile whose criterion grades the cases. */
const PROFILE_FILE = 'profile';
/** The profile a check's cases use: the one its testdata folder names, else friendlyhello-redis, else the first other built-in profile that runs it. */
function profileFor(check: string): RoleProfile {
  const named = join(testdata, check.replace(/\//g, '-'), PROFILE_FILE);
  if (existsSync(named)) return builtinProfile(readFileSync(named, 'utf8').trim()) as RoleProfile;
  const runs = (p: RoleProfile) => p.criteria.some((k) => k.check === check);
  if (runs(friendlyhello)) return friendlyhello;
  const others = builtinProfileIds().filter((id) => id !== 'friendlyhello-redis');
  const found = others.map(builtinProfile).find((p): p is RoleProfile => p.kind === 'roles' && runs(p));
  if (!found) throw new Error(`no built-in profile runs a criterion with ${check}`);
  return found;
}
const testdata = join(import.meta.dirname, 'testdata');
const CASE_FILE = '_case.yaml';

function submissionOf(c: GoldenCase): Submission {
  const files: Record<string, SubmissionFile> = {};
  for (const [path, text] of Object.entries(c.files)) {
    if (path === CASE_FILE) continue;
    const binary = text.includes('\u0000');
    files[path] = { path, size: text.length, binary, ...(binary ? { unreadable: 'is not a text file' } : { text }) };
  }
  const compose = composeFileNames.find((n) => files[n] !== undefined);
  return { root: `/golden/${c.name}`, source: c.name, layout: compose ? 'with-compose' : 'without-compose', components: {}, ...(compose ? { compose } : {}), files };
}

/** `_case.yaml`: fields of the criterion, and `profile:` the built-in profile whose criterion and roles the case uses. */
function caseSettings(c: GoldenCase): Partial<Criterion> & { profile?: string } {
  return c.files[CASE_FILE] === undefined ? {} : (parse(c.files[CASE_FILE]) as Partial<Criterion> & { profile?: string });
}

function caseProfile(check: string, c: GoldenCase): RoleProfile {
  const id = caseSettings(c).profile;
  return id === undefined ? profileFor(check) : (builtinProfile(id) as RoleProfile);
}

function criterionOf(check: string, c: GoldenCase): Criterion {
  const criterion = caseProfile(check, c).criteria.find((k) => k.check === check)!;
  const { profile: _profile, ...own } = caseSettings(c);
  return { ...criterion, ...own };
}

/** The lines a check gives on a case: its findings rendered and sorted, or why it does not apply. */
export function caseLines(check: string, c: GoldenCase): string[] {
  const sub = submissionOf(c);
  const profile = caseProfile(check, c);
  const verdict = runRoleCheck(roleChecks[check], roleFacts(sub, profile), criterionOf(check, c), profile);
  if (!Array.isArray(verdict)) return [`not applicable: ${verdict.notApplicable}`];
  return [...verdict].sort(compareFindings).map(renderFinding);
}

for (const check of Object.keys(roleChecks).sort()) {
  const dir = join(testdata, check.replace(/\//g, '-'));
  const cases = existsSync(dir) ? loadGoldenCases(dir) : [];
  describe(`${check} golden cases`, () => {
    for (const c of cases) {
      it(c.name, () => {
        const actual = caseLines(check, c);
        if (c.kind === 'ok') {
          expect(actual).toEqual([]);
        } else {
          expect(actual.length, 'an err case must yield at least one line').toBeGreaterThan(0);
          expect(actual).toEqual(expectedLines(c, actual));
        }
      });
    }
    it('is proven both ways: ok cases and err cases', () => {
      expect(cases.filter((c) => c.kind === 'ok').length, `no ok case under ${dir}`).toBeGreaterThan(0);
      expect(cases.filter((c) => c.kind === 'err').length, `no err case under ${dir}`).toBeGreaterThan(0);
    });
  });
}

it('every testdata folder belongs to a registered check', () => {
  const known = new Set(Object.keys(roleChecks).map((c) => c.replace(/\//g, '-')));
  expect(readdirSync(testdata).filter((d) => !known.has(d))).toEqual([]);
});
