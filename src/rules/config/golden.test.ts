import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { fakeSubmission, type FakeFile } from '../../model/fake-submission.js';
import type { Submission } from '../../model/submission.js';
import { defaultProfile } from '../../profile/load.js';
import { goldenLines, goldenSuite, type GoldenCase } from '../golden.js';
import { configFamily } from './index.js';

/**
 * Each case folder is an api repository, or a course parent folder when it
 * holds rock-of-ages-api/ (then docker-compose.yml beside it is the compose file).
 * Conventions of this testdata:
 * - `.git-facts.json` ({"untracked": [paths], "modes": {path: mode}}) makes the
 *   case a git work tree: every other file is tracked with mode 100644. Without
 *   it the case is not in git. The file itself is not part of the submission.
 * - a file named `_gitignore` stands for `.gitignore`, since a real one here
 *   would act on this repository.
 */
const API = 'rock-of-ages-api';
const CLIENT = 'rock-of-ages-client';

interface GitFacts {
  untracked?: string[];
  modes?: Record<string, string>;
}

function caseSubmission(c: GoldenCase): Submission {
  const factsText = c.files['.git-facts.json'];
  const facts = factsText === undefined ? undefined : (JSON.parse(factsText) as GitFacts);
  const files: Record<string, FakeFile> = {};
  for (const [name, text] of Object.entries(c.files)) {
    if (name === '.git-facts.json') continue;
    const path = name
      .split('/')
      .map((seg) => (seg === '_gitignore' ? '.gitignore' : seg))
      .join('/');
    const tracked = !facts?.untracked?.includes(path);
    files[path] = facts ? { text, tracked, ...(tracked ? { mode: facts.modes?.[path] ?? '100644' } : {}) } : { text };
  }
  const parent = Object.keys(files).some((p) => p.startsWith(`${API}/`));
  const compose = ['docker-compose.yml', 'compose.yaml'].find((p) => files[p]);
  return fakeSubmission({
    files,
    layout: parent ? 'parent' : compose ? 'api-with-compose' : 'api-only',
    components: parent ? { api: API, ...(Object.keys(files).some((p) => p.startsWith(`${CLIENT}/`)) ? { client: CLIENT } : {}) } : { api: '' },
    ...(compose ? { compose } : {}),
  });
}

const profile = defaultProfile();
const cases = goldenSuite(configFamily, fileURLToPath(new URL('testdata', import.meta.url)), caseSubmission, profile);

it('never prints a secret of the config cases in full', () => {
  const secrets = ['Gr4nite-Quarry-77', 'localpassword123', 'django-insecure-9f$2kq0z!m'];
  for (const c of cases) {
    const text = goldenLines(configFamily, caseSubmission(c), profile).join('\n');
    for (const s of secrets) expect(text, c.name).not.toContain(s);
  }
});
