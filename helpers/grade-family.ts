import { describe, inject } from 'vitest';
import type { Finding } from '../src/model/finding.js';
import { runFamily, type RuleFamily } from '../src/rules/rule.js';
import { gradeCriterion } from './criterion.js';

/**
 * One test per rule of a static family: the family's rules run once over the
 * submission, each test reports its rule's findings.
 */
export function gradeFamily<I>(family: RuleFamily<I>): void {
  const { submission, profile } = inject('grading');
  const notApplicable = family.notApplicable?.(submission, profile);
  let results: Map<string, Finding[]> | undefined;
  describe(family.area, () => {
    for (const rule of family.rules) {
      gradeCriterion(
        rule.id,
        () => {
          if (notApplicable) return { notApplicable };
          results ??= runFamily(family, submission, profile);
          return results.get(rule.id) ?? [];
        },
        { docs: rule.docs },
      );
    }
  });
}
