import type { GradingContext } from '../context.js';
import { roleFacts } from '../../src/facts/role-facts.js';
import type { Finding } from '../../src/model/finding.js';
import { criterionFor, isCourseProfile, type RoleProfile } from '../../src/profile/profile.js';
import { ComposeStack } from './compose-stack.js';
import { roleRuntimeIds } from './compose-plan.js';
import { unavailableReason } from './images.js';
import { CourseNetworkStack } from './network-stack.js';
import { RolePlanStack } from './role-plan-stack.js';
import type { RuntimeInfo } from './runtime-info.js';
import type { StackBuilder, StackEvent, StartedStack } from './stack.js';

/**
 * Boots the submission's stack for a grading run: from its compose file
 * when it has one (part 3), else the course's network topology (part 2),
 * or, for a profile graded from roles, the profile's own boot plan (the
 * roles' `run` images and the folders they are built from).
 * Never throws: a Docker failure (no engine, no Compose) or an image the
 * machine lacks (see preflightImages) becomes `info.error`, which the
 * runtime criteria report as errors, not as the student's failures.
 */
export async function bootStack(grading: GradingContext, onEvent?: (e: StackEvent) => void): Promise<StartedStack> {
  const { options } = grading;
  const lacking = (grading.unavailableImages ?? []).filter((i) => i.boot);
  if (lacking.length > 0) return notBooted(grading, unavailableReason(lacking));
  const builder = stackBuilder(grading);
  if ('unbootable' in builder) return notBooted(grading, undefined, builder.unbootable);
  builder.withRunId(grading.runId).withKeepImages(options.keepImages);
  if (onEvent) builder.onEvent(onEvent);
  try {
    return await builder.start();
  } catch (e) {
    return notBooted(grading, `the stack could not be started: ${String((e as Error).message ?? e).split('\n')[0]}`);
  }
}

/** Rock of Ages: its compose file, else its course network; another profile: the compose file, else its boot plan. */
function stackBuilder({ submission, profile }: GradingContext): StackBuilder | { unbootable: Finding } {
  if (isCourseProfile(profile)) return submission.compose ? new ComposeStack(submission, profile) : new CourseNetworkStack(submission, profile);
  const facts = roleFacts(submission, profile);
  if (facts.layout === 'compose') return new ComposeStack(submission, profile, facts);
  if (profile.stack.layouts.includes('run')) return new RolePlanStack(submission, profile, facts);
  const valid = criterionFor(profile, 'compose/valid')?.id;
  return {
    unbootable: {
      ruleId: roleRuntimeIds(profile).ready,
      severity: 'error',
      file: '.',
      message: `the stack cannot be started: the submission has no compose file, and this assignment starts its stack from one${valid ? ` (see ${valid})` : ''}`,
    },
  };
}

/**
 * A stack that was never started: with an `error`, every runtime criterion
 * is an error with this reason; with a `finding`, the submission cannot be
 * started and the stack-ready criterion says why.
 */
function notBooted({ submission, profile, runId }: GradingContext, error: string | undefined, finding?: Finding): StartedStack {
  const info: RuntimeInfo = {
    runId,
    mode: submission.compose ? 'compose' : 'network',
    host: 'localhost',
    stackFile: submission.compose ?? (submission.components.api?.dir || '.'),
    ...(isCourseProfile(profile) ? {} : { ids: roleRuntimeIds(profile) }),
    build: {
      ok: false,
      seconds: 0,
      findings: finding ? [{ ruleId: roleRuntimeIds(profile as RoleProfile).build, severity: 'error', file: finding.file, message: `cannot be checked: no image was built, since the stack cannot be started (see ${finding.ruleId})` }] : [],
      images: [],
    },
    boot: { ok: false, seconds: 0, findings: finding ? [finding] : [] },
    components: {},
    ...(error !== undefined ? { error } : {}),
  };
  return { info, stop: async () => [], [Symbol.asyncDispose]: async () => undefined };
}
