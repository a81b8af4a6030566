import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../../model/fake-submission.js';
import type { Submission } from '../../model/submission.js';
import { defaultProfile } from '../../profile/load.js';
import { expectedLines, goldenLines, loadGoldenCases, type GoldenCase } from '../golden.js';
import { workflowFamily } from './index.js';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
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

const cases = loadGoldenCases(testdata);

describe('workflow golden cases', () => {
  for (const c of cases) {
    it(c.name, () => {
      const actual = goldenLines(workflowFamily, submissionOf(c), profile);
      if (c.kind === 'ok') {
        expect(actual).toEqual([]);
      } else {
        expect(actual.length, 'an err case must yield at least one finding').toBeGreaterThan(0);
        expect(actual).toEqual(expectedLines(c, actual));
      }
    });
  }

  it('has ok cases and an err case for every rule', () => {
    expect(cases.filter((c) => c.kind === 'ok').length).toBeGreaterThan(0);
    const reported = new Set(
      cases
        .filter((c) => c.outPath)
        .flatMap((c) => [...readFileSync(c.outPath as string, 'utf8').matchAll(/\[(RC-WF\d{3})\]$/gm)].map((m) => m[1])),
    );
    expect([...reported].sort()).toEqual(workflowFamily.rules.map((r) => r.id));
  });
});
