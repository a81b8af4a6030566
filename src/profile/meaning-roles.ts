import type { MeaningProblem } from './meaning.js';

/**
 * Roles a check's params name that the stack does not declare: `role`,
 * each of `roles` and `private`, and the keys of `published` (the names the
 * generic checks give roles in their params). Paths are relative to params.
 */
export function paramRoleProblems(params: Record<string, unknown> | undefined, roles: string[]): MeaningProblem[] {
  if (params === undefined) return [];
  const named: { path: (string | number)[]; role: unknown }[] = [];
  if ('role' in params) named.push({ path: ['role'], role: params.role });
  for (const key of ['roles', 'private']) {
    const list = params[key];
    if (Array.isArray(list)) list.forEach((role, i) => named.push({ path: [key, i], role }));
  }
  const published = params.published;
  if (typeof published === 'object' && published !== null && !Array.isArray(published)) {
    for (const role of Object.keys(published)) named.push({ path: ['published', role], role });
  }
  return named
    .filter((n): n is { path: (string | number)[]; role: string } => typeof n.role === 'string' && !roles.includes(n.role))
    .map((n) => ({ path: n.path, message: `names the role "${n.role}", which stack.roles does not declare (roles: ${roles.join(', ')})` }));
}
