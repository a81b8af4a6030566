import { pointerTo, type Problem } from '../problems.js';
import { isSqlText, templateAllowed } from '../template-sites.js';
import { hasTemplate, parseTemplate, type Ref } from '../template.js';
import { stepLists, stringsIn } from '../walk.js';
import type { Scenario, Step } from '../types.js';

const capturesOf = (step: Step) => ('capture' in step && step.capture ? Object.keys(step.capture) : []);

/**
 * Templates are well formed, sit only where a value is sent or compared
 * (never in SQL text: values reach SQL only as parameters), and name a
 * value that exists by then: a capture of an earlier step of the same list,
 * or a capture of a fixture the list used before.
 */
export function templateProblems(s: Scenario): Problem[] {
  const out: Problem[] = [];
  const fixtures = s.fixtures ?? {};
  const fixtureCaptures = new Map(Object.entries(fixtures).map(([name, f]) => [name, new Set(f.steps.flatMap(capturesOf))]));
  for (const list of stepLists(s)) {
    const known = new Set<string>();
    const used = new Set<string>();
    list.steps.forEach((step, i) => {
      for (const { path, text } of stringsIn(step)) {
        if (!hasTemplate(text)) continue;
        const pointer = pointerTo(list.pointer, i, ...path);
        if (isSqlText(path)) {
          out.push({ pointer, message: 'SQL text holds no templates: write $1, $2… in the query and put the values in params' });
          continue;
        }
        if (!templateAllowed(path)) {
          out.push({ pointer, message: 'templates are allowed only in what a step sends and in the values expectations compare with, not here' });
          continue;
        }
        const parsed = parseTemplate(text);
        if ('error' in parsed) {
          out.push({ pointer, message: parsed.error });
          continue;
        }
        for (const part of parsed.parts) {
          if (typeof part === 'string') continue;
          const why = refProblem(part, { known, used, fixtureCaptures, later: list.steps.slice(i).flatMap(capturesOf) });
          if (why) out.push({ pointer, message: why });
        }
      }
      if ('use' in step) used.add(step.use);
      for (const name of capturesOf(step)) {
        const pointer = pointerTo(list.pointer, i, 'capture', name);
        if (fixtureCaptures.has(name)) out.push({ pointer, message: `"${name}" is the name of a fixture: give the capture another name` });
        else if (known.has(name)) out.push({ pointer, message: `"${name}" is already captured by an earlier step: give it another name` });
        known.add(name);
      }
    });
  }
  return out;
}

interface Known {
  known: Set<string>;
  used: Set<string>;
  fixtureCaptures: Map<string, Set<string>>;
  later: string[];
}

function refProblem(ref: Ref, k: Known): string | undefined {
  if (ref.root === '$run' || ref.root === '$rand' || k.known.has(ref.root)) return undefined;
  const fixture = k.fixtureCaptures.get(ref.root);
  if (fixture) {
    if (!k.used.has(ref.root)) return `{{${ref.text}}} is used before "use: ${ref.root}": add that step before this one`;
    const field = ref.fields[0];
    if (field === undefined) return `{{${ref.text}}} names a fixture, not a value: name one of its captures (${[...fixture].join(', ') || 'it captures nothing'})`;
    if (!fixture.has(String(field))) return `the fixture ${ref.root} captures no "${field}" (it captures: ${[...fixture].join(', ') || 'nothing'})`;
    return undefined;
  }
  if (k.later.includes(ref.root)) return `{{${ref.text}}} is used before it is captured: only an earlier step's captures can be used`;
  return `{{${ref.text}}} names no capture: no earlier step captures "${ref.root}" and no fixture has that name`;
}
