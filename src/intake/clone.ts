import { dirSize, formatBytes } from './dir-size.js';
import { IntakeError } from './intake-error.js';
import { runGit, type GitRun } from './run-git.js';
import { scrubCredentials, type GitSource } from './source-spec.js';

export interface CloneLimits {
  timeoutMs: number;
  maxBytes: number;
}

export const defaultCloneLimits: CloneLimits = { timeoutMs: 120_000, maxBytes: 300 * 1024 * 1024 };

const fullSha = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
const shortSha = /^[0-9a-f]{7,39}$/i;

const boilerplate = /^(hint:|Cloning into|Please make sure you have the correct access rights|and the repository exists)/;

/** git's own explanation, credentials removed, prefixes and boilerplate dropped. */
function gitReason(run: GitRun, src: GitSource): string {
  const lines = scrubCredentials(run.stderr, src.secrets)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !boilerplate.test(l));
  const serious = lines.filter((l) => !l.startsWith('warning:'));
  const reason = (serious.length > 0 ? serious : lines).map((l) => l.replace(/^(fatal|error|warning):\s*/, '')).join('; ');
  if (reason === '') return `git exited with status ${run.code}`;
  return reason.length > 600 ? `${reason.slice(0, 600)}…` : reason;
}

/**
 * Clones a git source into `dest` (which must not exist or be empty): shallow,
 * one branch, no tags, no submodules, no hooks, killed past the timeout or once
 * the clone outgrows the size cap. A commit sha is fetched on its own.
 */
export async function cloneInto(src: GitSource, dest: string, limits: CloneLimits = defaultCloneLimits): Promise<void> {
  const deadline = Date.now() + limits.timeoutMs;
  const watch = {
    everyMs: 200,
    check: async () => ((await dirSize(dest, limits.maxBytes)) > limits.maxBytes ? 'size' : undefined),
  };
  const run = async (args: string[], cwd?: string): Promise<GitRun> => {
    const r = await runGit(args, { cwd, deadline, watch });
    if (r.timedOut) {
      throw new IntakeError(
        `cloning ${src.display} did not finish within ${limits.timeoutMs / 1000} s and was stopped; ` +
          'check the URL and that its host is reachable, or allow more time',
      );
    }
    if (r.stoppedBecause === 'size') throw sizeError(src, limits.maxBytes);
    return r;
  };
  const failed = (r: GitRun) => new IntakeError(`cannot clone ${src.display}: ${gitReason(r, src)}`);

  if (src.ref !== undefined && fullSha.test(src.ref)) {
    await fetchCommit(src, src.ref, dest, run, failed);
  } else {
    const args = ['clone', '--quiet', '--depth', '1', '--single-branch', '--no-tags', '--template='];
    if (src.ref !== undefined) args.push('--branch', src.ref);
    const r = await run([...args, '--', src.url, dest]);
    if (r.code !== 0) {
      if (src.ref !== undefined && shortSha.test(src.ref) && /not found in upstream/i.test(r.stderr)) {
        throw new IntakeError(
          `cannot clone ${src.display}: "${src.ref}" is neither a branch nor a tag; ` +
            'to grade a commit, give its full 40-character sha',
        );
      }
      throw failed(r);
    }
  }
  const size = await dirSize(dest);
  if (size > limits.maxBytes) throw sizeError(src, limits.maxBytes);
}

function sizeError(src: GitSource, maxBytes: number): IntakeError {
  return new IntakeError(
    `${src.display} is larger than the clone limit of ${formatBytes(maxBytes)}; cloning stopped. ` +
      'Remove large files from the repository or allow a larger clone',
  );
}

async function fetchCommit(
  src: GitSource,
  sha: string,
  dest: string,
  run: (args: string[], cwd?: string) => Promise<GitRun>,
  failed: (r: GitRun) => IntakeError,
): Promise<void> {
  const init = await run(['init', '--quiet', '--template=', '--', dest]);
  if (init.code !== 0) throw failed(init);
  let fetch = await run(['fetch', '--quiet', '--depth', '1', '--no-tags', '--', src.url, sha], dest);
  if (fetch.code !== 0 && /not our ref|unadvertised|not allow/i.test(fetch.stderr)) {
    // servers that refuse a bare sha: fetch the branches, then look for the commit in them
    fetch = await run(['fetch', '--quiet', '--no-tags', '--', src.url, '+refs/heads/*:refs/remotes/origin/*'], dest);
  }
  if (fetch.code !== 0) throw failed(fetch);
  const checkout = await run(['checkout', '--quiet', '--detach', sha], dest);
  if (checkout.code !== 0) {
    throw new IntakeError(`cannot clone ${src.display}: commit ${sha} is not in the repository`);
  }
}
