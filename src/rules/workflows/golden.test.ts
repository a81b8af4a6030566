import { fileURLToPath } from 'node:url';
import { fakeSubmission } from '../../model/fake-submission.js';
import type { Submission } from '../../model/submission.js';
import { defaultProfile } from '../../profile/load.js';
import { goldenSuite, type GoldenCase } from '../golden.js';
import { workflowFamily } from './index.js';

const profile = defaultProfile();
const apiFolder = profile.components.api.folderNames[0];

/**
 * A lone file is a workflow in `.github/workflows/` of an api repository. A
 * folder case is a fake repository tree: the api repository itself, or a
 * parent folder holding `rock-of-ages-api/` (and perhaps the client).
 */
function submissionOf(c: GoldenCase): Submission {
  const entries = Object.entries(c.files);
  if (entries.length === 1 && !entries[0][0].includes('/')) {
    const [name, text] = entries[0];
    return fakeSubmission({ files: { [`${profile.workflows.folder}/${name}`]: text }, components: { api: '' } });
  }
  const parent = entries.some(([p]) => p.startsWith(`${apiFolder}/`));
  return parent
    ? fakeSubmission({ files: c.files, components: { api: apiFolder }, layout: 'parent' })
    : fakeSubmission({ files: c.files, components: { api: '' }, layout: 'api-only' });
}

goldenSuite(workflowFamily, fileURLToPath(new URL('testdata', import.meta.url)), submissionOf, profile);
