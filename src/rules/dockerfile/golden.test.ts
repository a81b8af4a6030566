import { fileURLToPath } from 'node:url';
import { fakeSubmission } from '../../model/fake-submission.js';
import type { ComponentRole, Submission } from '../../model/submission.js';
import { defaultProfile } from '../../profile/load.js';
import { goldenSuite, type GoldenCase } from '../golden.js';
import { dockerfileFamily } from './index.js';

const profile = defaultProfile();
const folderOf = (role: ComponentRole) => profile.components[role].folderNames[0];

/**
 * A lone file `client-*.Dockerfile` is the client's Dockerfile, any other lone
 * file the api's; a folder case holds the component folders themselves
 * (`rock-of-ages-api/…`, `rock-of-ages-client/…`). Only the components present
 * in the case are part of the submission.
 */
function submissionOf(c: GoldenCase): Submission {
  const entries = Object.entries(c.files);
  if (entries.length === 1 && !entries[0][0].includes('/')) {
    const [name, text] = entries[0];
    const role: ComponentRole = name.startsWith('client-') ? 'client' : 'api';
    return fakeSubmission({
      layout: 'parent',
      components: { [role]: folderOf(role) },
      files: { [`${folderOf(role)}/Dockerfile`]: text },
    });
  }
  const roles = (['api', 'client'] as const).filter((r) => entries.some(([p]) => p.startsWith(`${folderOf(r)}/`)));
  return fakeSubmission({
    layout: 'parent',
    components: Object.fromEntries(roles.map((r) => [r, folderOf(r)])),
    files: c.files,
  });
}

goldenSuite(dockerfileFamily, fileURLToPath(new URL('testdata', import.meta.url)), submissionOf, profile);
