import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dockerDescribe } from '../../helpers/stack/test-support.js';
import { runCommand } from '../cli/run-command.js';
import { memoryIo } from '../cli/test-io.js';
import { profilePath } from '../paths.js';

dockerDescribe('rock-check doctor on this machine (Docker)', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rc-doctor-'));
    const text = await readFile(profilePath('rock-of-ages'), 'utf8');
    await writeFile(join(dir, 'absent-probe.yaml'), text.replace('probeImage: busybox:latest', 'probeImage: rock-check-test/absent-probe:1'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('checks Docker, Compose, the profile\'s images, disk and limits, and exits 0 when ready', async () => {
    const io = memoryIo();
    const exit = await runCommand(['doctor'], io);
    expect(io.out).toMatch(/✓ Docker engine: \S+ \(API \d/);
    expect(io.out).toMatch(/✓ Docker Compose: 2\./);
    expect(io.out).toContain('✓ image busybox:latest: present, for the outside-network probe');
    expect(io.out).toMatch(/free disk for Docker's images and build cache: [\d.]+ GiB free in \//);
    expect(io.out).toContain('limits applied: each container 1024 MiB memory');
    expect(exit).toBe(0);
  });

  it('a profile naming an image this machine lacks and cannot pull: says which and how to load it, exits 1', async () => {
    const io = memoryIo({ cwd: dir });
    const exit = await runCommand(['doctor', '--profile', 'absent-probe.yaml'], io);
    expect(io.out).toMatch(/✗ image rock-check-test\/absent-probe:1: the image rock-check-test\/absent-probe:1, needed for the outside-network probe/);
    expect(io.out).toMatch(/fix: .*docker load -i rock-check-test_absent-probe_1\.tar|fix: correct the image name/);
    expect(io.out).toContain('Not ready: 1 problem to fix');
    expect(exit).toBe(1);
  });

  it('with a submission, its base images too', async () => {
    const io = memoryIo();
    const exit = await runCommand(['doctor', join(profilePath('rock-of-ages'), '../../fixtures/good')], io);
    expect(io.out).toContain('image python:3.11-slim: present, for the build of rock-of-ages-api/Dockerfile (FROM)');
    expect(exit).toBe(0);
  });
});
