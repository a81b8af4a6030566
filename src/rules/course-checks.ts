import type { Profile } from '../profile/profile.js';
import { composeFamily } from './compose/index.js';
import { configFamily } from './config/index.js';
import { dockerfileFamily } from './dockerfile/index.js';
import type { RuleFamily, RuleMeta } from './rule.js';
import { workflowFamily } from './workflows/index.js';

/**
 * Rock of Ages' built-in runtime checks, by check name, with the ID the
 * course's profile gives each (suites/runtime/course/*.suite.ts run them).
 */
export const courseProbes = {
  'runtime/images-build': 'RC-RT001',
  'runtime/stack-ready': 'RC-RT002',
  'rock-of-ages/seeded-row-counts': 'RC-RT003',
  'rock-of-ages/seeded-content': 'RC-RT004',
  'rock-of-ages/rocks-need-token': 'RC-RT005',
  'rock-of-ages/rocks-in-course-shape': 'RC-RT006',
  'rock-of-ages/register-creates-user': 'RC-RT007',
  'rock-of-ages/login-checks-password': 'RC-RT008',
  'rock-of-ages/created-rock-listed': 'RC-RT009',
  'rock-of-ages/only-owner-deletes': 'RC-RT010',
  'rock-of-ages/api-reaches-database': 'RC-RT011',
  'rock-of-ages/client-reaches-api': 'RC-RT012',
  'rock-of-ages/outside-cannot-resolve': 'RC-RT013',
  'rock-of-ages/data-survives-recreate': 'RC-RT014',
} as const;
export type CourseProbe = keyof typeof courseProbes;

/** The static rules of a course profile, every family's. */
export const courseRules: RuleMeta[] = ([dockerfileFamily, composeFamily, workflowFamily, configFamily] as RuleFamily<never>[]).flatMap((f) => f.rules);

/** Built-in ID -> check name, for every course check (rules and runtime probes). */
const checkOfBuiltinId = new Map<string, string>([
  ...courseRules.map((r) => [r.id, r.name] as [string, string]),
  ...Object.entries(courseProbes).map(([name, id]) => [id, name] as [string, string]),
]);

/** Every check a course profile's criterion may name. */
export const courseCheckNames: ReadonlySet<string> = new Set(checkOfBuiltinId.values());

/**
 * The profile's ID for a course check known by its built-in ID (RC-DF001 ->
 * the criterion whose check is dockerfile/present-and-parseable): identity
 * for Rock of Ages; the built-in ID when the profile does not grade that check.
 */
export function profileIdOf(profile: Pick<Profile, 'criteria'>, builtinId: string): string {
  const check = checkOfBuiltinId.get(builtinId);
  return (check && profile.criteria.find((c) => c.check === check)?.id) ?? builtinId;
}
