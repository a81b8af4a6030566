import { ownFailure, profileUnderTest, runtimeVerdicts, staticVerdicts } from './support/profile-verdicts.js';

/**
 * The second assignment, friendlyhello + Redis, graded through the CLI with
 * `--profile friendlyhello-redis` (the built-in profile's id): every fixture
 * statically, the full-mode ones (the correct submissions in both layouts and
 * the runtime defects) with the stack booted. Each fails exactly the criteria
 * its fixture.yaml names; the correct ones earn every point.
 */
const profile = profileUnderTest('friendlyhello-redis');

staticVerdicts(profile, { snapshots: 'friendlyhello' });

runtimeVerdicts(profile, {
  warm: { 'rock-check-test-warm:friendlyhello': 'good-compose' },
  engineWide: true,
  also(expect, v) {
    // The assignment: a counter that never reached Redis fails with a hint about the name and the network.
    const counter = ownFailure(v.report, 'FH-RT004');
    if (counter !== undefined) expect(counter).toMatch(/redis[\s\S]*network|network[\s\S]*redis/i);
  },
});
