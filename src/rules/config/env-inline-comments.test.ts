import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../../model/fake-submission.js';
import { defaultProfile } from '../../profile/load.js';
import { gradeRules } from '../rule.js';
import { configFamily } from './index.js';

const profile = defaultProfile();

/** RC-CF010's verdict on an api repository; `binary` names files that are there but not text. */
function verdict(files: Record<string, string>, binary: string[] = []) {
  const sub = fakeSubmission({ files: { 'manage.py': '', ...files } });
  for (const path of binary) sub.files[path] = { path, size: 4, binary: true, unreadable: 'is not UTF-8 text (UTF-16: save it as UTF-8)' };
  return gradeRules(configFamily, sub, profile).get('RC-CF010');
}

describe('RC-CF010', () => {
  it('does not apply when the api has no env file at all', () => {
    expect(verdict({})).toEqual({ notApplicable: 'there is no env file in the api repository, so there is no value to judge' });
  });

  it('judges each env file there is', () => {
    expect(verdict({ '.env.local': 'DB_PORT=5432\n' })).toEqual([]);
    expect(verdict({ '.env.example': 'DB_PORT=5432 # default\n' })).toEqual([expect.objectContaining({ file: '.env.example', line: 1, column: 14 })]);
  });

  it('cascades from RC-CF004 when the only env file is an .env.example that is not text', () => {
    expect(verdict({}, ['.env.example'])).toEqual([
      expect.objectContaining({ file: '.env.example', message: 'cannot be checked: .env.example is not UTF-8 text (UTF-16: save it as UTF-8) (see RC-CF004)' }),
    ]);
  });

  it('reports a local env file that is not text itself, and leaves an unreadable .env.example to RC-CF004', () => {
    expect(verdict({ '.env.example': 'DB_PORT=5432\n' }, ['.env.local'])).toEqual([
      expect.objectContaining({
        file: '.env.local',
        message: '.env.local is not UTF-8 text (UTF-16: save it as UTF-8): docker run --env-file and env_file read env files as plain UTF-8 text, one KEY=value per line',
      }),
    ]);
    expect(verdict({ '.env.local': 'DB_PORT=5432\n' }, ['.env.example'])).toEqual([]);
  });
});
