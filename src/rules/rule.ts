import type { Finding, Severity } from '../model/finding.js';
import type { Submission } from '../model/submission.js';
import type { Area, Profile } from '../profile/profile.js';

/** Static metadata of a check, shown in docs and reports. */
export interface RuleMeta {
  /** Built-in ID, e.g. RC-DF001: the ID the course's profile gives it; never reused for another meaning. */
  id: string;
  /** Stable check name a profile's criterion names in `check:`, e.g. `dockerfile/copy-not-add`. */
  name: string;
  title: string;
  severity: Severity;
  /** One paragraph: what the rule wants and why, for the student. */
  docs: string;
}

/**
 * Why a rule cannot judge an input: what it needs is missing or unreadable.
 * The criterion then fails with one line, `cannot be checked: <reason> (see
 * <see>)`, pointing at the criterion whose finding says what to fix.
 */
export interface Blocker {
  /** Where the student looks: the missing or unreadable file, or the folder it belongs in. */
  file: string;
  /** What is missing or unreadable, e.g. "there is no Dockerfile in rock-of-ages-api/". */
  reason: string;
  /** The root criterion, e.g. RC-DF001, whose own finding describes the problem. */
  see: string;
}

/**
 * A check: a pure function from one parsed input to findings. No I/O.
 *
 * No findings is not the same as checked. A rule that reads a part of its
 * input (the Dockerfile's instructions, the deploy workflow, the seed
 * script) declares it in `requires`: given an input that lacks that part, or
 * whose part cannot be read, it returns a Blocker naming the root criterion,
 * and the framework fails the criterion with that one line instead of calling
 * `check` (which may then assume the part is there). A family whose `inputs`
 * yields nothing fails each of its rules the same way (`RuleFamily.noInput`).
 * The root criterion itself (RC-DF001, RC-CO001, RC-WF001, ...) declares no
 * `requires` and reports the missing or broken file in its own findings.
 * `notApplicable` is only for what the submission's layout legitimately
 * lacks (no client in an api repository), never for a missing file; when it
 * says so for every input, the criterion is not applicable. The line between
 * the two: a Blocker for an input the assignment demands of this kind of
 * submission (the course folder's compose file), not applicable for what it
 * may lack (an api repository's compose file, a fresh clone's .env.local).
 * One absence is charged once: a rule that judges whatever files of a kind
 * are there (every env file) is not applicable when there is none, rather
 * than failing again for the one file another criterion demands. A rule whose
 * criterion genuinely holds without the part (no env file means no env file
 * with secrets committed) declares nothing and returns no findings.
 *
 * `advise` gives advice beside the verdict, on the inputs `check` judges: a
 * risk the criterion does not grade (an env file git does not track, which
 * only an image built from the student's own folder takes). Its findings are
 * warnings, reported with the criterion, and never make it fail.
 */
export interface Rule<I> extends RuleMeta {
  requires?(input: I): Blocker | undefined;
  notApplicable?(input: I): string | undefined;
  check(input: I): Finding[];
  advise?(input: I): Finding[];
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
  /** Why a family that applies has no input at all; every rule then fails with it. */
  noInput?(sub: Submission, profile: Profile): Blocker;
}

export function defineRule<I>(rule: Rule<I>): Rule<I> {
  return rule;
}

/** What grading one rule gives: its findings (none: the criterion holds), or why it does not apply. */
export type RuleVerdict = Finding[] | { notApplicable: string };

/** The one line of a criterion that cannot be checked. */
export function cannotBeChecked(rule: RuleMeta, blocker: Blocker, severity: Severity = rule.severity): Finding {
  return { ruleId: rule.id, severity, file: blocker.file, message: `cannot be checked: ${blocker.reason} (see ${blocker.see})` };
}

