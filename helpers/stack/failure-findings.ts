import type { Finding } from '../../src/model/finding.js';
import { redactAll } from '../../src/model/redact.js';
import { isCourseProfile, type AnyProfile } from '../../src/profile/profile.js';
import { distressHint } from './distress.js';
import { hintFor } from './hints.js';
import type { NotReadyFacts } from './readiness.js';

const seconds = (ms: number) => `${Math.round(ms / 1000)}s`;

/** Values of an environment that must never be printed: passwords, secrets, keys, tokens. */
export function secretValues(env: Record<string, string | undefined>, profile: AnyProfile): string[] {
  const out = new Set<string>(isCourseProfile(profile) ? [profile.database.password] : []);
  for (const [k, v] of Object.entries(env)) {
    if (v && /PASSWORD|SECRET|TOKEN|KEY|CREDENTIAL/i.test(k)) out.add(v);
  }
  return [...out].filter((v) => v.length >= 4);
}

/** The finding for a container that never became ready: what was awaited, how long, how it ended, its last words. */
export function notReadyFinding(
  facts: NotReadyFacts,
  ctx: { ruleId: string; file: string; what: string; profile: AnyProfile; secrets: string[] },
): Finding {
  const ended = facts.gaveUpEarly
    ? `; stopped waiting: ${facts.cause}`
    : facts.exitCode !== undefined
      ? `; it exited with code ${facts.exitCode}${facts.oomKilled ? ` (killed for using more memory than ${facts.memoryLimitBytes ? `its ${Math.round(facts.memoryLimitBytes / 1024 ** 2)} MiB limit` : 'allowed'})` : ''}`
      : facts.state && facts.state !== 'running'
        ? `; it is ${facts.state}`
        : '';
  const logText = facts.logLines.join('\n');
  const known = facts.distress ? distressHint(facts.distress) : facts.oomKilled ? OOM_HINT : hintFor(logText, facts.exitCode, ctx.profile);
  const hint = [
    ...(known ? [known] : []),
    facts.logLines.length > 0 ? `last ${facts.logLines.length} log lines:\n${facts.logLines.map((l) => `  ${l}`).join('\n')}` : 'it wrote no log lines',
  ].join('\n');
  return {
    ruleId: ctx.ruleId,
    severity: 'error',
    file: ctx.file,
    message: redactAll(
      `${ctx.what} did not become ready: waited ${seconds(facts.elapsedMs)} (budget ${seconds(facts.budgetMs)}) for ${facts.awaited}${ended}`,
      ctx.secrets,
    ),
    hint: redactAll(hint, ctx.secrets),
  };
}

const OOM_HINT = 'the kernel stopped it for using more memory than the grading limit: something allocates without bound (a leak, loading a whole table or file into memory, too many workers)';

/** One line for the criteria that need a part that never got ready. */
export function notReadySummary(facts: NotReadyFacts): string {
  if (facts.distress?.kind === 'pids') return 'it reached its process limit';
  if (facts.distress?.kind === 'log-flood') return 'it floods its log';
  if (facts.oomKilled) return 'it was killed for using too much memory';
  if (facts.exitCode !== undefined) return `it exited with code ${facts.exitCode}`;
  return `it did not become ready within ${seconds(facts.elapsedMs)}`;
}

/** Docker refused to start the container's process (OCI runtime error): the image's command cannot run. */
export function startRefusedFinding(message: string, ctx: { ruleId: string; file: string; what: string; profile: AnyProfile }): Finding | undefined {
  const m = /(OCI runtime[^\n]*|starting container process[^\n]*|exec format error[^\n]*|executable file not found[^\n]*)/.exec(message);
  if (!m) return undefined;
  const line = m[1];
  const script = isCourseProfile(ctx.profile) ? ctx.profile.seed.script : undefined;
  const hint = /permission denied/.test(line)
    ? `the command is not executable: chmod +x it${script ? ` (for ${script}: git update-index --chmod=+x ${script})` : ' (git update-index --chmod=+x <file> records it in the repository)'}`
    : /no such file or directory/.test(line)
      ? 'the command (or the interpreter on its #! line) does not exist in the image; a script with CRLF line endings shows this too'
      : /executable file not found/.test(line)
        ? 'the program named by CMD/ENTRYPOINT is not installed in the image or not on PATH'
        : undefined;
  return {
    ruleId: ctx.ruleId,
    severity: 'error',
    file: ctx.file,
    message: `Docker could not start ${ctx.what}: ${line.slice(0, 300)}`,
    ...(hint ? { hint } : {}),
  };
}

/** The finding for an image that did not build: the error and the tail of the build log. */
export function buildFailedFinding(
  r: { error?: string; logTail: string[] },
  ctx: { file: string; what: string; profile: AnyProfile; secrets: string[]; ruleId?: string },
): Finding {
  const known = hintFor(r.logTail.join('\n'), undefined, ctx.profile);
  const hint = [...(known ? [known] : []), `last ${r.logTail.length} lines of the build log:\n${r.logTail.map((l) => `  ${l}`).join('\n')}`].join('\n');
  return {
    ruleId: ctx.ruleId ?? 'RC-RT001',
    severity: 'error',
    file: ctx.file,
    message: redactAll(`${ctx.what} did not build: ${(r.error ?? 'unknown error').split('\n')[0].slice(0, 300)}`, ctx.secrets),
    hint: redactAll(hint, ctx.secrets),
  };
}
