import type { TestProject } from 'vitest/node';
import { bootStack } from '../../helpers/stack/boot.js';
import type { RuntimeInfo } from '../../helpers/stack/runtime-info.js';
import type { StackEvent } from '../../helpers/stack/stack.js';
import { redactSecrets } from '../../src/model/redact.js';
import { emitProgress } from '../../src/progress/events.js';
import '../../helpers/context.js';

/**
 * Boots the submission's stack once per grading run, hands its description
 * to the runtime suites (inject('runtime')), and removes everything when
 * the run ends. In static runs it provides a `skipped` description.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const grading = project.getProvidedContext().grading;
  if (grading.mode !== 'full') {
    project.provide('runtime', { skipped: 'static run: the stack is not booted' } satisfies Partial<RuntimeInfo>);
    return undefined;
  }
  const debug = process.env.ROCK_CHECK_DEBUG !== undefined;
  const onEvent = (e: StackEvent) => {
    if (debug && e.line === undefined) process.stderr.write(`rock-check: ${e.step} ${e.detail}${e.phase ? ` ${e.phase}` : ''}\n`);
    emitProgress({
      runId: grading.runId,
      step: e.step,
      detail: e.detail,
      ...(e.line !== undefined ? { line: redactSecrets(e.line) } : {}),
      ...(e.phase !== undefined ? { phase: e.phase } : {}),
    });
  };
  const stack = await bootStack(grading, onEvent);
  project.provide('runtime', stack.info);
  return async () => {
    const problems = await stack.stop();
    for (const p of problems) process.stderr.write(`rock-check: cleanup: ${p}\n`);
  };
}
