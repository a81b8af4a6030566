import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../../model/fake-submission.js';
import { defaultProfile } from '../../profile/load.js';
import { configFamily } from './index.js';
import { configInputs } from './input.js';

const profile = defaultProfile();

describe('config inputs', () => {
  it('collects the env files of the api folder and those a compose file references', () => {
    const sub = fakeSubmission({
      layout: 'parent',
      components: { api: 'api', client: 'client' },
      compose: 'docker-compose.yml',
      files: {
        'docker-compose.yml': `services:
  db: {image: postgres, env_file: ./config/db.env}
  api: {build: ./api, env_file: [./api/.env.local, {path: client/.env.local, required: false}, /etc/abs.env, ../outside.env, missing.env]}
`,
        'api/.env': 'A=1\n',
        'api/.env.local': 'A=1\n',
        'api/.env.example': 'A=\n',
        'api/.env.sample': 'A=\n',
        'api/config/.env.production': 'A=1\n',
        'client/.env.local': 'VITE_API_URL=http://localhost:8000\n',
        'config/db.env': 'POSTGRES_DB=x\n',
        'client/.env': 'NOT=api\n',
      },
    });
    const [input] = configInputs(sub, profile);
    expect(input.envFiles.map((f) => [f.path, f.roles.join('+')])).toEqual([
      ['api/.env', 'local'],
      ['api/.env.example', 'example'],
      ['api/.env.local', 'local+referenced'],
      ['api/.env.sample', 'example'],
      ['api/config/.env.production', 'local'],
      ['config/db.env', 'referenced'],
      ['client/.env.local', 'referenced'],
    ]);
    expect(input.envExample.path).toBe('api/.env.example');
    expect(input.fixtures.map((f) => f.path)).toEqual([
      'api/rockapi/fixtures/users.json',
      'api/rockapi/fixtures/tokens.json',
      'api/rockapi/fixtures/types.json',
      'api/rockapi/fixtures/rocks.json',
    ]);
  });

  it('resolves env_file against the folder of a compose file inside the api repository', () => {
    const sub = fakeSubmission({
      layout: 'api-with-compose',
      compose: 'docker-compose.dev.yml',
      files: { 'docker-compose.dev.yml': 'services:\n  api:\n    build: .\n    env_file: .env.docker\n', '.env.docker': 'A=1\n' },
    });
    expect(configInputs(sub, profile)[0].envFiles.map((f) => [f.path, f.roles])).toEqual([['.env.docker', ['local', 'referenced']]]);
  });

  it('survives a broken compose file and binary files', () => {
    const sub = fakeSubmission({ compose: 'compose.yaml', files: { 'compose.yaml': 'services: [\n', 'Pipfile': '' } });
    sub.files['Pipfile'] = { path: 'Pipfile', size: 3, binary: true };
    const [input] = configInputs(sub, profile);
    expect(input.envFiles).toEqual([]);
    expect(input.pipfile.file).toBeDefined();
    expect(input.pipfile.parsed).toBeUndefined();
  });

  it('gives no input, and says why, without an api component', () => {
    const sub = fakeSubmission({ components: { client: 'client' }, files: {} });
    expect(configInputs(sub, profile)).toEqual([]);
    expect(configFamily.notApplicable?.(sub, profile)).toMatch(/no api component/);
    expect(configFamily.notApplicable?.(fakeSubmission({ files: {} }), profile)).toBeUndefined();
  });
});
