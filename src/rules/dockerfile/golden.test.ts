import { fileURLToPath } from 'node:url';
import { fakeSubmission } from '../../model/fake-submission.js';
import type { ComponentRole, Submission } from '../../model/submission.js';
import { defaultProfile } from '../../profile/load.js';
import { goldenSuite, type GoldenCase } from '../golden.js';
import { dockerfileFamily } from './index.js';

const profile = defaultProfile();
const folderOf = (role: ComponentRole) => profile.components[role].folderNames[0];

/** The course client's package.json, beside a lone client Dockerfile. */
const coursePackageJson = '{ "name": "rock-of-ages-client", "scripts": { "dev": "vite", "build": "vite build" } }\n';

/**
 * A lone file `client-*.Dockerfile` is the client's Dockerfile, with the
 * course's package.json beside it; any other lone file is the api's. A folder
 * case holds the component folders themselves (`rock-of-ages-api/…`,
 * `rock-of-ages-client/…`). Only the components present in the case are part
 * of the submission.
 */
function submissionOf(c: GoldenCase): Submission {
  const entries = Object.entries(c.files);
  if (entries.length === 1 && !entries[0][0].includes('/')) {
    const [name, text] = entries[0];
    const role: ComponentRole = name.startsWith('client-') ? 'client' : 'api';
    return fakeSubmission({
      layout: 'parent',
      components: { [role]: folderOf(role) },
      files: { [`${folderOf(role)}/Dockerfile`]: text, ...(role === 'client' ? { [`${folderOf(role)}/package.json`]: coursePackageJson } : {}) },
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
