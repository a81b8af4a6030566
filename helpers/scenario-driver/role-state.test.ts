import { describe, expect, it } from 'vitest';
import type { RuntimeInfo } from '../stack/runtime-info.js';
import { roleState } from './role-state.js';

const runtime = (over: Partial<RuntimeInfo> = {}): RuntimeInfo => ({
  runId: 'r1',
  mode: 'compose',
  host: 'localhost',
  stackFile: 'docker-compose.yml',
  build: { ok: true, seconds: 0, findings: [], images: [] },
  boot: { ok: false, seconds: 0, findings: [] },
  components: {},
  ...over,
});

describe('roleState', () => {
  it('a ready part is ready', () => {
    expect(roleState(runtime(), { names: ['cache'], ready: true, containerId: 'c1' })).toEqual({ state: 'ready' });
  });

  it('a part that is not ready is down, with the reason and the criterion the probes give', () => {
    expect(roleState(runtime(), { names: ['api'], ready: false, problem: 'it exited with code 1\nlog lines' })).toEqual({ state: 'down', reason: 'it exited with code 1', see: 'RC-RT002' });
    expect(roleState(runtime(), undefined)).toEqual({ state: 'down', reason: 'it was not started', see: 'RC-RT002' });
  });

  it('an image that did not build points at the build; a refused stack at the refusal', () => {
    expect(roleState(runtime(), { names: ['api'], ready: false, problem: 'its image did not build' })).toEqual({ state: 'down', reason: 'its image did not build', see: 'RC-RT001' });
    expect(roleState(runtime({ build: { ok: false, seconds: 0, findings: [], images: [] } }), undefined)).toEqual({ state: 'down', reason: 'the images did not build', see: 'RC-RT001' });
    expect(roleState(runtime({ boot: { ok: false, seconds: 0, findings: [], refused: true } }), undefined)).toEqual({ state: 'down', reason: 'rock-check refused to start the stack', see: 'RC-RT002' });
  });
});
