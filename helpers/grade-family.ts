import { describe, inject } from 'vitest';
import type { Finding } from '../src/model/finding.js';
import { criterionFor, isCourseProfile } from '../src/profile/profile.js';
import { profileIdOf } from '../src/rules/course-checks.js';
import { adviceOf, inProfileTerms, type RuleFamily, type RuleVerdict } from '../src/rules/rule.js';
import { gradeCriterion, withAdvice } from './criterion.js';
import { familyVerdicts } from './family-verdicts.js';

/**
 * One test per rule of a static family whose check the profile's criteria
 * name, graded under the criterion's ID: the family's rules run once over
 * the submission, each test reports its rule's verdict. A rule that cannot
 * be checked (its input missing or unreadable) fails with one line naming
 * the root criterion; see Rule.requires. These are the course's checks:
 * they grade only a course profile.
 */
export function gradeFamily<I>(family: RuleFamily<I>): void {
  const { submission, profile } = inject('grading');
  if (!isCourseProfile(profile)) return;
  let results: Map<string, RuleVerdict> | undefined;
  let advice: Map<string, Finding[]> | undefined;
  const idOf = (builtinId: string) => profileIdOf(profile, builtinId);
  describe(family.area, () => {
    for (const rule of family.rules) {
      const criterion = criterionFor(profile, rule.name);
      if (!criterion) continue;
      gradeCriterion(
        criterion.id,
        () => {
          results ??= familyVerdicts(family, submission, profile);
          advice ??= adviceOf(family, submission, profile);
          const said = advice.get(rule.id)?.map((f) => inProfileTerms(f, idOf));
          return withAdvice(results.get(rule.id) ?? [], said);
        },
        { docs: rule.docs },
      );
    }
  });
}
