import { takeCaptures } from './captures.js';
import { unmetOf } from './expect.js';
import { hintFor } from './hints.js';
import { durationMs } from './limits.js';
import { failureDetail, failureLine, type StepFailure } from './message.js';
import type { Observation } from './observation.js';
import { renderBody, renderExpect } from './render-step.js';
import type { Scope } from './scope.js';
import { observe } from './steps/observe.js';
import type { StepEnv } from './steps/env.js';
import { MissingValue } from './template.js';
import { bodyOf, kindOf, type Step, type StepKind } from './types.js';

export type StepResult =
  | { ok: true; captures: Record<string, unknown> }
  | { ok: false; failure: StepFailure }
  /** A template had no value: an earlier step failed, and its finding already says why. */
  | { ok: false; missing: string };

export interface StepRunContext extends StepEnv {
  scope: Scope;
  /** Variants that passed, by `stick` name, kept for the whole run. */
  stuck: Map<string, number>;
}

type Kind = Exclude<StepKind, 'use'>;

/**
 * Runs one step (not a `use`): each attempt tries the variants in order
 * (only the stuck one once a `stick` name holds one), until one passes its
 * expectations and gives its captures. A failed attempt is tried again
 * after `retry.interval`, at most `retry.count` times and within the step's
 * time budget, unless what every variant saw cannot change by waiting; the
 * failure reported is the last attempt's.
 */
export async function runStep(step: Exclude<Step, { use: string }>, ctx: StepRunContext): Promise<StepResult> {
  const kind = kindOf(step) as Kind;
  const stuck = step.stick === undefined ? undefined : ctx.stuck.get(step.stick);
  const order: (number | undefined)[] = step.variants ? (stuck !== undefined ? [stuck] : step.variants.map((_, i) => i)) : [undefined];
  const deadline = Date.now() + ctx.limits.stepBudgetMs;
  const tries = 1 + (step.retry?.count ?? 0);
  const interval = durationMs(step.retry?.interval, 1000);
  let last: { obs: Observation; unmet: string[] }[] = [];
  let made = 0;
  for (let attempt = 1; attempt <= tries; attempt++) {
    made = attempt;
    last = [];
    for (const v of order) {
      let body: unknown;
      let expect;
      try {
        body = renderBody(kind, bodyOf(step), v === undefined ? undefined : step.variants![v], ctx.scope);
        expect = renderExpect(step.expect, ctx.scope);
      } catch (e) {
        if (e instanceof MissingValue) return { ok: false, missing: e.message };
        throw e;
      }
      const size = JSON.stringify(body)?.length ?? 0;
      if (size > ctx.limits.http.maxRequestBytes) {
        return { ok: false, failure: { message: `the ${kind} step was not run: with its values filled in it is ${size} characters long, more than the ${ctx.limits.http.maxRequestBytes} a request may carry`, detail: [] } };
      }
      const obs = await observe(kind, body, ctx);
      for (const s of obs.secrets ?? []) ctx.secrets.add(s);
      const unmet = unmetOf(kind, expect, obs, matchContext(ctx));
      if (unmet.length === 0) {
        const captured = takeCaptures(step.capture, obs, ctx.limits);
        if (!('unmet' in captured)) {
          for (const s of captured.secrets) ctx.secrets.add(s);
          if (step.stick !== undefined && v !== undefined && !ctx.stuck.has(step.stick)) ctx.stuck.set(step.stick, v);
          return { ok: true, captures: captured.values };
        }
        unmet.push(captured.unmet);
      }
      last.push({ obs, unmet });
    }
    if (last.every((a) => a.obs.settled)) break;
    if (attempt < tries && Date.now() + interval < deadline) await sleep(interval);
    else break;
  }
  return { ok: false, failure: failureOf(step, last, made) };
}

function failureOf(step: Exclude<Step, { use: string }>, attempts: { obs: Observation; unmet: string[] }[], made: number): StepFailure {
  const [first, ...others] = attempts;
  const line = failureLine(first.obs, first.unmet);
  const message = others.length === 0 ? line : `none of the ${attempts.length} accepted forms passed: ${line}; ${others.map((a) => failureLine(a.obs, a.unmet)).join('; ')}`;
  const detail = attempts.flatMap((a) => failureDetail(a.obs, a.unmet));
  if (made > 1) detail.unshift(`tried ${made} times, ${step.retry?.interval ?? '1s'} apart; the last attempt:`);
  return { message, hint: hintFor(step.hints, step.hint, first.obs), detail };
}

function matchContext(ctx: StepRunContext) {
  const { secrets, limits } = ctx;
  return {
    show: (v: unknown) => secrets.value(v, limits.lineChars),
    showText: (s: string) => secrets.text(s, limits.lineChars),
    regex: limits.regex,
    maxNodes: limits.maxNodes,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
