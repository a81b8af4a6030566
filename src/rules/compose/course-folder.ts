import type { Submission } from '../../model/submission.js';

/** The file Part 3 of the course adds to the course folder. */
export const courseComposeFile = 'docker-compose.yml';

/**
 * Whether the submission must have a compose file: the course folder, with
 * the api and the client folders side by side, is where Part 3 puts it. An api
 * repository graded alone (at the root, or the only folder of the one named),
 * and an api and a client given as separate repositories, legitimately have
 * none: they are graded as Part 2's containers.
 */
export function composeDemanded(sub: Submission): boolean {
  return sub.layout === 'parent' && sub.components.api !== undefined && sub.components.client !== undefined;
}

/** Why the missing compose file blocks a criterion that reads it; RC-CO001 reports it. */
export const missingComposeReason = `there is no ${courseComposeFile} in the course folder`;
