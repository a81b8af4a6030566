import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fakeSubmission } from '../../model/fake-submission.js';
import { defaultProfile } from '../../profile/load.js';
import { composeRoles, imageRepository } from './roles.js';

const profile = defaultProfile();

describe('imageRepository', () => {
  it('drops registry, library/, tag and digest', () => {
    expect(imageRepository('postgres:15')).toBe('postgres');
    expect(imageRepository('docker.io/library/postgres:16-alpine')).toBe('postgres');
    expect(imageRepository('postgres@sha256:abc')).toBe('postgres');
    expect(imageRepository('localhost:5000/postgres:15')).toBe('postgres');
    expect(imageRepository('postgrest/postgrest:v12')).toBe('postgrest/postgrest');
    expect(imageRepository('bitnami/postgresql')).toBe('bitnami/postgresql');
  });
});

describe('composeRoles', () => {
  const files = { 'rock-of-ages-api/manage.py': '', 'rock-of-ages-client/package.json': '{}', 'docker-compose.yml': '' };
  const sub = fakeSubmission({ files, compose: 'docker-compose.yml', layout: 'parent' });

  it('recognises services by image and build context, whatever their names', () => {
    const data = parse(
      'services:\n  store: {image: "postgres:15"}\n  server: {build: ./rock-of-ages-api}\n  ui: {build: {context: ./rock-of-ages-client/}}\n',
    );
    expect(composeRoles(data, sub, profile)).toEqual({ database: 'store', api: 'server', client: 'ui' });
  });

  it('falls back to the profile service names', () => {
    const data = parse('services:\n  db: {build: ./database}\n  backend: {image: me/api}\n  frontend: {image: me/client}\n');
    expect(composeRoles(data, sub, profile)).toEqual({ database: 'db', api: 'backend', client: 'frontend' });
  });

  it('does not take a look-alike image for the database', () => {
    const data = parse('services:\n  rest: {image: postgrest/postgrest}\n');
    expect(composeRoles(data, sub, profile)).toEqual({});
  });

  it('resolves build: . from a compose file inside the api repository', () => {
    const inApi = fakeSubmission({
      files: { 'rock-of-ages-api/manage.py': '', 'rock-of-ages-api/compose.yaml': '' },
      compose: 'rock-of-ages-api/compose.yaml',
      layout: 'api-with-compose',
    });
    expect(composeRoles(parse('services:\n  django: {build: .}\n'), inApi, profile)).toEqual({ api: 'django' });
  });

  it('copes with data that is not a compose mapping', () => {
    expect(composeRoles(['a'], sub, profile)).toEqual({});
    expect(composeRoles({ services: { api: null } }, sub, profile)).toEqual({});
  });
});
