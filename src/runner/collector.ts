import type { Reporter, SerializedError, TestCase, TestModule } from 'vitest/node';
import { emitProgress } from '../progress/events.js';
import type { Finding } from '../model/finding.js';
import type { CriterionMeta } from '../../helpers/context.js';

export interface CriterionOutcome {
  state: 'pass' | 'fail' | 'not-applicable' | 'error';
  findings: Finding[];
  reason?: string;
  docs?: string;
}

/**
 * A vitest reporter that prints nothing: it reads what each grading test put
 * in task.meta and what state it ended in, one outcome per criterion.
 */
export class OutcomeCollector implements Reporter {
  readonly outcomes = new Map<string, CriterionOutcome>();
  readonly errors: { message: string; where?: string }[] = [];

  constructor(private readonly runId?: string) {}

  /** Each criterion as it is decided, for the progress display. */
  onTestCaseResult(test: TestCase): void {
    const meta = test.meta() as CriterionMeta;
    if (!meta.criterion || this.runId === undefined) return;
    const r = test.result();
    const state = r.state === 'passed' ? 'pass' : r.state === 'skipped' ? 'not-applicable' : (meta.findings?.length ?? 0) > 0 ? 'fail' : 'error';
    emitProgress({ runId: this.runId, step: 'check', detail: meta.criterion, state });
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>): void {
    for (const mod of modules) {
      for (const e of mod.errors()) this.errors.push({ message: firstLine(e.message), where: relativeModule(mod) });
      for (const test of mod.children.allTests()) {
        const meta = test.meta() as CriterionMeta;
        if (!meta.criterion) continue;
        const result = test.result();
        const findings = meta.findings ?? [];
        if (result.state === 'skipped') {
          this.outcomes.set(meta.criterion, { state: 'not-applicable', findings: [], reason: meta.notApplicable ?? result.note, docs: meta.docs });
        } else if (result.state === 'passed') {
          this.outcomes.set(meta.criterion, { state: 'pass', findings, docs: meta.docs });
        } else if (result.state === 'failed' && findings.length > 0) {
          this.outcomes.set(meta.criterion, { state: 'fail', findings, docs: meta.docs });
        } else {
          // Failed without findings: the check itself broke (an exception), not the submission.
          const err = result.state === 'failed' ? result.errors[0] : undefined;
          this.outcomes.set(meta.criterion, {
            state: 'error',
            findings: [],
            reason: err ? firstLine(err.message) : 'the check did not finish',
            docs: meta.docs,
          });
        }
      }
    }
    for (const e of unhandled) this.errors.push({ message: firstLine(e.message ?? String(e)) });
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0].slice(0, 500);
}

function relativeModule(mod: TestModule): string {
  return mod.moduleId.split('/suites/').pop() ?? mod.moduleId;
}
