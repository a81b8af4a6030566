import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../../src/model/fake-submission.js';
import { defaultProfile } from '../../src/profile/load.js';
import type { ComponentRuntime, RuntimeInfo } from '../stack/runtime-info.js';
import type { ProbeContext } from './context.js';
import { clientReachesApi } from './network.js';

const profile = defaultProfile();
const ready = (role: ComponentRuntime['role']): ComponentRuntime => ({ role, names: [role], ready: true, containerId: `${role}-id` });

function context(components: Record<string, string>, runtime: Partial<RuntimeInfo>): ProbeContext {
  const files = Object.fromEntries(Object.values(components).map((dir) => [`${dir}/x`, '']));
  return {
    grading: { submission: fakeSubmission({ files, components }), profile, mode: 'full', runId: 'net1', options: { keepImages: false } },
    runtime: {
      runId: 'net1',
      mode: 'compose',
      host: '127.0.0.1',
      stackFile: 'docker-compose.yml',
      build: { ok: true, seconds: 0, findings: [], images: [] },
      boot: { ok: true, seconds: 0, findings: [] },
      components: { database: ready('database'), api: ready('api') },
      ...runtime,
    },
  };
}

describe('RC-RT012 when the client is not running', () => {
  it('cascades from RC-RT001 for a client service whose image did not build, even when intake found no client folder', async () => {
    const ctx = context(
      { api: 'rock-of-ages-api' },
      {
        build: { ok: false, seconds: 1, findings: [], images: [] },
        components: {
          database: ready('database'),
          api: ready('api'),
          client: { role: 'client', service: 'client', names: ['client'], ready: false, problem: 'its image did not build' },
        },
      },
    );
    expect(await clientReachesApi(ctx)).toEqual([
      {
        ruleId: 'RC-RT012',
        severity: 'error',
        file: 'docker-compose.yml',
        message: 'cannot be checked: the client is not running (its image did not build; see RC-RT001)',
      },
    ]);
  });

  it('fails, pointing at RC-DF001, for a client folder without a Dockerfile in the network layout', async () => {
    const ctx = context({ api: 'rock-of-ages-api', client: 'rock-of-ages-client' }, { mode: 'network', stackFile: 'rock-of-ages-api' });
    const [f] = (await clientReachesApi(ctx)) as { file: string; message: string }[];
    expect(f.file).toBe('rock-of-ages-client/Dockerfile');
    expect(f.message).toMatch(/^cannot be checked: .*\(see RC-DF001\)$/);
  });

  it('fails, pointing at RC-CO006, when the compose file starts no client but the submission has one', async () => {
    const [f] = (await clientReachesApi(context({ api: 'rock-of-ages-api', client: 'rock-of-ages-client' }, {}))) as { message: string }[];
    expect(f.message).toBe('cannot be checked: the compose file starts no client service (see RC-CO006)');
  });

  it('does not apply only when there is no client at all', async () => {
    expect(await clientReachesApi(context({ api: 'rock-of-ages-api' }, {}))).toEqual({ notApplicable: 'the submission has no client' });
  });
});
