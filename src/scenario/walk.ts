import { pointerTo } from './problems.js';
import type { Scenario, Step } from './types.js';

export type Owner = { criterion: string } | { fixture: string };

/** A criterion's or a fixture's steps, with the JSON pointer of its `steps` list. */
export interface StepList {
  owner: Owner;
  pointer: string;
  steps: Step[];
}

export function stepLists(s: Scenario): StepList[] {
  return [
    ...Object.entries(s.fixtures ?? {}).map(([name, f]) => ({ owner: { fixture: name }, pointer: pointerTo('', 'fixtures', name, 'steps'), steps: f.steps })),
    ...Object.entries(s.criteria).map(([id, c]) => ({ owner: { criterion: id }, pointer: pointerTo('', 'criteria', id, 'steps'), steps: c.steps })),
  ];
}

/** Every string in a value, with its path below the value. */
export function* stringsIn(value: unknown, path: (string | number)[] = []): Generator<{ path: (string | number)[]; text: string }> {
  if (typeof value === 'string') yield { path, text: value };
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* stringsIn(value[i], [...path, i]);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* stringsIn(v, [...path, k]);
}
