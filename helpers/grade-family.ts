import { describe, inject } from 'vitest';
import type { Finding } from '../src/model/finding.js';
import { adviceOf, type RuleFamily, type RuleVerdict } from '../src/rules/rule.js';
import { gradeCriterion, withAdvice } from './criterion.js';
import { familyVerdicts } from './family-verdicts.js';

/**
 * One test per rule of a static family: the family's rules run once over the
 * submission, each test reports its rule's verdict. A rule that cannot be
 * checked (its input missing or unreadable) fails with one line naming the
 * root criterion; see Rule.requires.
 */
export function gradeFamily<I>(family: RuleFamily<I>): void {
  const { submission, profile } = inject('grading');
  let results: Map<string, RuleVerdict> | undefined;
  let advice: Map<string, Finding[]> | undefined;
  describe(family.area, () => {
    for (const rule of family.rules) {
      gradeCriterion(
        rule.id,
        () => {
          results ??= familyVerdicts(family, submission, profile);
          advice ??= adviceOf(family, submission, profile);
          return withAdvice(results.get(rule.id) ?? [], advice.get(rule.id));
        },
        { docs: rule.docs },
      );
    }
  });
}
