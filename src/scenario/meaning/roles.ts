import { pointerTo, type Problem } from '../problems.js';
import { stepLists } from '../walk.js';
import type { Scenario } from '../types.js';

const roleKeys: Record<string, string[]> = { http: ['role'], sql: ['role'], redis: ['role'], exec: ['role'], inspect: ['role'], recreate: ['role'], restart: ['role'], connect: ['from', 'to'] };

/** Every role a step or a criterion's `at` names is one of the scenario's roles. */
export function roleProblems(s: Scenario): Problem[] {
  const known = Object.keys(s.roles);
  const out: Problem[] = [];
  const check = (role: string, pointer: string) => {
    if (!Object.hasOwn(s.roles, role)) out.push({ pointer, message: `names the role "${role}", which the scenario does not define (roles: ${known.join(', ')})` });
  };
  for (const list of stepLists(s)) {
    list.steps.forEach((step, i) => {
      for (const [kind, keys] of Object.entries(roleKeys)) {
        const body = (step as Record<string, unknown>)[kind] as Record<string, string> | undefined;
        if (body) for (const k of keys) check(body[k], pointerTo(list.pointer, i, kind, k));
      }
    });
  }
  for (const [id, c] of Object.entries(s.criteria)) if (c.at?.role !== undefined) check(c.at.role, pointerTo('', 'criteria', id, 'at', 'role'));
  return out;
}
