import { expect, inject, test } from 'vitest';
import { renderFinding, type Finding } from '../src/model/finding.js';
import type { Criterion } from '../src/profile/profile.js';
import type { RuleVerdict } from '../src/rules/rule.js';
import './context.js';

/**
 * Findings (none: the criterion passes; a `cannot be checked` line: its input
 * is missing), or why it does not apply; or findings with advice beside them
 * (see Rule.advise), reported with the criterion but never failing it.
 */
export type CriterionVerdict = RuleVerdict | { findings: Finding[]; advice: Finding[] };

/** A rule's verdict with its advice, when it has some. */
export function withAdvice(verdict: RuleVerdict, advice: Finding[] | undefined): CriterionVerdict {
  return Array.isArray(verdict) && advice !== undefined && advice.length > 0 ? { findings: verdict, advice } : verdict;
}

/**
 * Declares the test that grades one criterion of the profile. The body returns
 * the findings (none means the criterion passes) or why it does not apply.
 * Findings travel to the reporter in task.meta; the test fails exactly when
 * there are findings other than advice, so vitest's own verdict and the
 * report agree.
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
      if (!Array.isArray(verdict) && 'notApplicable' in verdict) {
        ctx.task.meta.notApplicable = verdict.notApplicable;
        ctx.skip(verdict.notApplicable);
        return;
      }
      const { findings, advice } = Array.isArray(verdict) ? { findings: verdict, advice: [] } : verdict;
      ctx.task.meta.findings = [...findings, ...advice];
      expect(findings.map(renderFinding)).toEqual([]);
    },
    opts.timeout,
  );
}
