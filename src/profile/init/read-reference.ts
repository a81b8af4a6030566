import { basename } from 'node:path';
import { findComposeFile } from '../../intake/layout.js';
import { existingFolder } from '../../intake/local-folder.js';
import { walkFiles } from '../../intake/walk.js';
import { composeFileNames } from '../../intake/compose-contexts.js';
import type { Submission } from '../../model/submission.js';
import { ProfileError } from '../load.js';

/**
 * A reference solution read as a submission with a compose file at its top.
 * Without one there is nothing to learn the roles from: ProfileError.
 */
export async function readReference(path: string, shown = path): Promise<Submission> {
  const root = await existingFolder(path, shown);
  const compose = await findComposeFile(root);
  if (compose === undefined) {
    throw new ProfileError(
      `profile init needs the reference solution's compose file to learn its roles (their services, images, ports, volumes and networks); ` +
        `${shown} has none at its top (${composeFileNames.join(', ')}). Write the compose file of the reference first, or start from a built-in profile (profiles/friendlyhello-redis.yaml)`,
    );
  }
  const files = await walkFiles(root, shown);
  return { root, source: basename(root), layout: 'with-compose', components: {}, compose, files };
}
