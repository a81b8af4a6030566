import type { Observation } from './observation.js';
import type { Hints } from './types.js';

/**
 * The hint for a failed attempt: one for its exact status or SQLSTATE, else
 * for its class (`5xx`, `42`), else the step's own hint.
 */
export function hintFor(hints: Hints | undefined, hint: string | undefined, obs: Observation): string | undefined {
  const byStatus = hints?.status;
  if (byStatus && obs.status !== undefined) {
    const h = byStatus[String(obs.status)] ?? byStatus[`${Math.floor(obs.status / 100)}xx`];
    if (h) return h;
  }
  const state = obs.failure?.sqlstate;
  const byState = hints?.sqlstate;
  if (byState && state) {
    const h = byState[state] ?? byState[state.slice(0, 2)];
    if (h) return h;
  }
  return hint;
}
