import { describe, expect, it } from 'vitest';
import type { Submission, SubmissionFile } from '../model/submission.js';
import { builtinProfile } from '../profile/load.js';
import type { RoleProfile } from '../profile/profile.js';
import { roleFacts } from './role-facts.js';

const profile = builtinProfile('friendlyhello-redis') as RoleProfile;

function submission(texts: Record<string, string>, compose?: string): Submission {
  const files: Record<string, SubmissionFile> = Object.fromEntries(
    Object.entries(texts).map(([path, text]) => [path, { path, size: text.length, text, binary: false }]),
  );
  return { root: '/s', source: 's', layout: compose ? 'with-compose' : 'without-compose', components: {}, ...(compose ? { compose } : {}), files };
}

const dockerfile = 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n';

describe('roleFacts, compose layout', () => {
  it("finds roles by image, then marker, under the student's own service names", () => {
    const compose = 'services:\n  cache:\n    image: docker.io/library/redis:7-alpine\n  frontend:\n    build: {context: ./hello, dockerfile: web.Dockerfile}\n';
    const facts = roleFacts(submission({ 'compose.yaml': compose, 'hello/app.py': '', 'hello/web.Dockerfile': dockerfile }, 'compose.yaml'), profile);
    expect(facts.layout).toBe('compose');
    expect(facts.compose?.usable).toBe(true);
    expect(facts.roles.redis).toEqual({ role: 'redis', service: 'cache', foundBy: 'image' });
    expect(facts.roles.web).toMatchObject({ role: 'web', service: 'frontend', foundBy: 'marker', folder: 'hello', dockerfile: { path: 'hello/web.Dockerfile' } });
    expect(facts.roles.web.dockerfile?.stages?.map((s) => s.image.resolved)).toEqual(['python:3.12-slim']);
    expect(facts.roles.web.dockerfile?.problem).toBeUndefined();
  });

  it('falls back to the names a role accepts, and never gives one service to two roles', () => {
    const compose = 'services:\n  redis:\n    build: .\n';
    const facts = roleFacts(submission({ 'docker-compose.yml': compose, 'app.py': '', Dockerfile: dockerfile }, 'docker-compose.yml'), profile);
    expect(facts.roles.redis).toMatchObject({ service: 'redis', foundBy: 'name', folder: '' });
    expect(facts.roles.web).toEqual({ role: 'web' });
  });

  it('says why a Dockerfile cannot be read, and plays no role from a compose file that does not parse', () => {
    const missing = roleFacts(submission({ 'docker-compose.yml': 'services:\n  web:\n    build: .\n', 'app.py': '' }, 'docker-compose.yml'), profile);
    expect(missing.roles.web.dockerfile).toEqual({ path: 'Dockerfile', shown: 'Dockerfile', problem: 'there is no Dockerfile in the top folder of the submission' });
    const outside = roleFacts(submission({ 'docker-compose.yml': 'services:\n  web:\n    build: ../elsewhere\n', 'app.py': '' }, 'docker-compose.yml'), profile);
    expect(outside.roles.web.dockerfile?.problem).toBe('service "web" is built from "../elsewhere", which is not a folder of the submission');
    const broken = roleFacts(submission({ 'docker-compose.yml': 'services: [\n' }, 'docker-compose.yml'), profile);
    expect(broken.compose?.usable).toBe(false);
    expect(broken.roles).toEqual({ redis: { role: 'redis' }, web: { role: 'web' } });
  });

  it('takes a built role from the folder holding its marker when the compose file cannot be read', () => {
    const facts = roleFacts(submission({ 'docker-compose.yml': 'services: [\n', 'app.py': '', Dockerfile: dockerfile }, 'docker-compose.yml'), profile);
    expect(facts.roles.redis).toEqual({ role: 'redis' });
    expect(facts.roles.web).toMatchObject({ role: 'web', folder: '', dockerfile: { path: 'Dockerfile' } });
    expect(facts.roles.web.service).toBeUndefined();
  });

  it('is resolved once per submission', () => {
    const sub = submission({ 'docker-compose.yml': 'services: {}\n' }, 'docker-compose.yml');
    expect(roleFacts(sub, profile)).toBe(roleFacts(sub, profile));
  });
});

describe('roleFacts, run layout', () => {
  it('builds a role from the folder holding its marker, the top first; a role with `run` has no folder', () => {
    const top = roleFacts(submission({ 'app.py': '', Dockerfile: dockerfile, 'b/app.py': '' }), profile);
    expect(top.layout).toBe('run');
    expect(top.compose).toBeUndefined();
    expect(top.roles.redis).toEqual({ role: 'redis' });
    expect(top.roles.web).toMatchObject({ folder: '', dockerfile: { path: 'Dockerfile' } });
    const down = roleFacts(submission({ 'z/app.py': '', 'b/app.py': '', 'b/Dockerfile': dockerfile, 'a/deeper/app.py': '' }), profile);
    expect(down.roles.web).toMatchObject({ folder: 'b', dockerfile: { path: 'b/Dockerfile' } });
  });
});
