import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../../model/fake-submission.js';
import { defaultProfile } from '../../profile/load.js';
import { gradeRules } from '../rule.js';
import { configFamily } from './index.js';

const profile = defaultProfile();

/** RC-CF002 and RC-CF011 on an api repository whose .env.local sets SSLMODE=disable. */
function verdicts(settings: string) {
  const sub = fakeSubmission({
    files: { 'api/manage.py': '', 'api/rockproject/settings.py': `import os\n${settings}\n`, 'api/.env.local': 'SSLMODE=disable\n' },
    components: { api: 'api' },
  });
  const graded = gradeRules(configFamily, sub, profile);
  return ['RC-CF002', 'RC-CF011'].map((id) => graded.get(id));
}

const cascade = (reason: string) => [expect.objectContaining({ message: `cannot be checked: ${reason} (see RC-CF001)` })];

describe('the settings RC-CF002 and RC-CF011 read', () => {
  const options = "'OPTIONS': {'sslmode': os.getenv('SSLMODE', 'require')}";

  it('are read from DATABASES[\'default\']', () => {
    expect(verdicts(`DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', ${options}}}`)).toEqual([[], []]);
  });

  it('cannot be checked without DATABASES, nor when DATABASES has no default entry', () => {
    expect(verdicts(`X = {${options}}`)).toEqual([cascade('the settings file has no DATABASES setting'), cascade('the settings file has no DATABASES setting')]);
    const flat = `DATABASES = {'ENGINE': 'django.db.backends.postgresql', ${options}}`;
    expect(verdicts(flat)).toEqual([cascade("DATABASES has no 'default' entry"), cascade("DATABASES has no 'default' entry")]);
    expect(verdicts('DATABASES = {}')).toEqual([cascade("DATABASES has no 'default' entry"), cascade("DATABASES has no 'default' entry")]);
  });

  it('cannot be checked when DATABASES is not a dict literal', () => {
    expect(verdicts('DATABASES = dj_database_url.config()')).toEqual([cascade('DATABASES is not a dict literal'), cascade('DATABASES is not a dict literal')]);
  });
});
