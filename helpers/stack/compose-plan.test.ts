import { expect, it } from 'vitest';
import { roleFacts } from '../../src/facts/role-facts.js';
import { fakeSubmission } from '../../src/model/fake-submission.js';
import { bootStack } from './boot.js';
import { roleComposePlan, roleRuntimeIds } from './compose-plan.js';
import { deriveCompose } from './derive-compose.js';
import { neededImages } from './images.js';
import { helloProfile } from './roles-test-support.js';

const APP = { 'app.py': 'print("hi")\n', 'Dockerfile': 'FROM python:3.11-slim AS base\nFROM base\nCMD ["python", "app.py"]\n' };

const composeSub = (compose: string) => fakeSubmission({ files: { ...APP, 'docker-compose.yml': compose }, compose: 'docker-compose.yml' });

it("takes the roles from the role facts, their ports from the profile, and the finding IDs from the profile's criteria", () => {
  const profile = helloProfile();
  const sub = composeSub('services:\n  site:\n    build: .\n  cache:\n    image: redis:7\n');
  const plan = roleComposePlan(roleFacts(sub, profile), profile);
  expect(plan.services).toEqual({ redis: 'cache', web: 'site' });
  expect(plan.ports).toEqual({ redis: 6379, web: 80 });
  expect(plan.ids).toEqual({ build: 'TS-RT001', ready: 'TS-RT002' });
  expect(plan.folders).toEqual({ web: '' });
  expect(plan.missing).toEqual([]);

  const derived = deriveCompose(plan.input, 'run1', plan.input.variables, { services: plan.services, ports: plan.ports, readyId: plan.ids.ready, validId: plan.validId });
  expect(derived.refusals).toEqual([]);
  expect(derived.rolePorts).toEqual({ redis: 6379, web: 80 });
  const services = derived.document.services as Record<string, { ports?: unknown[] }>;
  expect(services.site.ports).toEqual(['80']);
  expect(services.cache.ports).toEqual(['6379']);
});

it('a role that is not optional and that no service plays is a stack-ready finding; an optional one is not', () => {
  const sub = composeSub('services:\n  site:\n    build: .\n');
  const plan = roleComposePlan(roleFacts(sub, helloProfile()), helloProfile());
  expect(plan.missing).toEqual([
    { ruleId: 'TS-RT002', severity: 'error', file: 'docker-compose.yml', message: 'no service of docker-compose.yml plays the redis: none runs the redis image, or is named redis, cache' },
  ]);
  const optional = helloProfile({ redis: { optional: true } });
  expect(roleComposePlan(roleFacts(sub, optional), optional).missing).toEqual([]);
});

it("refuses hostile settings under the profile's stack-ready criterion", () => {
  const profile = helloProfile();
  const sub = composeSub('services:\n  site:\n    build: .\n    privileged: true\n  cache:\n    image: redis:7\n');
  const plan = roleComposePlan(roleFacts(sub, profile), profile);
  const derived = deriveCompose(plan.input, 'run1', plan.input.variables, { services: plan.services, ports: plan.ports, readyId: plan.ids.ready, validId: plan.validId });
  expect(derived.refusals.map((f) => [f.ruleId, f.line])).toEqual([['TS-RT002', 4]]);
  expect(derived.refusals[0].message).toMatch(/^refused to start: service "site" runs privileged/);
});

it('without a stack-ready criterion, the build criterion takes its findings (and the other way round)', () => {
  const profile = helloProfile();
  expect(roleRuntimeIds({ ...profile, criteria: profile.criteria.filter((c) => c.check !== 'runtime/stack-ready') })).toEqual({ build: 'TS-RT001', ready: 'TS-RT001' });
  expect(roleRuntimeIds({ ...profile, criteria: profile.criteria.filter((c) => c.check !== 'runtime/images-build') })).toEqual({ build: 'TS-RT002', ready: 'TS-RT002' });
});

it("preflights the images the profile runs and the base images of the roles built from their folders (run layout), or the compose file's", () => {
  const profile = helloProfile();
  const run = neededImages(fakeSubmission({ files: APP }), profile);
  expect(run.map((i) => [i.ref, i.source, i.boot])).toEqual([
    ['redis:7', 'profile', true],
    ['python:3.11-slim', 'submission', true],
    ['busybox:latest', 'profile', false],
  ]);
  expect(run[0].purpose).toBe('the redis (profile: stack.roles.redis.run.image)');
  expect(run[1].purpose).toBe('the build of Dockerfile (FROM)');
  const compose = neededImages(composeSub('services:\n  site:\n    build: .\n  cache:\n    image: redis:7-alpine\n'), profile);
  expect(compose.map((i) => i.ref)).toEqual(['redis:7-alpine', 'python:3.11-slim', 'busybox:latest']);
});

it('a profile graded only from a compose file cannot start a submission without one: a stack-ready finding, and the build cascades to it', async () => {
  const profile = { ...helloProfile(), stack: { ...helloProfile().stack, layouts: ['compose' as const] } };
  const stack = await bootStack({ submission: fakeSubmission({ files: APP }), profile, mode: 'full', runId: 'nocompose', options: { keepImages: false } });
  expect(stack.info.error).toBeUndefined();
  expect(stack.info.ids).toEqual({ build: 'TS-RT001', ready: 'TS-RT002' });
  expect(stack.info.boot.findings.map((f) => [f.ruleId, f.message])).toEqual([
    ['TS-RT002', 'the stack cannot be started: the submission has no compose file, and this assignment starts its stack from one'],
  ]);
  expect(stack.info.build.findings.map((f) => [f.ruleId, f.message])).toEqual([
    ['TS-RT001', 'cannot be checked: no image was built, since the stack cannot be started (see TS-RT002)'],
  ]);
  expect(await stack.stop()).toEqual([]);
});
