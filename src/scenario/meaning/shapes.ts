import { pointerTo, type Problem } from '../problems.js';
import { stepLists } from '../walk.js';
import { kindOf, matcherKeys, quantifiers, type Scenario } from '../types.js';

/** Headers rock-check sets itself, or that would change how the request travels. */
const ownHeaders = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'expect', 'keep-alive', 'te', 'trailer', 'proxy-authorization', 'cookie']);
const captureKinds: Record<string, string[]> = { json: ['http', 'sql', 'redis', 'inspect'], header: ['http'], regex: ['http', 'exec'], request: ['http'] };

/**
 * Forms the schema cannot say: one quantifier or matcher keys per JSON
 * expectation, captures that fit the step's kind, headers a profile may
 * set, and `stick` names shared only by steps with as many variants.
 */
export function shapeProblems(s: Scenario): Problem[] {
  const out: Problem[] = [];
  const sticks = new Map<string, { count: number; pointer: string }>();
  for (const list of stepLists(s)) {
    list.steps.forEach((step, i) => {
      if ('use' in step) return;
      const kind = kindOf(step);
      const at = (...t: (string | number)[]) => pointerTo(list.pointer, i, ...t);
      step.expect?.json?.forEach((item, j) => {
        const keys = Object.keys(item).filter((k) => k !== 'path');
        const qs = keys.filter((k) => (quantifiers as readonly string[]).includes(k));
        if (qs.length > 1) out.push({ pointer: at('expect', 'json', j), message: `has ${qs.join(' and ')}: one quantifier per expectation` });
        else if (qs.length === 1 && keys.some((k) => (matcherKeys as readonly string[]).includes(k))) {
          out.push({ pointer: at('expect', 'json', j), message: `has ${qs[0]} and matcher keys beside it: put the matcher under ${qs[0]}` });
        }
      });
      for (const [name, c] of Object.entries(step.capture ?? {})) {
        const source = Object.keys(captureKinds).find((k) => k in c)!;
        if (!captureKinds[source].includes(kind)) out.push({ pointer: at('capture', name, source), message: `a ${source} capture needs ${captureKinds[source].join(' or ')} step, not ${kind}` });
        if (c.pick !== undefined && source !== 'json' && source !== 'request') out.push({ pointer: at('capture', name, 'pick'), message: 'pick applies to json and request captures' });
        if (c.group !== undefined && source !== 'regex') out.push({ pointer: at('capture', name, 'group'), message: 'group applies to regex captures' });
      }
      const headerSets: [(string | number)[], Record<string, string> | undefined][] = [
        [['http', 'headers'], 'http' in step ? step.http.headers : undefined],
        ...(step.variants ?? []).map((v, j): [(string | number)[], Record<string, string> | undefined] => [['variants', j, 'headers'], v.headers as Record<string, string> | undefined]),
      ];
      for (const [path, headers] of headerSets) {
        for (const h of Object.keys(headers ?? {})) {
          if (ownHeaders.has(h.toLowerCase()) || h.toLowerCase().startsWith('proxy-')) out.push({ pointer: at(...path, h), message: `${h} is set by rock-check, not by a profile` });
        }
      }
      if (step.stick !== undefined) {
        if (!step.variants) out.push({ pointer: at('stick'), message: 'stick keeps the variant that passed: the step needs variants' });
        else {
          const seen = sticks.get(step.stick);
          if (seen && seen.count !== step.variants.length) {
            out.push({ pointer: at('stick'), message: `"${step.stick}" is also the stick of ${seen.pointer}, which has ${seen.count} variants, not ${step.variants.length}` });
          }
          sticks.set(step.stick, seen ?? { count: step.variants.length, pointer: at() });
        }
      }
    });
  }
  return out;
}
