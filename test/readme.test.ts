import { readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { criteriaTable } from '../src/profile/criteria-table.js';
import { defaultProfile } from '../src/profile/load.js';
import { checksTable } from '../src/rules/roles/checks-table.js';

it('README criteria table is the one generated from the profile', () => {
  const readme = readFileSync('README.md', 'utf8');
  const table = criteriaTable(defaultProfile());
  const block = `<!-- criteria:begin -->\n${table}<!-- criteria:end -->`;
  const current = readme.replace(/<!-- criteria:begin -->[\s\S]*<!-- criteria:end -->/, block);
  if (process.env.UPDATE_GOLDEN) writeFileSync('README.md', current);
  expect(readme).toBe(current);
});

it('README table of the generic checks is the one generated from their registry', () => {
  const readme = readFileSync('README.md', 'utf8');
  const block = `<!-- checks:begin -->\n${checksTable()}<!-- checks:end -->`;
  const current = readme.replace(/<!-- checks:begin -->[\s\S]*<!-- checks:end -->/, block);
  if (process.env.UPDATE_GOLDEN) writeFileSync('README.md', current);
  expect(current).toContain('`image/env`');
  expect(readme).toBe(current);
});
