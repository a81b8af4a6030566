import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Docker events between two instants that name one grading run (its
 * project, network, volume and image names and its labels all hold the run
 * id), as "type action name": none means the run created nothing. Events
 * are not filtered by label, since Docker puts labels on container events
 * only.
 */
export async function runEvents(runId: string, since: number, until: number): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    'docker',
    ['events', '--since', String(Math.floor(since / 1000)), '--until', String(Math.ceil(until / 1000) + 1), '--format', '{{json .}}'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout
    .split('\n')
    .filter((line) => line.includes(runId))
    .map((line) => {
      const e = JSON.parse(line) as { Type?: string; Action?: string; Actor?: { Attributes?: Record<string, string> } };
      return `${e.Type} ${e.Action} ${e.Actor?.Attributes?.name ?? ''}`.trim();
    });
}
