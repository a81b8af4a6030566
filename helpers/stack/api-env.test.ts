import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../../src/model/fake-submission.js';
import { defaultProfile } from '../../src/profile/load.js';
import { isPlaceholder, localRunValues, planApiEnv } from './api-env.js';

const profile = defaultProfile();
const sub = (files: Record<string, string>) =>
  planApiEnv(fakeSubmission({ files: { 'rock-of-ages-api/manage.py': '', ...files }, components: { api: 'rock-of-ages-api' } }), profile);

describe('planApiEnv', () => {
  it('derives the local-run values from the profile', () => {
    expect(localRunValues(profile)).toEqual({
      DB_NAME: 'rockofages',
      DB_USER: 'rockadmin',
      DB_PASSWORD: 'localpassword123',
      DB_HOST: 'postgres-db',
      DB_PORT: '5432',
      SSLMODE: 'disable',
    });
  });

  it("keeps the student's local values, DB_HOST included, and supplies only what is missing", () => {
    const plan = sub({ 'rock-of-ages-api/.env.local': 'DB_HOST=localhost\nDB_NAME=rockofages\nDB_USER=rockadmin\nDB_PASSWORD=localpassword123\nDEBUG=1\n' });
    expect(plan.kind).toBe('local');
    expect(plan.file).toBe('rock-of-ages-api/.env.local');
    expect(plan.env.DB_HOST).toBe('localhost');
    expect(plan.env.DEBUG).toBe('1');
    expect(plan.supplied).toEqual([
      { key: 'DB_PORT', value: '5432', reason: 'missing' },
      { key: 'SSLMODE', value: 'disable', reason: 'missing' },
    ]);
  });

  it('replaces placeholders of a local file, without recording secret values', () => {
    const plan = sub({ 'rock-of-ages-api/.env': 'DB_PASSWORD=<your password>\nDB_HOST=\nSSLMODE=require\n' });
    expect(plan.kind).toBe('local');
    expect(plan.env).toMatchObject({ DB_PASSWORD: 'localpassword123', DB_HOST: 'postgres-db', SSLMODE: 'require' });
    expect(plan.supplied).toContainEqual({ key: 'DB_PASSWORD', reason: 'placeholder' });
    expect(plan.supplied).toContainEqual({ key: 'DB_HOST', value: 'postgres-db', reason: 'placeholder' });
  });

  it('prefers .env.local to .env, and uses .env.example only when neither exists', () => {
    expect(sub({ 'rock-of-ages-api/.env': 'A=1\n', 'rock-of-ages-api/.env.local': 'A=2\n' }).env.A).toBe('2');
    const plan = sub({ 'rock-of-ages-api/.env.example': 'DB_HOST=your-rds-endpoint.amazonaws.com\nDB_PASSWORD=secret\nSECRET_KEY=abc\n' });
    expect(plan.kind).toBe('example');
    expect(plan.env).toMatchObject({ DB_HOST: 'postgres-db', DB_PASSWORD: 'localpassword123', SECRET_KEY: 'abc' });
    expect(plan.supplied.map((s) => `${s.key}:${s.reason}`)).toEqual([
      'DB_NAME:missing',
      'DB_USER:missing',
      'DB_PASSWORD:example file',
      'DB_HOST:example file',
      'DB_PORT:missing',
      'SSLMODE:missing',
    ]);
  });

  it('runs with the local-run values alone when there is no env file', () => {
    const plan = sub({});
    expect(plan.kind).toBe('none');
    expect(plan.env).toEqual(localRunValues(profile));
  });

  it('keeps an inline comment in a value, as docker run does', () => {
    expect(sub({ 'rock-of-ages-api/.env.local': 'DB_HOST=postgres-db # the db\n' }).env.DB_HOST).toBe('postgres-db # the db');
  });

  it('turns a file docker run refuses into a positioned finding', () => {
    const plan = sub({ 'rock-of-ages-api/.env.local': 'DB_NAME=rockofages\nexport DB_HOST=postgres-db\n' });
    expect(plan.refusal).toMatchObject({ ruleId: 'RC-RT002', file: 'rock-of-ages-api/.env.local', line: 2 });
  });

  it('recognises placeholders', () => {
    for (const v of ['', '<password>', 'your_password_here', 'changeme', 'xxxx', '***', '${DB_PASSWORD}', '"your-db"']) expect(isPlaceholder(v), v).toBe(true);
    for (const v of ['localpassword123', 'postgres-db', 'localhost', '5432']) expect(isPlaceholder(v), v).toBe(false);
  });
});
