import type { RoleProfile, RoleSpec } from '../../src/profile/profile.js';
import type { Submission } from '../../src/model/submission.js';
import { diskSubmission, testdata } from './test-support.js';

/**
 * A profile graded from roles for the stack tests: testdata/roles-hello's
 * web app and Redis, as profiles/friendlyhello-redis.yaml describes them,
 * with criteria of its own IDs (TS-…) so that no Rock of Ages ID can creep in.
 */
export function helloProfile(roles: Partial<Record<string, Partial<RoleSpec>>> = {}, bootTimeoutSeconds = 90): RoleProfile {
  return {
    kind: 'roles',
    id: 'roles-hello',
    name: 'Hello and Redis (stack tests)',
    version: 2,
    stack: {
      layouts: ['compose', 'run'],
      roles: {
        redis: { match: { image: 'redis', names: ['redis', 'cache'] }, port: 6379, ready: { exec: ['redis-cli', 'ping'] }, run: { image: 'redis:7' }, aliases: ['redis'], ...roles.redis },
        web: { match: { markers: ['app.py'], names: ['web'] }, port: 80, ready: { http: { path: '/' } }, ...roles.web },
      },
    },
    runtime: { buildTimeoutSeconds: 600, bootTimeoutSeconds, httpTimeoutSeconds: 10, memoryMb: 256, cpus: 1, pids: 256, probeImage: 'busybox:latest' },
    criteria: [
      { id: 'TS-RT001', area: 'runtime', level: 'required', points: 1, title: 'Images build', check: 'runtime/images-build' },
      { id: 'TS-RT002', area: 'runtime', level: 'required', points: 1, title: 'Stack ready', check: 'runtime/stack-ready' },
      { id: 'TS-RT003', area: 'runtime', level: 'required', points: 1, title: 'The page counts visits', check: 'scenario' },
      { id: 'TS-RT004', area: 'runtime', level: 'required', points: 1, title: 'Only with a compose file', check: 'scenario', layouts: ['compose'] },
    ],
    scenario: {
      phases: ['app'],
      criteria: {
        'TS-RT003': {
          phase: 'app',
          steps: [
            { http: { role: 'web', path: '/' }, expect: { status: 200, text: [{ contains: '<h3>Hello World!</h3>' }] }, capture: { first: { regex: 'Visits:</b> *([0-9]+)', as: 'number' } } },
            { http: { role: 'web', path: '/' }, expect: { status: 200, text: [{ find: 'Visits:</b> *([0-9]+)', as: 'number', that: { gt: '{{first}}' } }] } },
            { connect: { from: 'web', to: 'redis', names: ['redis'], port: 6379 } },
          ],
        },
        'TS-RT004': { phase: 'app', steps: [{ http: { role: 'web', path: '/' } }] },
      },
    },
  };
}

/** testdata/roles-hello as a submission: with its compose file, or (run layout) without. */
export function helloSubmission(layout: 'compose' | 'run'): Submission {
  return diskSubmission(testdata('roles-hello'), { components: {}, ...(layout === 'compose' ? { compose: 'docker-compose.yml' } : {}) });
}
