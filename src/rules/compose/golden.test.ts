import { fileURLToPath } from 'node:url';
import { fakeSubmission } from '../../model/fake-submission.js';
import type { ComponentRole, Submission } from '../../model/submission.js';
import { goldenSuite, type GoldenCase } from '../golden.js';
import { composeFamily } from './index.js';

const COMPOSE_NAME = /(^|\/)(docker-)?compose[\w.-]*\.ya?ml$/;

const depth = (p: string) => p.split('/').length;
const folderOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

/**
 * A lone file is the compose file of a parent-folder submission. A folder
 * case holds the compose file (the shallowest file named like one) and the
 * folders it refers to; the api is the folder with manage.py, the client the
 * one with package.json. A compose file inside the api folder makes an api
 * repository with its own compose file; a folder case with none is a course
 * folder without its compose file.
 */
function submissionOf(c: GoldenCase): Submission {
  const paths = Object.keys(c.files).sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
  const compose = paths.find((p) => COMPOSE_NAME.test(p)) ?? (paths.length === 1 ? paths[0] : undefined);
  const components: Partial<Record<ComponentRole, string>> = {};
  const api = paths.find((p) => p.endsWith('manage.py'));
  const client = paths.find((p) => p.endsWith('package.json'));
  if (api) components.api = folderOf(api);
  if (client) components.client = folderOf(client);
  const layout = compose !== undefined && components.api !== undefined && components.api === folderOf(compose) ? 'api-with-compose' : 'parent';
  return fakeSubmission({ files: c.files, ...(compose !== undefined ? { compose } : {}), components, layout });
}

goldenSuite(composeFamily, fileURLToPath(new URL('testdata', import.meta.url)), submissionOf);
