import { constants } from 'node:os';
import { resolve } from 'node:path';
import { gradeSubmission } from '../grade/grade-submission.js';
import { progressDisplay, type ProgressDisplay } from '../progress/display.js';
import { IntakeError, takeIn } from '../intake/index.js';
import { redactSecrets } from '../model/redact.js';
import { visibleLine, visibleLines } from '../model/visible-text.js';
import { packageVersion } from '../paths.js';
import { criteriaTable } from '../profile/criteria-table.js';
import { loadProfile, profileFile, ProfileError } from '../profile/load.js';
import type { AnyProfile } from '../profile/profile.js';
import { exitCodeFor } from '../report/build.js';
import { formats, writeReports } from '../report/formats/index.js';
import { parseCommand, UsageError, type Command } from './args.js';
import { helpText } from './help.js';
import { decideColor, ExitCode, type CliIo } from './io.js';

/** The whole CLI as a function: argv and io in, exit code out. */
export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`rock-check: ${e.message}\nTry 'rock-check --help'.\n`);
    return ExitCode.usage;
  }
  try {
    switch (command.kind) {
      case 'help':
        io.stdout(helpText);
        return ExitCode.pass;
      case 'version':
        io.stdout(`${packageVersion}\n`);
        return ExitCode.pass;
      case 'criteria':
        io.stdout(criteriaTable(readProfile(command.profile, io)));
        return ExitCode.pass;
      case 'clean':
        return await clean(command.runId, io);
      case 'doctor':
        return await doctor(command, io);
      case 'grade':
        return await grade(command, io);
      case 'batch':
      case 'report':
      case 'merge':
        return await (await import('../batch/cli.js')).runBatchCommand(command, io);
      case 'profile-init':
      case 'profile-check':
      case 'profile-explain':
        return await (await import('./profile-command.js')).runProfileCommand(command, io);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof IntakeError || e instanceof ProfileError) {
      io.stderr(`rock-check: ${shown(e.message, e instanceof ProfileError)}\n`);
      return ExitCode.usage;
    }
    io.stderr(`rock-check: internal error: ${shown((e as Error).message)}\n`);
    if (io.env.ROCK_CHECK_DEBUG) io.stderr(`${(e as Error).stack}\n`);
    return ExitCode.internal;
  }
}

/**
 * A message that may quote the submission (folder and file names): secrets
 * redacted, control characters escaped, line breaks too unless the message
 * is a list of lines (a profile's problems).
 */
function shown(message: string, lines = false): string {
  return (lines ? visibleLines : visibleLine)(redactSecrets(message));
}

/** `--profile`: a built-in profile's id (friendlyhello-redis) or a file, relative to the working folder. */
function readProfile(file: string | undefined, io: CliIo): AnyProfile {
  if (file === undefined) return loadProfile();
  const named = profileFile(file);
  return loadProfile(named === file ? resolve(io.cwd, file) : named);
}

async function grade(cmd: Extract<Command, { kind: 'grade' }>, io: CliIo): Promise<number> {
  const profile = readProfile(cmd.profile, io);
  const color = decideColor(cmd.color, io);
  const abs = (p: string | undefined) => (p === undefined || /^[a-z][a-z0-9+.-]*:|^[^/]+@[^/]+:/i.test(p) ? p : resolve(io.cwd, p));
  const progress = progressFor(io, cmd.verbose);
  const outcome = await gradeSubmission({
    source: { target: abs(cmd.target), api: abs(cmd.api), client: abs(cmd.client) },
    profile,
    mode: cmd.static ? 'static' : 'full',
    keepImages: cmd.keepImages,
    onProgress: progress?.onEvent,
  }).finally(() => progress?.close());
  // The cleanup registry said so and is removing the run; a report of a torn-down stack would mislead.
  if (outcome.kind === 'interrupted') return 128 + constants.signals[outcome.signal];
  if (outcome.kind === 'invalid-report') {
    io.stderr(`rock-check: internal error: the report does not match its schema:\n${outcome.problems.map((p) => shown(p)).join('\n')}\n`);
    return ExitCode.internal;
  }
  const { report } = outcome;
  io.stdout(formats[cmd.format].render(report, { color }));
  if (cmd.out !== false) {
    const paths = await writeReports(report, resolve(io.cwd, cmd.out), ['json', 'junit', 'markdown']);
    if (cmd.format === 'terminal') io.stderr(`reports written: ${paths.join(', ')}\n`);
  }
  return exitCodeFor(report);
}

/** The steps as they happen: redrawn in place on a terminal, one line each with --verbose elsewhere, else nothing. */
function progressFor(io: CliIo, verbose: boolean): ProgressDisplay | undefined {
  const sink = { write: (t: string) => io.stderr(t), columns: io.columns };
  if (io.isTTY && io.env.TERM !== 'dumb' && !io.env.CI) return progressDisplay(sink, 'live');
  return verbose ? progressDisplay(sink, 'lines') : undefined;
}

async function doctor(cmd: Extract<Command, { kind: 'doctor' }>, io: CliIo): Promise<number> {
  const profile = readProfile(cmd.profile, io);
  const { runDoctor, renderDoctor, doctorExitCode } = await import('../doctor/index.js');
  await using intake = cmd.target === undefined ? undefined : await takeIn({ target: resolve(io.cwd, cmd.target) }, { profile });
  const items = await runDoctor(profile, intake?.submission);
  io.stdout(renderDoctor(items, profile));
  return doctorExitCode(items);
}

async function clean(runId: string | undefined, io: CliIo): Promise<number> {
  const { cleanAll } = await import('../cleanup/index.js');
  const removed = await cleanAll(undefined, { runId });
  io.stdout(`removed ${removed.length} Docker object(s) left by rock-check${runId ? ` run ${runId}` : ''}\n`);
  for (const r of removed) io.stdout(`  ${r}\n`);
  return ExitCode.pass;
}
