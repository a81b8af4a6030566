import type { Submission } from '../src/model/submission.js';
import type { Profile } from '../src/profile/profile.js';
import { gradeRules, type RuleFamily, type RuleVerdict } from '../src/rules/rule.js';

/**
 * The verdict of every rule of a static family over a submission, keyed by
 * rule ID: each rule not applicable when the family does not apply, else
 * what gradeRules gives. What the static suites report, without vitest.
 */
export function familyVerdicts<I>(family: RuleFamily<I>, submission: Submission, profile: Profile): Map<string, RuleVerdict> {
  const notApplicable = family.notApplicable?.(submission, profile);
  if (notApplicable) return new Map(family.rules.map((rule) => [rule.id, { notApplicable }]));
  return gradeRules(family, submission, profile);
}
