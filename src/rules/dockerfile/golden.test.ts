import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../../model/fake-submission.js';
import type { ComponentRole, Submission } from '../../model/submission.js';
import { defaultProfile } from '../../profile/load.js';
import { expectedLines, goldenLines, loadGoldenCases, type GoldenCase } from '../golden.js';
import { dockerfileFamily } from './index.js';

const testdata = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
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

const cases = loadGoldenCases(testdata);

describe('dockerfile golden cases', () => {
  for (const c of cases) {
    it(c.name, () => {
      const actual = goldenLines(dockerfileFamily, submissionOf(c), profile);
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
        .flatMap((c) => [...readFileSync(c.outPath as string, 'utf8').matchAll(/\[(RC-DF\d{3})\]$/gm)].map((m) => m[1])),
    );
    expect([...reported].sort()).toEqual(dockerfileFamily.rules.map((r) => r.id));
  });
});
