import { spawn } from 'node:child_process';
import { join } from 'node:path';

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
  /** stdout alone and whole (up to MAX_STDOUT_CHARS), when asked for with `keepStdout`. */
  stdout?: string;
}

const KEEP_CHARS = 64 * 1024;

/** More stdout than this is cut off (and no longer valid JSON): a compose model is far smaller. */
export const MAX_STDOUT_CHARS = 16 * 1024 * 1024;

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
 * Variables of the grader's environment the Docker CLI itself reads (which
 * daemon, its TLS files, its configuration, the builder). Compose is given
 * these and PATH, nothing else, so a student's `${HOME}` or `${AWS_...}`
 * never takes a value from the machine that grades; what it can take from
 * these few is known (composeVariables) and checked before Compose runs.
 */
const DOCKER_CLI_VARIABLES = ['PATH', 'DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_API_VERSION', 'DOCKER_BUILDKIT', 'BUILDKIT_PROGRESS'];

/** The variables a compose file run by rock-check can substitute besides its own `.env`; they win over it, as in Compose. */
export function composeVariables(env: NodeJS.ProcessEnv = process.env): Map<string, string> {
  const out = new Map<string, string>();
  for (const k of DOCKER_CLI_VARIABLES) if (env[k] !== undefined) out.set(k, env[k] as string);
  // Without HOME the CLI would look for its configuration (current context, credential helpers) in the passwd home.
  if (env.DOCKER_CONFIG === undefined && env.HOME) out.set('DOCKER_CONFIG', join(env.HOME, '.docker'));
  out.set('COMPOSE_STATUS_STDOUT', '1');
  return out;
}

/**
 * Runs `docker compose -p <project> -f <file> <args>`: Docker's own Compose
 * v2 driver, never an interpreter of ours. Output is kept to its tail, the
 * process is killed past the time limit or on abort, and the environment
 * is composeVariables() only.
 */
export function compose(project: ComposeProject, args: string[], opts: { timeoutMs: number; signal?: AbortSignal; onLine?: (line: string) => void; keepStdout?: boolean }): Promise<CliResult> {
  return run('docker', ['compose', '--ansi', 'never', '-p', project.projectName, '-f', project.file, ...args], {
    ...opts,
    env: Object.fromEntries(composeVariables()),
  });
}

export function run(
  command: string,
  args: string[],
  opts: { timeoutMs: number; signal?: AbortSignal; env?: NodeJS.ProcessEnv; cwd?: string; onLine?: (line: string) => void; keepStdout?: boolean },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let output = '';
    let stdout = '';
    let timedOut = false;
    const child = spawn(command, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let partial = '';
    const keep = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (opts.onLine) {
        const lines = (partial + text).split(/\r?\n|\r/);
        partial = lines.pop()!.slice(-KEEP_CHARS);
        for (const l of lines) if (l.trim() !== '') opts.onLine(l.slice(0, 500));
      }
      output += text;
      if (output.length > KEEP_CHARS * 2) output = output.slice(-KEEP_CHARS);
    };
    child.stdout.on('data', keep);
    if (opts.keepStdout) {
      child.stdout.on('data', (chunk: Buffer) => {
        if (stdout.length < MAX_STDOUT_CHARS) stdout += chunk.toString('utf8').slice(0, MAX_STDOUT_CHARS - stdout.length);
      });
    }
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
      else resolve({ code, output: output.slice(-KEEP_CHARS), timedOut, ...(opts.keepStdout ? { stdout } : {}) });
    });
  });
}
