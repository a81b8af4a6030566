import { spawn } from 'node:child_process';

export interface ComposeProject {
  /** Absolute path of the derived compose file. */
  file: string;
  projectName: string;
}

export interface CliResult {
  code: number | null;
  /** stdout and stderr interleaved, only the tail kept. */
  output: string;
  timedOut: boolean;
}

const KEEP_CHARS = 64 * 1024;

/** A command killed because its signal was aborted; keeps what it had printed (a build's, to undo its layers). */
export class CommandAborted extends Error {
  constructor(
    readonly reason: unknown,
    readonly output: string,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/**
 * Runs `docker compose -p <project> -f <file> <args>`: Docker's own Compose
 * v2 driver, never an interpreter of ours. Output is kept to its tail, the
 * process is killed past the time limit or on abort, and the environment
 * is the grader's minus COMPOSE_* settings that would change which files
 * or project are used.
 */
export function compose(project: ComposeProject, args: string[], opts: { timeoutMs: number; signal?: AbortSignal }): Promise<CliResult> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^COMPOSE_(FILE|PROJECT_NAME|PROFILES|PATH_SEPARATOR)$/.test(k)));
  return run('docker', ['compose', '--ansi', 'never', '-p', project.projectName, '-f', project.file, ...args], {
    ...opts,
    env: { ...env, COMPOSE_STATUS_STDOUT: '1' },
  });
}

export function run(
  command: string,
  args: string[],
  opts: { timeoutMs: number; signal?: AbortSignal; env?: NodeJS.ProcessEnv; cwd?: string },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let output = '';
    let timedOut = false;
    const child = spawn(command, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.length > KEEP_CHARS * 2) output = output.slice(-KEEP_CHARS);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    }, opts.timeoutMs);
    const onAbort = () => child.kill('SIGTERM');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (opts.signal?.aborted) reject(new CommandAborted(opts.signal.reason, output.slice(-KEEP_CHARS)));
      else resolve({ code, output: output.slice(-KEEP_CHARS), timedOut });
    });
  });
}
