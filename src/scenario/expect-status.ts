import type { StatusSpec } from './types.js';

/** Whether a status is one the spec accepts: `401`, `"2xx"`, or a list of them. */
export function statusAccepted(spec: StatusSpec, status: number): boolean {
  return ([] as (number | string)[]).concat(spec).some((s) => (typeof s === 'number' ? s === status : Math.floor(status / 100) === Number(s[0])));
}

export function describeStatus(spec: StatusSpec): string {
  const all = ([] as (number | string)[]).concat(spec).map(String);
  return all.length === 1 ? all[0] : `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
}
