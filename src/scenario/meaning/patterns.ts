import { patternProblem } from '../bounded-regex.js';
import { compileSchema } from '../json-schema.js';
import { jsonPathProblem } from '../jsonpath.js';
import { pointerTo, type Problem } from '../problems.js';
import { hasTemplate } from '../template.js';
import { stepLists } from '../walk.js';
import { isFind, isMatcherObject, type Expect, type Scenario } from '../types.js';

type Part = { path: (string | number)[]; kind: 'regex' | 'schema' | 'jsonPath'; value: unknown };

/** Regexes compile, JSON paths parse (without match/search), schemas compile: checked once, before anything runs. */
export function patternProblems(s: Scenario): Problem[] {
  const out: Problem[] = [];
  for (const list of stepLists(s)) {
    list.steps.forEach((step, i) => {
      const parts: Part[] = [];
      if ('expect' in step && step.expect) parts.push(...expectParts(step.expect));
      for (const [name, c] of Object.entries(('capture' in step && step.capture) || {})) {
        if (c.regex !== undefined) parts.push({ path: ['capture', name, 'regex'], kind: 'regex', value: c.regex });
        if (c.json !== undefined) parts.push({ path: ['capture', name, 'json'], kind: 'jsonPath', value: c.json });
        if (c.request !== undefined) parts.push({ path: ['capture', name, 'request'], kind: 'jsonPath', value: c.request });
      }
      for (const p of parts) {
        // A template here is reported by the template check; the text is no pattern yet.
        if (p.kind !== 'schema' && hasTemplate(String(p.value))) continue;
        const why = p.kind === 'regex' ? patternProblem(String(p.value)) : p.kind === 'jsonPath' ? jsonPathProblem(String(p.value)) : schemaProblem(p.value);
        if (why) out.push({ pointer: pointerTo(list.pointer, i, ...p.path), message: why });
      }
    });
  }
  return out;
}

function schemaProblem(schema: unknown): string | undefined {
  const v = compileSchema(schema);
  return typeof v === 'string' ? v : undefined;
}

function expectParts(e: Expect): Part[] {
  const out: Part[] = [];
  if (e.schema !== undefined) out.push({ path: ['expect', 'schema'], kind: 'schema', value: e.schema });
  e.json?.forEach((item, i) => {
    out.push({ path: ['expect', 'json', i, 'path'], kind: 'jsonPath', value: item.path });
    out.push(...matcherParts(item, ['expect', 'json', i]));
    for (const q of ['one', 'some', 'all', 'none', 'count'] as const) out.push(...matcherParts(item[q], ['expect', 'json', i, q]));
  });
  for (const key of ['text', 'stdout', 'stderr'] as const) {
    e[key]?.forEach((item, i) => {
      if (isFind(item)) {
        out.push({ path: ['expect', key, i, 'find'], kind: 'regex', value: item.find });
        out.push(...matcherParts(item.that, ['expect', key, i, 'that']));
      } else out.push(...matcherParts(item, ['expect', key, i]));
    });
  }
  out.push(...matcherParts(e.exitCode, ['expect', 'exitCode']));
  return out;
}

/** The regexes and schemas inside a matcher, at any depth of not / anyOf / asNumber. */
function matcherParts(m: unknown, path: (string | number)[]): Part[] {
  if (!isMatcherObject(m)) return [];
  const o = m as Record<string, unknown>;
  const out: Part[] = [];
  if (typeof o.regex === 'string') out.push({ path: [...path, 'regex'], kind: 'regex', value: o.regex });
  if (o.schema !== undefined) out.push({ path: [...path, 'schema'], kind: 'schema', value: o.schema });
  out.push(...matcherParts(o.not, [...path, 'not']), ...matcherParts(o.asNumber, [...path, 'asNumber']));
  if (Array.isArray(o.anyOf)) o.anyOf.forEach((a, j) => out.push(...matcherParts(a, [...path, 'anyOf', j])));
  return out;
}
