import type { RuleVerdict } from '../rules/rule.js';
import type { StackDriver } from './driver.js';
import { FixtureBook } from './fixtures.js';
import { defaultLimits, type Limits } from './limits.js';
import { runCriterion, type CriterionContext, type CriterionResult } from './run-criterion.js';
import { Secrets } from './secrets.js';
import { destructiveKinds, kindOf, type CriterionSpec, type Scenario } from './types.js';

/** A criterion's result, or the error its driver threw. */
export type Ran = CriterionResult | { error: unknown };

export interface RunOptions {
  driver: StackDriver;
  /** Goes into `{{$run}}`: unique per grading run. */
  runId: string;
  /** Secrets the submission's settings hold, kept out of every message. */
  knownSecrets?: Iterable<string>;
  /** Where a criterion's findings point. */
  locate(at: CriterionSpec['at']): string;
  limits?: Partial<Limits>;
}

/**
 * One run of a (validated) scenario. Phases run in order, each once; within
 * a phase the criteria run at once (a few at a time), except those with a
 * destructive step, which run after the others, one by one. `verdict(id)`
 * runs the phases up to the criterion's own and gives its verdict, so a
 * suite can ask criterion by criterion in any order.
 */
export class ScenarioRun {
  private readonly ctx: CriterionContext;
  private readonly phases = new Map<string, Promise<Map<string, Ran>>>();

  constructor(private readonly scenario: Scenario, opts: RunOptions) {
    const limits = { ...defaultLimits, ...opts.limits };
    const secrets = new Secrets(opts.knownSecrets);
    const auth = { header: scenario.auth?.header ?? 'Authorization', scheme: scenario.auth?.scheme ?? 'Bearer' };
    const base = { driver: opts.driver, limits, secrets, auth, scenario, stuck: new Map<string, number>() };
    const fixtures = new FixtureBook(base, opts.runId);
    this.ctx = { ...base, useFixture: fixtures.use, runId: opts.runId, locate: opts.locate };
  }

  async result(id: string): Promise<CriterionResult> {
    const spec = this.scenario.criteria[id];
    if (!spec) throw new Error(`the scenario has no criterion ${id}`);
    const r = (await this.phase(spec.phase)).get(id);
    if (!r) throw new Error(`criterion ${id} did not run`);
    if ('error' in r) throw r.error;
    return r;
  }

  async verdict(id: string): Promise<RuleVerdict> {
    return (await this.result(id)).verdict;
  }

  /** Every criterion's result, phase after phase; a criterion whose driver failed holds the error. */
  async all(): Promise<Map<string, Ran>> {
    const out = new Map<string, Ran>();
    for (const p of this.scenario.phases) for (const [id, r] of await this.phase(p)) out.set(id, r);
    return out;
  }

  private phase(name: string): Promise<Map<string, Ran>> {
    let p = this.phases.get(name);
    if (!p) {
      const i = this.scenario.phases.indexOf(name);
      const before = i > 0 ? this.phase(this.scenario.phases[i - 1]) : Promise.resolve(undefined);
      p = before.then(() => this.runPhase(name));
      this.phases.set(name, p);
    }
    return p;
  }

  private async runPhase(name: string): Promise<Map<string, Ran>> {
    const ids = Object.keys(this.scenario.criteria).filter((id) => this.scenario.criteria[id].phase === name);
    const destructive = (id: string) => this.scenario.criteria[id].steps.some((s) => destructiveKinds.includes(kindOf(s)));
    const out = new Map<string, Ran>();
    // A driver that throws fails its own criterion (an error, not a verdict), not the whole phase.
    const run = async (id: string) => out.set(id, await runCriterion(id, this.scenario.criteria[id], this.ctx).catch((error: unknown) => ({ error })));
    await pool(ids.filter((id) => !destructive(id)), this.ctx.limits.concurrency, run);
    for (const id of ids.filter(destructive)) await run(id);
    return out;
  }
}

async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, queue.length)) }, worker));
}
