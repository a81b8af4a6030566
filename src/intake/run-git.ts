import { spawn } from 'node:child_process';
import { IntakeError } from './intake-error.js';

export interface GitRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The deadline passed and the process group was killed. */
  timedOut: boolean;
  /** Why `watch` stopped the process, when it did. */
  stoppedBecause?: string;
}

export interface GitRunOptions {
  cwd?: string;
  /** Epoch milliseconds; the process group is killed when it passes. */
  deadline?: number;
  /** Polled while git runs; a returned reason kills the process group. */
  watch?: { everyMs: number; check: () => Promise<string | undefined> };
}

/** Settings that keep git from running anything a repository or URL asks for. */
const hardening = [
  '-c', 'protocol.ext.allow=never',
  '-c', 'protocol.fd.allow=never',
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'core.fsmonitor=false',
  '-c', 'submodule.recurse=false',
  '-c', 'safe.directory=*',
];

/** Variables that would point git at another repository than the one meant. */
const repositoryVariables = [
  'GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR', 'GIT_NAMESPACE', 'GIT_CEILING_DIRECTORIES', 'GIT_PREFIX', 'GIT_CONFIG_PARAMETERS',
];

export function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of repositoryVariables) delete env[name];
  return {
    ...env,
    GIT_ALLOW_PROTOCOL: 'file:git:http:https:ssh',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_LFS_SKIP_SMUDGE: '1',
    SSH_ASKPASS_REQUIRE: 'never',
    LC_ALL: 'C',
  };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Runs git with an argument array (never a shell), hardened settings, no
 * terminal, in its own process group so that a timeout also ends the
 * transport helpers (ssh, git-remote-https, upload-pack) it started.
 */
export function runGit(args: string[], opts: GitRunOptions = {}): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...hardening, ...args], {
      cwd: opts.cwd,
      env: gitEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let stoppedBecause: string | undefined;
    let finished = false;
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));

    const timer =
      opts.deadline === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            killGroup(child.pid);
          }, Math.max(0, opts.deadline - Date.now()));
    let checking = false;
    const poll = opts.watch
      ? setInterval(() => {
          if (checking || finished) return;
          checking = true;
          opts.watch!.check().then(
            (reason) => {
              checking = false;
              if (reason && !finished) {
                stoppedBecause = reason;
                killGroup(child.pid);
              }
            },
            () => {
              checking = false;
            },
          );
        }, opts.watch.everyMs)
      : undefined;

    const done = () => {
      finished = true;
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      done();
      reject(e.code === 'ENOENT' ? new IntakeError('git is not installed or not on the PATH') : e);
    });
    child.on('close', (code) => {
      done();
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        stoppedBecause,
      });
    });
  });
}
