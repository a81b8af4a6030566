import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../model/fake-submission.js';
import { defaultProfile } from '../profile/load.js';
import { submissionNotices } from './submission-notices.js';

const profile = defaultProfile();
const settings = (engine: string) => `DATABASES = {\n    'default': {\n        'ENGINE': '${engine}',\n        'NAME': 'db.sqlite3',\n    }\n}\n`;
const sqlite = settings('django.db.backends.sqlite3');

describe('submissionNotices', () => {
  it('says first that an api still on SQLite with no Dockerfile, workflows or compose file is not a Workshop 3 submission', () => {
    const sub = fakeSubmission({ files: { 'manage.py': '', 'rockproject/settings.py': sqlite } });
    expect(submissionNotices(sub, profile)).toEqual([expect.stringMatching(/^not a Workshop 3 submission: the api still uses SQLite and has no Dockerfile and no GitHub Actions workflows; /)]);
  });

  it('names the api folder when it is not the root', () => {
    const sub = fakeSubmission({ files: { 'api/rockproject/settings.py': sqlite }, components: { api: 'api' } });
    expect(submissionNotices(sub, profile)[0]).toContain('the api (api/) still uses SQLite');
  });

  it('says nothing once the submission has begun Workshop 3', () => {
    const base = { 'rockproject/settings.py': sqlite };
    expect(submissionNotices(fakeSubmission({ files: { ...base, Dockerfile: 'FROM python:3.11-slim\n' } }), profile)).toEqual([]);
    expect(submissionNotices(fakeSubmission({ files: { ...base, '.github/workflows/deploy.yml': 'on: workflow_dispatch\njobs: {}\n' } }), profile)).toEqual([]);
    expect(submissionNotices(fakeSubmission({ files: { ...base, 'docker-compose.yml': 'services: {}\n' }, compose: 'docker-compose.yml' }), profile)).toEqual([]);
    expect(submissionNotices(fakeSubmission({ files: { 'rockproject/settings.py': settings('django.db.backends.postgresql') } }), profile)).toEqual([]);
    expect(submissionNotices(fakeSubmission({ files: { 'rockproject/settings.py': settings('django.db.backends.postregsql') } }), profile)).toEqual([]);
  });

  it('says nothing without an api or a readable settings file', () => {
    expect(submissionNotices(fakeSubmission({ files: {}, components: {} }), profile)).toEqual([]);
    expect(submissionNotices(fakeSubmission({ files: {} }), profile)).toEqual([]);
  });
});
