import { matchBounded, type RegexBounds } from './bounded-regex.js';
import { nodesAt } from './jsonpath.js';
import { asNumber } from './matchers.js';
import type { Observation } from './observation.js';
import { asText } from './template.js';
import type { CaptureSpec } from './types.js';

export interface Captured {
  values: Record<string, unknown>;
  /** Values captured with `secret: true`. */
  secrets: string[];
}

/** Takes a step's captures from what an attempt saw, or says which one it could not take. */
export function takeCaptures(specs: Record<string, CaptureSpec> | undefined, obs: Observation, bounds: { maxCaptureChars: number; regex: RegexBounds }): Captured | { unmet: string } {
  const out: Captured = { values: {}, secrets: [] };
  for (const [name, spec] of Object.entries(specs ?? {})) {
    const got = takeOne(spec, obs, bounds.regex);
    if ('missing' in got) return { unmet: `could not capture ${name}: ${got.missing}` };
    let value = got.value;
    if (spec.as === 'number') {
      const n = asNumber(value);
      if (n === undefined) return { unmet: `could not capture ${name}: the value is not a number` };
      value = n;
    } else if (spec.as === 'string') value = asText(value);
    const size = JSON.stringify(value)?.length ?? 0;
    if (size > bounds.maxCaptureChars) return { unmet: `could not capture ${name}: the value is ${size} characters long, more than the ${bounds.maxCaptureChars} a capture keeps` };
    out.values[name] = value;
    if (spec.secret) out.secrets.push(asText(value));
  }
  return out;
}

function takeOne(spec: CaptureSpec, obs: Observation, regex: RegexBounds): { value: unknown } | { missing: string } {
  if (spec.header !== undefined) {
    const v = obs.headers?.[spec.header.toLowerCase()];
    return v === undefined ? { missing: `the answer has no ${spec.header} header` } : { value: v };
  }
  if (spec.regex !== undefined) {
    if (obs.text === undefined) return { missing: 'there is no text to search' };
    const r = matchBounded(spec.regex, obs.text, regex);
    if ('undecided' in r) return { missing: r.undecided };
    const g = r.match?.[spec.group ?? (r.match.length > 1 ? 1 : 0)];
    return g === null || g === undefined ? { missing: `no match for /${spec.regex}/` } : { value: g };
  }
  const path = (spec.json ?? spec.request)!;
  const doc = spec.json !== undefined ? obs.json : obs.sent.request === undefined ? undefined : { value: obs.sent.request };
  if (!doc) return { missing: 'there is no JSON to take it from' };
  if ('absent' in doc) return { missing: doc.absent };
  const { nodes } = nodesAt(doc.value, path, 10_000);
  const pick = spec.pick ?? 'one';
  if (nodes.length === 0) return { missing: `${path} has no node` };
  if (pick === 'all') return { value: nodes.map((n) => n.value) };
  if (pick === 'one' && nodes.length > 1) return { missing: `${path} has ${nodes.length} nodes; one is needed (say pick: first or pick: all)` };
  return { value: nodes[0].value };
}
