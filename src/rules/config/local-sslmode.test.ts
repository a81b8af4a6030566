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

  it('cannot be checked on a compose file that does not parse, and does not apply without any local environment', () => {
    expect(verdict({ 'docker-compose.yml': 'services: [\n' }, 'docker-compose.yml')).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^cannot be checked: .*\(see RC-CO001\)$/) }),
    ]);
    expect(verdict({})).toEqual({ notApplicable: 'no compose file and no .env.local or .env in api/: there is no local environment to judge' });
  });

  it('reads .env when there is no .env.local, and cannot be checked on a local env file that is not text', () => {
    expect(verdict({ 'api/.env': 'DB_NAME=x\n' })).toEqual([
      expect.objectContaining({ file: 'api/.env', message: expect.stringMatching(/^api\/\.env does not set SSLMODE, so sslmode falls back to 'require'/) }),
    ]);
    const sub = fakeSubmission({ files: { 'api/manage.py': '', 'api/rockproject/settings.py': settings }, components: { api: 'api' } });
    sub.files['api/.env.local'] = { path: 'api/.env.local', size: 4, binary: true };
    expect(gradeRules(configFamily, sub, profile).get('RC-CF011')).toEqual([
      expect.objectContaining({ file: 'api/.env.local', message: 'cannot be checked: api/.env.local is not a text file (see RC-CF010)' }),
    ]);
  });

  it('in the course folder without its compose file, reads .env.local as docker run does, else cascades from RC-CO001', () => {
    const course = (files: Record<string, string>) =>
      gradeRules(
        configFamily,
        fakeSubmission({
          files: { 'api/manage.py': '', 'api/rockproject/settings.py': settings, 'client/package.json': '{}', ...files },
          components: { api: 'api', client: 'client' },
          layout: 'parent',
        }),
        profile,
      ).get('RC-CF011');
    expect(course({ 'api/.env.local': 'SSLMODE=disable\n' })).toEqual([]);
    expect(course({})).toEqual([
      expect.objectContaining({ file: 'docker-compose.yml', message: 'cannot be checked: there is no docker-compose.yml in the course folder (see RC-CO001)' }),
    ]);
  });

  it('accepts a settings default that needs no SSL', () => {
    const sub = fakeSubmission({
      files: { 'manage.py': '', 'rockproject/settings.py': settings.replace("'require'", "'prefer'"), '.env.local': 'DB_NAME=x\n' },
      components: { api: '' },
    });
    expect(gradeRules(configFamily, sub, profile).get('RC-CF011')).toEqual([]);
  });
});
