import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Global setup of rock-check's own test run: Docker-backed tests must run in
 * CI, so with CI=true a missing Docker engine fails the run here instead of
 * letting container tests be skipped.
 */
export default async function requireDocker(): Promise<void> {
  if (!process.env.CI || process.env.CI === 'false') return;
  try {
    await promisify(execFile)('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 20_000 });
  } catch (e) {
    throw new Error(`CI=true but no Docker engine answers (docker info: ${(e as Error).message.split('\n')[0]}); container tests cannot be skipped in CI`);
  }
}
