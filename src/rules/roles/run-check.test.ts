import { describe, expect, it } from 'vitest';
import { roleFacts } from '../../facts/role-facts.js';
import type { Submission, SubmissionFile } from '../../model/submission.js';
import { builtinProfile } from '../../profile/load.js';
import type { Criterion, RoleProfile } from '../../profile/profile.js';
import { roleChecks } from './registry.js';
import { runRoleCheck } from './run-check.js';

const base = builtinProfile('friendlyhello-redis') as RoleProfile;

function submission(texts: Record<string, string>): Submission {
  const files: Record<string, SubmissionFile> = Object.fromEntries(Object.entries(texts).map(([path, text]) => [path, { path, size: text.length, text, binary: false }]));
  const compose = files['docker-compose.yml'] ? 'docker-compose.yml' : undefined;
  return { root: '/s', source: 's', layout: compose ? 'with-compose' : 'without-compose', components: {}, ...(compose ? { compose } : {}), files };
}

function grade(profile: RoleProfile, check: string, sub: Submission, own: Partial<Criterion> = {}) {
  const criterion = { ...(profile.criteria.find((c) => c.check === check) as Criterion), ...own };
  return runRoleCheck(roleChecks[check], roleFacts(sub, profile), criterion, profile);
}

const webOnly = submission({ 'docker-compose.yml': 'services:\n  web:\n    build: .\n', 'app.py': '', Dockerfile: 'FROM python:3.12\n' });

describe('runRoleCheck', () => {
  it('a criterion outside its layouts is not applicable, and says why', () => {
    const run = submission({ 'app.py': '', Dockerfile: 'FROM python:3.12\n' });
    expect(grade(base, 'compose/valid', run)).toEqual({ notApplicable: "the submission has no compose file: graded as the lab's docker run commands" });
    expect(grade(base, 'compose/host-safety', webOnly, { layouts: ['run'] })).toEqual({
      notApplicable: 'the submission has a compose file: this criterion grades the submissions without one',
    });
  });

  it('a role the grader runs is not applicable to the Dockerfile checks without a compose file', () => {
    const run = submission({ 'app.py': '', Dockerfile: 'FROM python:3.12\n' });
    const verdict = grade(base, 'dockerfile/copy-not-add', run, { params: { role: 'redis' } });
    expect(verdict).toEqual({ notApplicable: 'without a compose file redis runs the grader\'s "redis:7", not an image built from the submission' });
  });

  it('a missing role fails the checks that need it with one cascade line; an optional one is not applicable', () => {
    expect(grade(base, 'compose/command-args', webOnly)).toEqual([
      { ruleId: 'FH-CO005', severity: 'error', file: 'docker-compose.yml', message: 'cannot be checked: no service of the compose file plays redis (see FH-CO002)' },
    ]);
    const optional: RoleProfile = { ...base, stack: { ...base.stack, roles: { ...base.stack.roles, redis: { ...base.stack.roles.redis, optional: true } } } };
    expect(grade(optional, 'compose/command-args', webOnly)).toEqual({ notApplicable: 'no service of the compose file plays redis, which the assignment makes optional' });
    expect(grade(optional, 'compose/roles-present', webOnly)).toEqual([]);
  });

  it('a cascade names no root criterion the profile does not grade', () => {
    const without: RoleProfile = { ...base, criteria: base.criteria.filter((c) => c.check !== 'compose/roles-present') };
    expect(grade(without, 'compose/command-args', webOnly)).toMatchObject([{ message: 'cannot be checked: no service of the compose file plays redis' }]);
  });

  it('an advice criterion reports warnings', () => {
    const add = submission({ 'app.py': '', Dockerfile: 'FROM python:3.12\nADD . /app\n' });
    expect(grade(base, 'dockerfile/copy-not-add', add)).toMatchObject([{ ruleId: 'FH-DF006', severity: 'warning', line: 2, column: 1 }]);
  });
});
