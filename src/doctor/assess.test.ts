import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../profile/load.js';
import { assess, compareVersions, type MachineFacts } from './assess.js';
import { doctorExitCode, renderDoctor } from './index.js';

const profile = defaultProfile();
const GiB = 1024 ** 3;

const ready = (): MachineFacts => ({
  engine: { version: '24.0.7', apiVersion: '1.43', os: 'linux', arch: 'amd64' },
  cli: { serverVersion: '24.0.7' },
  compose: { version: '2.24.5' },
  info: { ncpu: 4, memTotal: 16 * GiB, dockerRootDir: '/var/lib/docker', memoryLimit: true, swapLimit: true, pidsLimit: true, cpuCfsQuota: true },
  images: [{ image: { ref: 'postgres:16', purpose: 'the database', source: 'profile', boot: true }, state: 'present' }],
  disk: [{ path: '/var/lib/docker', purpose: 'images', freeBytes: 50 * GiB, minBytes: 2 * GiB, wantBytes: 10 * GiB }],
});

const byTitle = (facts: MachineFacts, prefix: string) => assess(facts, profile).find((i) => i.title.startsWith(prefix))!;

describe('doctor: judging the machine', () => {
  it('a machine with everything: every item ok, exit 0, the limits it will apply spelled out', () => {
    const items = assess(ready(), profile);
    expect(items.map((i) => i.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(doctorExitCode(items)).toBe(0);
    const text = renderDoctor(items, profile);
    expect(text).toContain('limits applied: each container 1024 MiB memory (no swap), 1 CPU, 512 processes; builds ≤ 900 s, boot ≤ 240 s');
    expect(text).toMatch(/Ready to grade\.\n$/);
  });

  it('no engine, Compose v1, an engine older than API 1.41: each a problem with what to do', () => {
    const f = ready();
    f.engine = { error: 'connect ENOENT /var/run/docker.sock' };
    f.compose = { version: '1.29.2' };
    expect(byTitle(f, 'Docker engine')).toMatchObject({ status: 'fail', fix: expect.stringContaining('start Docker') });
    expect(byTitle(f, 'Docker Compose')).toMatchObject({ status: 'fail', detail: '1.29.2 is Compose v1' });
    f.cli = { error: 'Cannot connect to the Docker daemon at unix:///tmp/none.sock' };
    expect(byTitle(f, 'docker CLI')).toMatchObject({ status: 'fail', fix: expect.stringContaining('DOCKER_HOST') });
    f.engine = { version: '19.03.15', apiVersion: '1.40', os: 'linux', arch: 'amd64' };
    expect(byTitle(f, 'Docker engine')).toMatchObject({ status: 'fail', fix: 'upgrade Docker to 20.10 or newer' });
  });

  it('an image that cannot be fetched: fail, with docker save / docker load as the fix; exit 1', () => {
    const f = ready();
    f.images.push({ image: { ref: 'busybox:latest', purpose: 'the probe', source: 'profile', boot: false }, state: 'missing', failure: 'unreachable', error: 'dial tcp: no such host' });
    const items = assess(f, profile);
    expect(items.find((i) => i.title === 'image busybox:latest')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('cannot be pulled: the registry cannot be reached'),
      fix: expect.stringContaining('docker load -i busybox_latest.tar'),
    });
    expect(doctorExitCode(items)).toBe(1);
    const text = renderDoctor(items, profile);
    expect(text).toMatch(/✗ image busybox:latest: .*\n {6}fix: on a machine that can pull: docker pull busybox:latest/);
    expect(text).toMatch(/\nNot ready: 1 problem to fix \(marked ✗\)\.\n$/);
  });

  it('disk: below the minimum fails, below the comfortable amount warns', () => {
    const f = ready();
    f.disk[0].freeBytes = 1 * GiB;
    expect(byTitle(f, 'free disk')).toMatchObject({ status: 'fail', fix: expect.stringContaining('docker system prune') });
    f.disk[0].freeBytes = 5 * GiB;
    expect(byTitle(f, 'free disk').status).toBe('warn');
    expect(doctorExitCode(assess(f, profile))).toBe(0);
  });

  it('limits the engine cannot enforce: no pids or memory limit fails, small machines warn', () => {
    const f = ready();
    f.info!.pidsLimit = false;
    expect(byTitle(f, 'limits')).toMatchObject({ status: 'fail', detail: expect.stringContaining('cannot enforce the process limit') });
    f.info!.pidsLimit = true;
    f.info!.memTotal = 2 * GiB;
    expect(byTitle(f, 'limits')).toMatchObject({ status: 'warn', detail: expect.stringContaining('less than the three containers of a stack may use') });
  });

  it('compares versions numerically, suffixes ignored', () => {
    expect(compareVersions('2.26.1-4', '2.0.0')).toBeGreaterThan(0);
    expect(compareVersions('1.41', '1.41')).toBe(0);
    expect(compareVersions('1.9', '1.41')).toBeLessThan(0);
    expect(compareVersions('v2.3.3', '2.10.0')).toBeLessThan(0);
  });
});
