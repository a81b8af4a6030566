import type { RoleFacts } from '../../facts/role-facts.js';
import type { Criterion, RoleProfile, StackLayout } from '../../profile/profile.js';
import type { RuleVerdict } from '../rule.js';
import { NO_COMPOSE } from './needs.js';
import type { CheckContext, RoleCheck } from './role-check.js';

const outsideLayout: Record<StackLayout, string> = {
  run: NO_COMPOSE,
  compose: 'the submission has a compose file: this criterion grades the submissions without one',
};

/** Grades one criterion with its check: not applicable in a layout the criterion excludes. */
export function runRoleCheck(check: RoleCheck<never>, facts: RoleFacts, criterion: Criterion, profile: RoleProfile): RuleVerdict {
  if (criterion.layouts !== undefined && !criterion.layouts.includes(facts.layout)) return { notApplicable: outsideLayout[facts.layout] };
  const ctx: CheckContext = {
    criterion,
    profile,
    idOf: (name, role) => {
      const runs = profile.criteria.filter((c) => c.check === name);
      return (runs.find((c) => role !== undefined && c.params?.role === role) ?? runs[0])?.id;
    },
  };
  return (check as RoleCheck<Record<string, unknown>>).check(facts, criterion.params ?? {}, ctx);
}
