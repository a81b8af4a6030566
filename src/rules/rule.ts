import type { Finding, Severity } from '../model/finding.js';
import type { Submission } from '../model/submission.js';
import type { Area, Profile } from '../profile/profile.js';

/** Static metadata of a check, shown in docs and reports. */
export interface RuleMeta {
  /** Stable ID, e.g. RC-DF001; never reused for another meaning. */
  id: string;
  title: string;
  severity: Severity;
  /** One paragraph: what the rule wants and why, for the student. */
  docs: string;
}

/** A check: a pure function from one parsed input to findings. No I/O. */
export interface Rule<I> extends RuleMeta {
  check(input: I): Finding[];
}

/**
 * A family of rules over one kind of input (Dockerfiles, compose files, ...).
 * `inputs` turns the submission model into parsed inputs (also pure: it reads
 * only the model's file contents).
 */
export interface RuleFamily<I> {
  area: Area;
  rules: Rule<I>[];
  /**
   * Why the family does not apply to this submission (e.g. "no compose file:
   * graded as an api repository"), or undefined when it does. Criteria of a
   * family that does not apply are reported as not applicable, not passed.
   */
  notApplicable?(sub: Submission, profile: Profile): string | undefined;
  inputs(sub: Submission, profile: Profile): I[];
}

export function defineRule<I>(rule: Rule<I>): Rule<I> {
  return rule;
}

/** Runs every rule of a family over every input; findings grouped by rule ID. */
export function runFamily<I>(family: RuleFamily<I>, sub: Submission, profile: Profile): Map<string, Finding[]> {
  const inputs = family.inputs(sub, profile);
  const out = new Map<string, Finding[]>();
  for (const rule of family.rules) {
    out.set(
      rule.id,
      inputs.flatMap((input) => rule.check(input)),
    );
  }
  return out;
}
