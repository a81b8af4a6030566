import { inject } from 'vitest';
import { criterionFor, isCourseProfile, type Criterion } from '../src/profile/profile.js';
import { profileIdOf, type CourseProbe } from '../src/rules/course-checks.js';
import { inProfileTerms } from '../src/rules/rule.js';
import { gradeCriterion, type CriterionVerdict } from './criterion.js';

/**
 * Declares the test of one of the course's built-in runtime checks, graded
 * under the ID the profile gives its check (none when the profile does not
 * name it, or is not a course profile). Findings carry the profile's IDs:
 * the criterion's, and the root criterion a cascade line points at.
 */
export function gradeCourseCheck(
  check: CourseProbe,
  body: (criterion: Criterion) => CriterionVerdict | Promise<CriterionVerdict>,
  opts: { timeout?: number; docs?: string } = {},
): void {
  const { profile } = inject('grading');
  if (!isCourseProfile(profile)) return;
  const criterion = criterionFor(profile, check);
  if (!criterion) return;
  const inTerms = (f: Parameters<typeof inProfileTerms>[0]) => inProfileTerms(f, (id) => profileIdOf(profile, id));
  gradeCriterion(
    criterion.id,
    async (c) => {
      const verdict = await body(c);
      if (Array.isArray(verdict)) return verdict.map(inTerms);
      if ('findings' in verdict) return { findings: verdict.findings.map(inTerms), advice: verdict.advice.map(inTerms) };
      return verdict;
    },
    opts,
  );
}
