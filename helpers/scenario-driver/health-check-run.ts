import type { HealthCheckRun } from '../../src/scenario/driver.js';

interface EngineHealth {
  Log?: { ExitCode: number; Output: string }[] | null;
}

const OUTPUT_CHARS = 400;
/** What shells and the engine print when the check's command is missing or cannot be executed. */
const CANNOT_RUN = [/: (?:command )?not found$/m, /^(?:\/bin\/)?(?:ba|da)?sh: .*: Permission denied$/m, /executable file not found|exec format error/i];

/**
 * The last run of a container's HEALTHCHECK, from the engine's health log.
 * A check whose command cannot run (the course's `curl` on a slim image)
 * fails every time, whatever the app does.
 */
export function lastHealthCheckRun(health: EngineHealth | undefined): HealthCheckRun | undefined {
  const last = health?.Log?.at(-1);
  if (!last) return undefined;
  const output = last.Output.trim().slice(-OUTPUT_CHARS);
  const cannotRun = last.ExitCode === 126 || last.ExitCode === 127 || (last.ExitCode !== 0 && CANNOT_RUN.some((r) => r.test(output)));
  return { exitCode: last.ExitCode, output, cannotRun };
}
