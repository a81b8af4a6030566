import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../../model/fake-submission.js';
import { defaultProfile } from '../../profile/load.js';
import { gradeRules } from '../rule.js';
import { configFamily } from './index.js';

const profile = defaultProfile();
const settings = "import os\nDATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': os.getenv('DB_NAME'), 'OPTIONS': {'sslmode': os.getenv('SSLMODE', 'require')}}}\n";

function verdict(files: Record<string, string>, compose?: string) {
  const sub = fakeSubmission({
    files: { 'api/manage.py': '', 'api/rockproject/settings.py': settings, ...files },
    components: { api: 'api' },
    layout: compose ? 'parent' : 'api-only',
    ...(compose ? { compose } : {}),
  });
  return gradeRules(configFamily, sub, profile).get('RC-CF011');
}

describe('RC-CF011', () => {
  it('reads the api service of the compose file, environment winning over env_file', () => {
    const compose = 'services:\n  db:\n    image: postgres:16\n  api:\n    build: ./api\n    env_file: [./api/.env.local]\n    environment:\n      SSLMODE: ${SSLMODE:-disable}\n';
    expect(verdict({ 'docker-compose.yml': compose, 'api/.env.local': 'SSLMODE=require\n' }, 'docker-compose.yml')).toEqual([]);
    const without = compose.replace('    environment:\n      SSLMODE: ${SSLMODE:-disable}\n', '');
    expect(verdict({ 'docker-compose.yml': without, 'api/.env.local': 'SSLMODE=require\n' }, 'docker-compose.yml')).toEqual([
      expect.objectContaining({ file: 'api/.env.local', line: 1, column: 9, message: expect.stringContaining("sets SSLMODE to 'require'") }),
    ]);
  });

  it('cannot be checked on a compose file that does not parse, and judges nothing without any local environment', () => {
    expect(verdict({ 'docker-compose.yml': 'services: [\n' }, 'docker-compose.yml')).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^cannot be checked: .*\(see RC-CO001\)$/) }),
    ]);
    expect(verdict({})).toEqual([]);
  });

  it('accepts a settings default that needs no SSL', () => {
    const sub = fakeSubmission({
      files: { 'manage.py': '', 'rockproject/settings.py': settings.replace("'require'", "'prefer'"), '.env.local': 'DB_NAME=x\n' },
      components: { api: '' },
    });
    expect(gradeRules(configFamily, sub, profile).get('RC-CF011')).toEqual([]);
  });
});
