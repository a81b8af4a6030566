import { describe, expect, it } from 'vitest';
import { parseRequirementsTxt } from './requirements-txt.js';

describe('requirements-txt', () => {
  it('reads names, extras and positions; skips comments, options and continuations', () => {
    const text = '# deps\n-r base.txt\nDjango>=4.2,<5\n  psycopg[binary]==3.1 ; python_version>"3.8"  # driver\nrequests \\\n  --hash=sha256:abc\n\n';
    expect(parseRequirementsTxt('requirements.txt', text).requirements).toEqual([
      { name: 'Django', extras: [], pos: { line: 3, column: 1 } },
      { name: 'psycopg', extras: ['binary'], pos: { line: 4, column: 3 } },
      { name: 'requests', extras: [], pos: { line: 5, column: 1 } },
    ]);
  });

  it('gives nothing for an empty file', () => {
    expect(parseRequirementsTxt('requirements.txt', '').requirements).toEqual([]);
  });
});
