import type { StackDriver } from './driver.js';
import type { StepFailure } from './message.js';
import { runStep, type StepRunContext } from './run-step.js';
import { rolesOf } from './steps/observe.js';
import { bodyOf, kindOf, type Scenario, type Step } from './types.js';

/** Why a step list stopped before its end without a failure of its own. */
export type Stop =
  /** A role it needs is not running, or a fixture could not be set up: `cannot be checked: …`. */
  | { blocked: string }
  /** A role the submission legitimately lacks. */
  | { notApplicable: string };

export interface ListOutcome {
  failures: StepFailure[];
  stop?: Stop;
  /** The captures of every step that passed. */
  captures: Record<string, unknown>;
}

export interface ListContext extends StepRunContext {
  scenario: Scenario;
  /** Runs a fixture (once per run) and gives its captures, or why it failed. */
  useFixture(name: string): Promise<FixtureOutcome>;
  /** The criterion the list belongs to, for a fixture's own failure. */
  criterion?: string;
}

export type FixtureOutcome = { ok: true; captures: Record<string, unknown> } | { ok: false; failure?: StepFailure; stop?: Stop };

/**
 * Runs a list of steps in order. A failed step ends the list unless it says
 * `continueOnFail`; a step whose inputs are missing after a failure is
 * skipped (the failure already explains it). A fixture that failed stops
 * the list: its own criterion reports the failure, the others say they
 * cannot be checked and point at it.
 */
export async function runStepList(steps: Step[], ctx: ListContext): Promise<ListOutcome> {
  const out: ListOutcome = { failures: [], captures: {} };
  for (const step of steps) {
    const kind = kindOf(step);
    if ('use' in step) {
      const f = await ctx.useFixture(step.use);
      if (f.ok) {
        ctx.scope.useFixture(step.use, f.captures);
        continue;
      }
      const owner = ctx.scenario.fixtures?.[step.use]?.criterion;
      if (f.stop) out.stop = f.stop;
      else if (owner === ctx.criterion && f.failure) out.failures.push(f.failure);
      else out.stop = { blocked: `${f.failure?.message ?? `the fixture ${step.use} failed`} (see ${owner})` };
      return out;
    }
    const stop = await roleStop(rolesOf(kind, bodyOf(step)), ctx.driver, ctx.scenario);
    if (stop) {
      if (out.failures.length === 0) out.stop = stop;
      return out;
    }
    const r = await runStep(step, ctx);
    if (r.ok) {
      ctx.scope.set(r.captures);
      Object.assign(out.captures, r.captures);
    } else if ('missing' in r) {
      if (out.failures.length === 0) throw new Error(`a step ran without its input and no earlier step failed: ${r.missing}`);
    } else {
      out.failures.push(r.failure);
      if (!step.continueOnFail) return out;
    }
  }
  return out;
}

async function roleStop(roles: string[], driver: StackDriver, scenario: Scenario): Promise<Stop | undefined> {
  for (const role of roles) {
    const s = await driver.role(role);
    if (s.state === 'down') return { blocked: `the ${role} is not running (${s.reason}; see ${s.see})` };
    if (s.state === 'absent') return scenario.roles[role]?.optional ? { notApplicable: s.why } : { blocked: `the ${role} is missing: ${s.why}` };
  }
  return undefined;
}
