import type { Submission } from '../src/model/submission.js';
import type { Profile } from '../src/profile/profile.js';
import { profileIdOf } from '../src/rules/course-checks.js';
import { gradeRules, inProfileTerms, type RuleFamily, type RuleVerdict } from '../src/rules/rule.js';

/**
 * The verdict of every rule of a static family over a submission, keyed by
 * rule ID: each rule not applicable when the family does not apply, else
 * what gradeRules gives, in the profile's terms (each finding under the ID
 * the profile gives the rule's check, cascade lines naming the profile's
 * root criteria). What the static suites report, without vitest.
 */
export function familyVerdicts<I>(family: RuleFamily<I>, submission: Submission, profile: Profile): Map<string, RuleVerdict> {
  const notApplicable = family.notApplicable?.(submission, profile);
  if (notApplicable) return new Map(family.rules.map((rule) => [rule.id, { notApplicable }]));
  const verdicts = gradeRules(family, submission, profile);
  const idOf = (builtinId: string) => profileIdOf(profile, builtinId);
  for (const rule of family.rules) {
    const verdict = verdicts.get(rule.id);
    if (!Array.isArray(verdict)) continue;
    verdicts.set(rule.id, verdict.map((f) => inProfileTerms(f, idOf)));
  }
  return verdicts;
}
