import { resolve } from 'node:path';
import { visibleLine } from '../model/visible-text.js';
import { progressDisplay } from '../progress/display.js';
import { checkProfile } from '../profile/check/check-profile.js';
import { explainProfile } from '../profile/explain/explain.js';
import { initProfile } from '../profile/init/index.js';
import { loadProfile, profileFile } from '../profile/load.js';
import type { ProfileCommand } from './profile-args.js';
import { ExitCode, type CliIo } from './io.js';

/** `rock-check profile init|check|explain`; a ProfileError or IntakeError is the caller's to report (exit 2). */
export async function runProfileCommand(cmd: ProfileCommand, io: CliIo): Promise<number> {
  switch (cmd.kind) {
    case 'profile-init': {
      const out = cmd.out === undefined ? undefined : resolve(io.cwd, cmd.out);
      const text = await initProfile(resolve(io.cwd, cmd.reference), out, io.cwd, cmd.reference, cmd.id);
      if (out === undefined) io.stdout(text);
      else io.stderr(`draft written to ${visibleLine(cmd.out!)}; edit it, then: rock-check profile check ${visibleLine(cmd.out!)} ${visibleLine(cmd.reference)}\n`);
      return ExitCode.pass;
    }
    case 'profile-check': {
      const reference = cmd.reference === undefined ? undefined : { path: resolve(io.cwd, cmd.reference), shown: cmd.reference, static: cmd.static };
      const live = reference && io.isTTY && io.env.TERM !== 'dumb' && !io.env.CI ? progressDisplay({ write: (t) => io.stderr(t), columns: io.columns }, 'live') : undefined;
      const outcome = await checkProfile(fileNamed(cmd.file, io), reference, live?.onEvent).finally(() => live?.close());
      io.stdout(outcome.lines.map((l) => `${visibleLine(l)}\n`).join(''));
      return outcome.code;
    }
    case 'profile-explain':
      io.stdout(explainProfile(loadProfile(fileNamed(cmd.file, io))));
      return ExitCode.pass;
  }
}

/** A profile file as the user named it (a built-in id, or a path from the working folder), kept as written when it resolves the same from here. */
function fileNamed(file: string, io: CliIo): string {
  const named = profileFile(file);
  if (named !== file) return named;
  const abs = resolve(io.cwd, file);
  return abs === resolve(file) ? file : abs;
}
