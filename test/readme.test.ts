import { readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { criteriaTable } from '../src/profile/criteria-table.js';
import { defaultProfile } from '../src/profile/load.js';

it('README criteria table is the one generated from the profile', () => {
  const readme = readFileSync('README.md', 'utf8');
  const table = criteriaTable(defaultProfile());
  const block = `<!-- criteria:begin -->\n${table}<!-- criteria:end -->`;
  const current = readme.replace(/<!-- criteria:begin -->[\s\S]*<!-- criteria:end -->/, block);
  if (process.env.UPDATE_GOLDEN) writeFileSync('README.md', current);
  expect(readme).toBe(current);
});
