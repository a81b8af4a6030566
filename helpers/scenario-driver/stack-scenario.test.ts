import { expect, it } from 'vitest';
import { stackReady } from '../probes/boot.js';
import { helloProfile } from '../stack/roles-test-support.js';
import type { RuntimeInfo } from '../stack/runtime-info.js';
import { roleState } from './role-state.js';
import { RolesRuntimeGrade } from './roles-runtime.js';
import { layoutExcludes, locator, profileScenario, roleBindings, stackDown } from './stack-scenario.js';

const runtime = (over: Partial<RuntimeInfo> = {}): RuntimeInfo => ({
  runId: 'r1',
  mode: 'network',
  host: 'localhost',
  stackFile: 'app',
  ids: { build: 'TS-RT001', ready: 'TS-RT002' },
  build: { ok: true, seconds: 1, findings: [], images: [] },
  boot: { ok: true, seconds: 1, findings: [] },
  components: {
    redis: { role: 'redis', names: ['redis'], ready: true, containerId: 'a' },
    web: { role: 'web', names: ['web'], ready: true, containerId: 'b', folder: 'app' },
  },
  ...over,
});

const criterion = (id: string) => helloProfile().criteria.find((c) => c.id === id)!;

it("the scenario's roles default to the stack's, optional as the stack says; an optional role the stack lacks is absent", () => {
  const profile = helloProfile({ redis: { optional: true } });
  const scenario = profileScenario(profile);
  expect(scenario.roles).toEqual({ redis: { optional: true }, web: {} });
  expect(roleBindings(scenario, profile, runtime())).toEqual({ redis: { component: 'redis' }, web: { component: 'web' } });
  expect(roleBindings(scenario, profile, runtime({ components: {} }))).toEqual({ redis: { absent: 'the submission has no redis' }, web: { component: 'web' } });
});

it('refuses a scenario that does not validate, naming where', () => {
  const profile = { ...helloProfile(), scenario: { phases: ['app'], criteria: { 'TS-RT003': { phase: 'nowhere', steps: [] } } } };
  expect(() => profileScenario(profile)).toThrow(/the scenario of profile roles-hello is not valid: \/criteria/);
});

it("points findings at the step's path, else its role's folder, else the stack file", () => {
  const locate = locator(runtime());
  expect(locate({ path: 'app/app.py' })).toBe('app/app.py');
  expect(locate({ role: 'web' })).toBe('app');
  expect(locate({ role: 'redis' })).toBe('app');
  expect(locate(undefined)).toBe('app');
  expect(locator(runtime({ components: { web: { role: 'web', names: [], ready: true, folder: '' } } }))({ role: 'web' })).toBe('.');
});

it('a criterion of another layout is not applicable, saying why in the student\'s terms', () => {
  expect(layoutExcludes(criterion('TS-RT004'), 'compose')).toBeUndefined();
  expect(layoutExcludes(criterion('TS-RT004'), 'run')).toMatch(/^the submission has no compose file, so rock-check started its stack as the assignment's docker run commands do/);
  expect(layoutExcludes({ ...criterion('TS-RT004'), layouts: ['run'] }, 'compose')).toMatch(/^the submission has a compose file/);
  expect(layoutExcludes(criterion('TS-RT003'), 'run')).toBeUndefined();
});

it("while the stack is not up, a scenario criterion cannot be checked and names the profile's criterion that says why", async () => {
  const profile = helloProfile();
  expect(stackDown('TS-RT003', profile, runtime())).toBeUndefined();
  const down = runtime({
    boot: { ok: false, seconds: 1, findings: [] },
    components: { web: { role: 'web', names: ['web'], ready: false, problem: 'it exited with code 1', reported: true } },
  });
  expect(stackDown('TS-RT003', profile, down)!.map((f) => f.message)).toEqual([
    'cannot be checked: the redis and the web are not running (the web: it exited with code 1; see TS-RT002)',
  ]);
  const unbuilt = runtime({ build: { ok: false, seconds: 1, findings: [], images: [] }, boot: { ok: false, seconds: 1, findings: [] }, components: { web: { role: 'web', names: [], ready: false, problem: 'its image did not build' }, redis: { role: 'redis', names: [], ready: true } } });
  expect(await new RolesRuntimeGrade({ profile, runtime: unbuilt, layout: 'run' }).verdict(criterion('TS-RT003'))).toEqual([
    { ruleId: 'TS-RT003', severity: 'error', file: 'app', message: 'cannot be checked: the web is not running (its image did not build; see TS-RT001)' },
  ]);
  expect(stackReady({ runtime: unbuilt }).map((f) => [f.ruleId, f.message])).toEqual([['TS-RT002', 'the web was not started: its image did not build (see TS-RT001)']]);
  expect(roleState(unbuilt, unbuilt.components.web)).toEqual({ state: 'down', reason: 'its image did not build', see: 'TS-RT001' });
});

it('a stack Docker could not boot makes every runtime criterion an error, never a failure', async () => {
  const grade = new RolesRuntimeGrade({ profile: helloProfile(), runtime: runtime({ error: 'this machine lacks the image redis:7' }), layout: 'run' });
  await expect(grade.verdict(criterion('TS-RT002'))).rejects.toThrow('this machine lacks the image redis:7');
  await expect(grade.verdict(criterion('TS-RT003'))).rejects.toThrow('this machine lacks the image redis:7');
  expect(await grade.verdict(criterion('TS-RT004'))).toEqual({ notApplicable: expect.any(String) });
});
