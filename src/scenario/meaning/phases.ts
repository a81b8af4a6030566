import { pointerTo, type Problem } from '../problems.js';
import { destructiveKinds, kindOf, type Scenario } from '../types.js';

/**
 * Each criterion's phase is one of the scenario's; a destructive step
 * (recreate, restart) sits only in a criterion of the last phase, never in
 * a fixture: it would change the stack under every check that follows.
 */
export function phaseProblems(s: Scenario): Problem[] {
  const out: Problem[] = [];
  const last = s.phases[s.phases.length - 1];
  for (const [id, c] of Object.entries(s.criteria)) {
    if (!s.phases.includes(c.phase)) out.push({ pointer: pointerTo('', 'criteria', id, 'phase'), message: `names the phase "${c.phase}", which is not in phases (${s.phases.join(', ')})` });
    c.steps.forEach((step, i) => {
      const kind = kindOf(step);
      if (destructiveKinds.includes(kind) && c.phase !== last) {
        out.push({ pointer: pointerTo('', 'criteria', id, 'steps', i, kind), message: `a ${kind} step changes the stack for every later check: it belongs in the last phase (${last}), not in ${c.phase}` });
      }
    });
  }
  for (const [name, f] of Object.entries(s.fixtures ?? {})) {
    f.steps.forEach((step, i) => {
      const kind = kindOf(step);
      if (destructiveKinds.includes(kind)) out.push({ pointer: pointerTo('', 'fixtures', name, 'steps', i, kind), message: `a fixture runs whenever it is first used: a ${kind} step belongs in a criterion of the last phase` });
    });
  }
  return out;
}
