import { Scope } from './scope.js';
import { runStepList, type FixtureOutcome, type ListContext } from './step-list.js';

/**
 * Fixtures run once per run, on first `use`, in a scope of their own; every
 * later `use` (concurrent ones included) shares the same outcome.
 */
export class FixtureBook {
  private readonly outcomes = new Map<string, Promise<FixtureOutcome>>();

  constructor(private readonly base: Omit<ListContext, 'scope' | 'useFixture' | 'criterion'>, private readonly runId: string) {}

  use = (name: string): Promise<FixtureOutcome> => {
    let p = this.outcomes.get(name);
    if (!p) {
      p = this.run(name);
      this.outcomes.set(name, p);
    }
    return p;
  };

  private async run(name: string): Promise<FixtureOutcome> {
    const spec = this.base.scenario.fixtures?.[name];
    if (!spec) throw new Error(`the scenario has no fixture ${name}`);
    const r = await runStepList(spec.steps, { ...this.base, scope: new Scope(this.runId), useFixture: this.use, criterion: spec.criterion });
    if (r.stop) return { ok: false, stop: r.stop };
    if (r.failures.length > 0) return { ok: false, failure: r.failures[0] };
    return { ok: true, captures: r.captures };
  }
}