/** `cannot be checked: … (see RC-DF001)`, and the runtime's `cannot be checked: … (…; see FH-RT001)`: any profile's criterion ID. */
const CASCADE = /^cannot be checked: [\s\S]*\bsee ([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\)$/;
/** The root criterion a cascade line ends by naming, `(see <ID>)` or `(…; see <ID>)`. */
const SEE_AT_END = /(\bsee )([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\)$/;

/**
 * The finding in the profile's terms: its rule's built-in ID (RC-DF001), and
 * the root criterion a cascade line names, replaced by the IDs the profile
 * gives those checks.
 */
export function inProfileTerms(f: Finding, profileIdOf: (builtinId: string) => string): Finding {
  const message = CASCADE.test(f.message) ? f.message.replace(SEE_AT_END, (_all, see: string, root: string) => `${see}${profileIdOf(root)})`) : f.message;
  return { ...f, ruleId: profileIdOf(f.ruleId), message };
}

/**
 * The root criteria of a criterion that failed only because it could not be
 * checked (every finding a cascade line), else undefined.
 */
export function cascadeRoots(findings: Finding[]): string[] | undefined {
  const roots = findings.map((f) => CASCADE.exec(f.message)?.[1]);
  if (roots.length === 0 || roots.some((r) => r === undefined)) return undefined;
  return [...new Set(roots as string[])].sort();
}

/** The profile decides whether a criterion is required (error) or advice (warning). */
function severityOf(rule: RuleMeta, profile: Profile): Severity {
  const level = profile.criteria.find((c) => c.check === rule.name)?.level;
  return level === undefined ? rule.severity : level === 'required' ? 'error' : 'warning';
}

/**
 * Grades every rule of a family over every input: a blocked input gives the
 * rule's one cascade line, the others its findings; a family with no input
 * fails every rule. Verdicts keyed by rule ID.
 */
export function gradeRules<I>(family: RuleFamily<I>, sub: Submission, profile: Profile): Map<string, RuleVerdict> {
  const inputs = family.inputs(sub, profile);
  const out = new Map<string, RuleVerdict>();
  for (const rule of family.rules) {
    const severity = severityOf(rule, profile);
    if (inputs.length === 0) {
      const blocker = family.noInput?.(sub, profile) ?? { file: '.', reason: `the submission has nothing the ${family.area} checks read`, see: rule.id };
      out.set(rule.id, [cannotBeChecked(rule, blocker, severity)]);
      continue;
    }
    const applicable = inputs.filter((input) => rule.notApplicable?.(input) === undefined);
    if (applicable.length === 0) {
      out.set(rule.id, { notApplicable: rule.notApplicable!(inputs[0])! });
      continue;
    }
    const findings: Finding[] = [];
    const cascades = new Set<string>();
    for (const input of applicable) {
      const blocker = rule.requires?.(input);
      if (!blocker) {
        findings.push(...rule.check(input));
        continue;
      }
      const f = cannotBeChecked(rule, blocker, severity);
      if (cascades.has(`${f.file}\n${f.message}`)) continue;
      cascades.add(`${f.file}\n${f.message}`);
      findings.push(f);
    }
    out.set(rule.id, findings);
  }
  return out;
}

/** The advice of each rule that gives some, keyed by rule ID: `advise` on every input the rule judges (see Rule.advise). */
export function adviceOf<I>(family: RuleFamily<I>, sub: Submission, profile: Profile): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const advising = family.rules.filter((rule) => rule.advise !== undefined);
  if (advising.length === 0 || family.notApplicable?.(sub, profile) !== undefined) return out;
  const inputs = family.inputs(sub, profile);
  for (const rule of advising) {
    const judged = inputs.filter((input) => rule.notApplicable?.(input) === undefined && rule.requires?.(input) === undefined);
    const advice = judged.flatMap((input) => rule.advise!(input));
    if (advice.length > 0) out.set(rule.id, advice);
  }
  return out;
}

/** Findings of every rule of a family, grouped by rule ID (a rule that does not apply has none). */
export function runFamily<I>(family: RuleFamily<I>, sub: Submission, profile: Profile): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const [id, verdict] of gradeRules(family, sub, profile)) out.set(id, Array.isArray(verdict) ? verdict : []);
  return out;
}
