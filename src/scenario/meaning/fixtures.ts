import { pointerTo, type Problem } from '../problems.js';
import { stepLists } from '../walk.js';
import type { Scenario } from '../types.js';

/**
 * Every `use` names a fixture; each fixture's criterion exists and uses it
 * (that criterion reports the fixture's failure; the others point at it);
 * fixtures do not use each other in a cycle.
 */
export function fixtureProblems(s: Scenario): Problem[] {
  const out: Problem[] = [];
  const fixtures = s.fixtures ?? {};
  for (const list of stepLists(s)) {
    list.steps.forEach((step, i) => {
      if ('use' in step && !Object.hasOwn(fixtures, step.use)) {
        out.push({ pointer: pointerTo(list.pointer, i, 'use'), message: `names the fixture "${step.use}", which the scenario does not define` });
      }
    });
  }
  for (const [name, f] of Object.entries(fixtures)) {
    const pointer = pointerTo('', 'fixtures', name, 'criterion');
    const owner = s.criteria[f.criterion];
    if (!owner) out.push({ pointer, message: `names the criterion ${f.criterion}, which the scenario does not define` });
    else if (!owner.steps.some((st) => 'use' in st && st.use === name)) {
      out.push({ pointer, message: `${f.criterion} reports this fixture's failure, so it must use it (add "- use: ${name}" to its steps)` });
    }
  }
  const cycle = findCycle(fixtures);
  if (cycle) out.push({ pointer: pointerTo('', 'fixtures', cycle[0]), message: `fixtures use each other in a cycle: ${cycle.join(' → ')}` });
  return out;
}

function findCycle(fixtures: NonNullable<Scenario['fixtures']>): string[] | undefined {
  const uses = (name: string) => (fixtures[name]?.steps ?? []).flatMap((st) => ('use' in st ? [st.use] : []));
  const done = new Set<string>();
  const visit = (name: string, trail: string[]): string[] | undefined => {
    if (trail.includes(name)) return [...trail.slice(trail.indexOf(name)), name];
    if (done.has(name)) return undefined;
    for (const next of uses(name)) {
      const c = visit(next, [...trail, name]);
      if (c) return c;
    }
    done.add(name);
    return undefined;
  };
  for (const name of Object.keys(fixtures)) {
    const c = visit(name, []);
    if (c) return c;
  }
  return undefined;
}
