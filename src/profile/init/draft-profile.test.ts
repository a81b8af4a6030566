import { describe, expect, it } from 'vitest';
import type { Submission, SubmissionFile } from '../../model/submission.js';
import { draftProfile } from './init-profile.js';

/** A reference solution held in memory. */
function reference(files: Record<string, string>): Submission {
  const entries = Object.entries(files).map(([path, text]): [string, SubmissionFile] => [path, { path, size: text.length, text, binary: false }]);
  return { root: '/refs/notes-app', source: 'notes-app', layout: 'with-compose', components: {}, compose: 'compose.yaml', files: Object.fromEntries(entries) };
}

const notes = reference({
  'compose.yaml': [
    'services:',
    '  db:',
    '    image: postgres:16',
    '    environment: { POSTGRES_USER: db, POSTGRES_PASSWORD: secret, POSTGRES_DB: notes }',
    '    healthcheck: { test: ["CMD-SHELL", "pg_isready -U db"], interval: 2s }',
    '    volumes: [db-data:/var/lib/postgresql/data]',
    '  api:',
    '    build: ./api',
    '    environment:',
    '      DATABASE_URL: postgresql://db:secret@db:5432/notes',
    '      DB_USER: db',
    '    ports: ["8000:5000"]',
    '    depends_on: { db: { condition: service_healthy } }',
    'volumes:',
    '  db-data:',
    '',
  ].join('\n'),
  'api/Dockerfile': 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nEXPOSE 5000\nUSER 1000\nCMD ["python", "main.py"]\n',
  'api/main.py': 'print("notes")\n',
  'api/requirements.txt': 'flask\npsycopg[binary]>=3\n',
});

describe('draftProfile', () => {
  const draft = draftProfile(notes);
  const params = (check: string) => draft.criteria.filter((c) => c.criterion.check === check).map((c) => c.criterion.params);

  it('names the profile and its IDs after the reference\'s folder', () => {
    expect(draft.id).toBe('notes-app');
    expect(draft.criteria.map((c) => c.criterion.id)).toContain('NA-DF001');
  });

  it('drafts the database by its image (ready when PostgreSQL accepts connections) and the api by its marker file, on its published port', () => {
    expect(draft.roles).toEqual({
      db: { match: { image: 'postgres', names: ['db'] }, port: 5432, ready: { postgres: {} } },
      api: { match: { markers: ['main.py', 'requirements.txt'], names: ['api'] }, port: 5000, ready: { http: { path: '/' } } },
    });
  });

  it('takes the host of a URL for an edge, not a user name that equals a service\'s', () => {
    expect(params('compose/env-names-role')).toEqual([{ role: 'api', keys: ['DATABASE_URL'], names: 'db' }]);
    expect(params('compose/waits-healthy')).toEqual([{ role: 'api', on: ['db'] }]);
    expect(params('compose/depends-on')).toEqual([]);
    expect(params('compose/healthcheck')).toEqual([{ role: 'db', command: ['pg_isready'] }]);
    const connect = draft.criteria.flatMap((c) => c.scenario?.steps ?? []).filter((s) => 'connect' in s);
    expect(connect).toEqual([{ connect: { from: 'api', to: 'db', port: 5432 } }]);
  });

  it('takes the id, and the prefix of the IDs, from --id when given', () => {
    const named = draftProfile(notes, 'shop-api');
    expect(named.id).toBe('shop-api');
    expect(named.criteria.map((c) => c.criterion.id)).toContain('SA-DF001');
  });

  it('connects on the port a URL names for the service, not the role\'s default', () => {
    const cache = reference({
      'compose.yaml': 'services:\n  cache:\n    image: redis:7\n    command: ["redis-server", "--port", "6380"]\n  web:\n    build: ./web\n    environment: { REDIS_URL: "redis://cache:6380/0" }\n    ports: ["8000:5000"]\n',
      'web/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\nEXPOSE 5000\nCMD ["python", "/app/app.py"]\n',
      'web/app.py': 'print("hi")\n',
    });
    const drafted = draftProfile(cache);
    expect(drafted.roles.cache.port).toBe(6379);
    const connect = drafted.criteria.flatMap((c) => c.scenario?.steps ?? []).filter((s) => 'connect' in s);
    expect(connect).toEqual([{ connect: { from: 'web', to: 'cache', port: 6380 } }]);
  });

  it('fills the image checks from the Dockerfile: EXPOSE, the file CMD runs, USER, requirements', () => {
    expect(params('image/exposes')).toEqual([{ role: 'api', ports: [5000] }]);
    expect(params('image/command-runs')).toEqual([{ role: 'api', file: 'main.py' }]);
    expect(params('image/non-root-user')).toEqual([{ role: 'api' }]);
    expect(params('python/requirements')).toEqual([{ role: 'api', packages: ['flask', 'psycopg'] }]);
    expect(params('compose/published-ports')).toEqual([{ published: { api: [5000] }, private: ['db'] }]);
  });

  it('proves PostgreSQL data survives a recreate with a row written, then counted, in the last phase', () => {
    const persistence = draft.criteria.find((c) => c.scenario?.phase === 'persistence');
    expect(draft.phases.at(-1)).toBe('persistence');
    expect(persistence?.scenario?.steps.map((s) => Object.keys(s)[0])).toEqual(['exec', 'recreate', 'exec']);
    expect(persistence?.scenario?.steps[2]).toMatchObject({ expect: { stdout: [{ find: '([0-9]+)', as: 'number', that: { gte: 1 } }] } });
  });

  it('leaves out a static criterion the reference itself fails, and says why', () => {
    const noAdvice = draftProfile(reference({ ...Object.fromEntries(Object.entries(notes.files).map(([p, f]) => [p, f.text!])), 'api/Dockerfile': 'FROM python:latest\nWORKDIR /app\nCOPY . .\nEXPOSE 5000\nCMD ["python", "main.py"]\n' }));
    expect(noAdvice.criteria.map((c) => c.criterion.check)).not.toContain('dockerfile/base-image-supported');
    expect(noAdvice.comments.criteriaEnd).toEqual([expect.stringMatching(/^Left out: The api base image is supported and pinned to a tag \(dockerfile\/base-image-supported\): the reference fails it \(/)]);
  });
});
