import type { RoleFacts } from '../../facts/role-facts.js';
import type { Finding } from '../../model/finding.js';
import type { Criterion, RoleProfile } from '../../profile/profile.js';

/** What a generic check is told besides the facts: its criterion, and the IDs the profile gives other checks (for cascade lines). */
export interface CheckContext {
  criterion: Criterion;
  profile: RoleProfile;
  /**
   * The profile's criterion ID for a check name, e.g. `compose/valid` -> `FH-CO001`; with a role, the criterion that
   * runs the check for that role when there is one; undefined when the profile does not grade it.
   */
  idOf(check: string, role?: string): string | undefined;
}

/**
 * A check of a generic rule pack: a pure function from the role facts and
 * the criterion's parameters to findings, or why it does not apply. Its
 * `params` JSON Schema is enforced when the profile is loaded.
 */
export interface RoleCheck<P = Record<string, unknown>> {
  /** Stable name a profile's criterion names in `check:`. */
  name: string;
  /** One paragraph for the student: what is wanted and why. */
  docs: string;
  /** JSON Schema (draft-07) of the criterion's `params`. */
  params: Record<string, unknown>;
  check(facts: RoleFacts, params: P, ctx: CheckContext): Finding[] | { notApplicable: string };
}
