import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../../model/fake-submission.js';
import { defaultProfile } from '../../profile/load.js';
import { runFamily } from '../rule.js';
import { configFamily } from './index.js';

const profile = defaultProfile();

describe('config family', () => {
  it('lists one rule per config criterion of the profile, in ID order, with its title and level', () => {
    const criteria = profile.criteria.filter((c) => c.area === configFamily.area);
    expect(configFamily.rules.map((r) => [r.id, r.title, r.severity])).toEqual(
      criteria.map((c) => [c.id, c.title, c.level === 'required' ? 'error' : 'warning']),
    );
    for (const r of configFamily.rules) expect(r.docs.length, r.id).toBeGreaterThan(80);
  });

  it('turns garbage in every file into findings, never an exception', () => {
    const garbage = ['\u0000\u0001\u0002', '((((('.repeat(5000), '{"a": [', "'''", '\r\r\r', '[packages\n"', '\\', '#!', '=\n=\n', 'x'.repeat(100_000)];
    const names = [
      'rockproject/settings.py', '.env', '.env.local', '.env.example', '.gitignore', 'Pipfile', 'requirements.txt',
      'seed_database.sh', 'rockapi/fixtures/users.json', 'rockapi/fixtures/tokens.json', 'rockapi/fixtures/types.json',
      'rockapi/fixtures/rocks.json', 'docker-compose.yml',
    ];
    for (const g of garbage) {
      const files = Object.fromEntries(names.map((n) => [n, { text: `DATABASES = ${g}`.slice(n.endsWith('.py') ? 0 : 12), tracked: true, mode: '100644' }]));
      const sub = fakeSubmission({ files, compose: 'docker-compose.yml', layout: 'api-with-compose' });
      const results = runFamily(configFamily, sub, profile);
      expect([...results.values()].flat().length, JSON.stringify(g.slice(0, 10))).toBeGreaterThan(0);
    }
  });
});
