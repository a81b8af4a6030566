import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../../model/fake-submission.js';
import type { ComponentRole, Submission } from '../../model/submission.js';
import { defaultProfile } from '../../profile/load.js';
import { expectedLines, goldenLines, loadGoldenCases, type GoldenCase } from '../golden.js';
import { composeFamily } from './index.js';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const COMPOSE_NAME = /(^|\/)(docker-)?compose[\w.-]*\.ya?ml$/;

const depth = (p: string) => p.split('/').length;
const folderOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

/**
 * A lone file is the compose file of a parent-folder submission. A folder
 * case holds the compose file (the shallowest file named like one) and the
 * folders it refers to; the api is the folder with manage.py, the client the
 * one with package.json. A compose file inside the api folder makes an api
 * repository with its own compose file.
 */
function submissionOf(c: GoldenCase): Submission {
  const paths = Object.keys(c.files).sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
  const compose = paths.find((p) => COMPOSE_NAME.test(p)) ?? paths[0];
  const components: Partial<Record<ComponentRole, string>> = {};
  const api = paths.find((p) => p.endsWith('manage.py'));
  const client = paths.find((p) => p.endsWith('package.json'));
  if (api) components.api = folderOf(api);
  if (client) components.client = folderOf(client);
  const layout = components.api !== undefined && components.api === folderOf(compose) ? 'api-with-compose' : 'parent';
  return fakeSubmission({ files: c.files, compose, components, layout });
}

describe('compose golden cases', () => {
  for (const c of loadGoldenCases(testdata)) {
    it(c.name, () => {
      const actual = goldenLines(composeFamily, submissionOf(c), defaultProfile());
      expect(actual).toEqual(c.kind === 'ok' ? [] : expectedLines(c, actual));
    });
  }
});
