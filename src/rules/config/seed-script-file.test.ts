import { describe, expect, it } from 'vitest';
import { renderFinding } from '../../model/finding.js';
import { seedScriptFile } from './seed-script-file.js';
import { apiInput } from './test-input.js';

const script = '#!/bin/bash\npython manage.py migrate\n';

describe('RC-CF007 outside a git work tree', () => {
  it('uses the file system execute bit', () => {
    const lines = seedScriptFile.check(apiInput({ 'seed_database.sh': { text: script, executable: false } })).map(renderFinding);
    expect(lines).toEqual([
      'seed_database.sh: seed_database.sh is not executable; run chmod +x seed_database.sh (a bind mount of the source over /app keeps this file\'s mode) [RC-CF007]',
    ]);
  });

  it('passes an executable script', () => {
    expect(seedScriptFile.check(apiInput({ 'seed_database.sh': { text: script, executable: true } }))).toEqual([]);
  });

  it('lets git facts decide inside a work tree', () => {
    const input = apiInput({ 'seed_database.sh': { text: script, executable: false, tracked: true, mode: '100755' } });
    expect(seedScriptFile.check(input)).toEqual([]);
  });
});
