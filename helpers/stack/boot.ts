import type { GradingContext } from '../context.js';
import { ComposeStack } from './compose-stack.js';
import { unavailableReason } from './images.js';
import { CourseNetworkStack } from './network-stack.js';
import type { RuntimeInfo } from './runtime-info.js';
import type { StackEvent, StartedStack } from './stack.js';

/**
 * Boots the submission's stack for a grading run: from its compose file
 * when it has one (part 3), else the course's network topology (part 2).
 * Never throws: a Docker failure (no engine, no Compose) or an image the
 * machine lacks (see preflightImages) becomes `info.error`, which the
 * runtime criteria report as errors, not as the student's failures.
 */
export async function bootStack(grading: GradingContext, onEvent?: (e: StackEvent) => void): Promise<StartedStack> {
  const { submission, profile, runId, options } = grading;
  const lacking = (grading.unavailableImages ?? []).filter((i) => i.boot);
  if (lacking.length > 0) return notBooted(grading, unavailableReason(lacking));
  const builder = submission.compose ? new ComposeStack(submission, profile) : new CourseNetworkStack(submission, profile);
  builder.withRunId(runId).withKeepImages(options.keepImages);
  if (onEvent) builder.onEvent(onEvent);
  try {
    return await builder.start();
  } catch (e) {
    return notBooted(grading, `the stack could not be started: ${String((e as Error).message ?? e).split('\n')[0]}`);
  }
}

/** A stack that was never started: every runtime criterion is an error with this reason. */
function notBooted({ submission, runId }: GradingContext, error: string): StartedStack {
  const info: RuntimeInfo = {
    runId,
    mode: submission.compose ? 'compose' : 'network',
    host: 'localhost',
    stackFile: submission.compose ?? (submission.components.api?.dir || '.'),
    build: { ok: false, seconds: 0, findings: [], images: [] },
    boot: { ok: false, seconds: 0, findings: [] },
    components: {},
    error,
  };
  return { info, stop: async () => [], [Symbol.asyncDispose]: async () => undefined };
}
