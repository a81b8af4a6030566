import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fixturesRoot } from './materialize.js';

const run = promisify(execFile);
const tags = ['rock-check-test-warm:api', 'rock-check-test-warm:client'];

/**
 * Builds the good fixture's images once under test-only tags, so that the
 * gradings of broken fixtures (which build their own images and remove them)
 * reuse the expensive layers from Docker's build cache instead of rebuilding
 * them from scratch each time. Returns the function that removes them.
 */
export async function warmImages(): Promise<() => Promise<void>> {
  const env = { ...process.env, DOCKER_BUILDKIT: process.env.DOCKER_BUILDKIT ?? '0' };
  await run('docker', ['build', '-q', '-t', tags[0], `${fixturesRoot}/good/rock-of-ages-api`], { env, maxBuffer: 1 << 24 });
  await run('docker', ['build', '-q', '-t', tags[1], `${fixturesRoot}/good/rock-of-ages-client`], { env, maxBuffer: 1 << 24 });
  return async () => {
    await run('docker', ['rmi', '-f', ...tags]).catch(() => undefined);
  };
}

/** Docker objects carrying rock-check's label, by kind. */
export async function labelledObjects(): Promise<Record<string, string[]>> {
  const list = async (args: string[]) =>
    (await run('docker', args)).stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  return {
    containers: await list(['ps', '-a', '--filter', 'label=rock-check', '--format', '{{.Names}}']),
    networks: await list(['network', 'ls', '--filter', 'label=rock-check', '--format', '{{.Name}}']),
    volumes: await list(['volume', 'ls', '--filter', 'label=rock-check', '--format', '{{.Name}}']),
    images: await list(['images', '--filter', 'label=rock-check', '--format', '{{.Repository}}:{{.Tag}}']),
  };
}
