import { checkJson, type JsonContext } from './expect-json.js';
import { describeStatus, statusAccepted } from './expect-status.js';
import { checkText } from './expect-text.js';
import { schemaViolation } from './json-schema.js';
import { judge } from './matchers.js';
import { describeMatcher } from './describe-matcher.js';
import type { Observation } from './observation.js';
import type { Expect, StepKind } from './types.js';

/**
 * What an attempt did not get that the step expects, one line each; none
 * means it passed. An http step expects a 2xx status and an exec step exit
 * code 0 unless they say otherwise: a step never passes on a server error
 * only because it did not mention the status.
 */
export function unmetOf(kind: StepKind, expect: Expect | undefined, obs: Observation, ctx: JsonContext): string[] {
  if (obs.failure) return [obs.failure.line];
  const out = [...(obs.unmet ?? [])];
  const e = expect ?? {};
  if (kind === 'http') {
    const status = e.status ?? '2xx';
    if (obs.status === undefined || !statusAccepted(status, obs.status)) out.push(`expected status ${describeStatus(status)}`);
  }
  if (kind === 'exec') {
    const code = e.exitCode ?? 0;
    const j = judge(code, obs.exitCode ?? null, ctx);
    if (j.result !== 'pass') out.push(`expected exit code ${describeMatcher(code, ctx.show)}`);
  }
  if (e.json) out.push(...checkJson(e.json, obs.json ?? { absent: 'there is no JSON to check' }, ctx).map((u) => u.line));
  if (e.schema !== undefined) {
    if (!obs.json || 'absent' in obs.json) out.push(obs.json && 'absent' in obs.json ? obs.json.absent : 'there is no JSON to check');
    else {
      const bad = schemaViolation(e.schema, obs.json.value);
      if (bad) out.push(`the answer does not fit the expected schema: ${ctx.showText(bad.why)}`);
    }
  }
  const noun = kind === 'exec' ? 'stdout' : 'body';
  if (e.text) out.push(...checkText(e.text, obs.text, noun, ctx).map((u) => u.line));
  if (e.stdout) out.push(...checkText(e.stdout, obs.text, 'stdout', ctx).map((u) => u.line));
  if (e.stderr) out.push(...checkText(e.stderr, obs.stderr, 'stderr', ctx).map((u) => u.line));
  return [...new Set(out)];
}
