import { describe, inject } from 'vitest';
import { gradeCriterion } from '../../../helpers/criterion.js';
import { isRuntimeCheck, RolesRuntimeGrade } from '../../../helpers/scenario-driver/roles-runtime.js';
import type { RuntimeInfo } from '../../../helpers/stack/runtime-info.js';
import { isCourseProfile } from '../../../src/profile/profile.js';

/**
 * The running stack of a profile graded from roles: the images build, every
 * role gets ready, then the profile's scenario (one run per grade, its
 * phases in order, the destructive steps last).
 */
const grading = inject('grading');
const profile = grading.profile;

if (!isCourseProfile(profile)) {
  let grade: RolesRuntimeGrade | undefined;
  const current = () => {
    if (grade) return grade;
    const runtime = inject('runtime') as RuntimeInfo | undefined;
    if (!runtime || typeof runtime !== 'object') throw new Error('the runtime global setup did not run: no stack to check');
    grade = new RolesRuntimeGrade({ profile, runtime, layout: grading.submission.compose ? 'compose' : 'run' });
    return grade;
  };
  const { httpTimeoutSeconds, bootTimeoutSeconds } = profile.runtime;
  const timeout = (httpTimeoutSeconds * 20 + bootTimeoutSeconds) * 1000 + 120_000;
  const docs: Record<string, string> = {
    'runtime/images-build': "The images are built from the student's own Dockerfiles; a failed build is reported with the end of its log.",
    'runtime/stack-ready': 'The stack starts and every role becomes ready within the time limit, as the profile awaits it (an HTTP answer, a port accepting, a command exiting 0, PostgreSQL accepting connections). A role that never gets ready is reported with what was awaited, its exit code and last log lines.',
    scenario: "Checked on the running stack by the profile's scenario steps; a failed step says what was sent, what came back and what was expected.",
  };

  describe('runtime: the running stack', () => {
    for (const criterion of profile.criteria) {
      if (!isRuntimeCheck(criterion.check)) continue;
      gradeCriterion(criterion.id, (c) => current().verdict(c), { timeout, docs: docs[criterion.check] });
    }
  });
}
