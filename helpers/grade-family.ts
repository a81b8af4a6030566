import { describe, inject } from 'vitest';
import { gradeRules, type RuleFamily, type RuleVerdict } from '../src/rules/rule.js';
import { gradeCriterion } from './criterion.js';

/**
 * One test per rule of a static family: the family's rules run once over the
 * submission, each test reports its rule's verdict. A rule that cannot be
 * checked (its input missing or unreadable) fails with one line naming the
 * root criterion; see Rule.requires.
 */
export function gradeFamily<I>(family: RuleFamily<I>): void {
  const { submission, profile } = inject('grading');
  const notApplicable = family.notApplicable?.(submission, profile);
  let results: Map<string, RuleVerdict> | undefined;
  describe(family.area, () => {
    for (const rule of family.rules) {
      gradeCriterion(
        rule.id,
        () => {
          if (notApplicable) return { notApplicable };
          results ??= gradeRules(family, submission, profile);
          return results.get(rule.id) ?? [];
        },
        { docs: rule.docs },
      );
    }
  });
}
