import { expect, inject, test } from 'vitest';
import { renderFinding } from '../src/model/finding.js';
import type { Criterion } from '../src/profile/profile.js';
import type { RuleVerdict } from '../src/rules/rule.js';
import './context.js';

/** Findings (none: the criterion passes; a `cannot be checked` line: its input is missing), or why it does not apply. */
export type CriterionVerdict = RuleVerdict;

/**
 * Declares the test that grades one criterion of the profile. The body returns
 * the findings (none means the criterion passes) or why it does not apply.
 * Findings travel to the reporter in task.meta; the test fails exactly when
 * there are findings, so vitest's own verdict and the report agree.
 * Criteria the profile does not list are not graded.
 */
export function gradeCriterion(
  id: string,
  body: (criterion: Criterion) => CriterionVerdict | Promise<CriterionVerdict>,
  opts: { timeout?: number; docs?: string } = {},
): void {
  const criterion = inject('grading').profile.criteria.find((c) => c.id === id);
  if (!criterion) return;
  test(
    `${id} ${criterion.title}`,
    async (ctx) => {
      ctx.task.meta.criterion = id;
      if (opts.docs) ctx.task.meta.docs = opts.docs;
      const verdict = await body(criterion);
      if (!Array.isArray(verdict)) {
        ctx.task.meta.notApplicable = verdict.notApplicable;
        ctx.skip(verdict.notApplicable);
        return;
      }
      ctx.task.meta.findings = verdict;
      expect(verdict.map(renderFinding)).toEqual([]);
    },
    opts.timeout,
  );
}
