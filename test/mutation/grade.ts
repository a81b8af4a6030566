import { familyVerdicts } from '../../helpers/family-verdicts.js';
import type { Submission } from '../../src/model/submission.js';
import type { Profile } from '../../src/profile/profile.js';
import type { CriterionStatus } from '../../src/report/report.js';
import { composeFamily } from '../../src/rules/compose/index.js';
import { configFamily } from '../../src/rules/config/index.js';
import { dockerfileFamily } from '../../src/rules/dockerfile/index.js';
import type { RuleFamily, RuleVerdict } from '../../src/rules/rule.js';
import { workflowFamily } from '../../src/rules/workflows/index.js';

/** The families suites/static/course/*.suite.ts grade; the test checks that they cover every static criterion of the profile. */
export const staticFamilies: RuleFamily<never>[] = [dockerfileFamily, composeFamily, workflowFamily, configFamily] as RuleFamily<never>[];

export interface Graded {
  status: CriterionStatus;
  /** The findings' messages, or why it does not apply, or the exception. */
  said: string[];
}

/**
 * Each static criterion's status as the suites report it (helpers/criterion.ts
 * and the collector): findings fail it, none pass it, a family that throws
 * errors every criterion it grades.
 */
export function gradeStatically(submission: Submission, profile: Profile): Map<string, Graded> {
  const out = new Map<string, Graded>();
  for (const family of staticFamilies) {
    let verdicts: Map<string, RuleVerdict>;
    try {
      verdicts = familyVerdicts(family, submission, profile);
    } catch (e) {
      for (const rule of family.rules) out.set(rule.id, { status: 'error', said: [String((e as Error).stack ?? e)] });
      continue;
    }
    for (const rule of family.rules) {
      const v = verdicts.get(rule.id) ?? [];
      out.set(
        rule.id,
        Array.isArray(v) ? { status: v.length === 0 ? 'pass' : 'fail', said: v.map((f) => `${f.file}${f.line ? `:${f.line}` : ''}: ${f.message}`) } : { status: 'not-applicable', said: [v.notApplicable] },
      );
    }
  }
  return out;
}
