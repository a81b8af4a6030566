import { posix } from 'node:path';
import type { Position } from '../../model/finding.js';
import { unreadableReason } from '../../model/submission.js';
import { parseShellScript, type ShellScript } from '../../parsers/shell-script.js';
import type { ContextFile } from './build-context.js';
import { basename, commandsOf, shells } from './command.js';
import { imagePaths } from './image-paths.js';
import type { DockerfileInput } from './input.js';

/** A shell script of the submission that the CMD or ENTRYPOINT runs (`./start.sh`, `sh start.sh`). */
export interface StartScript {
  /** As the command names it, e.g. `./start.sh`. */
  written: string;
  /** The file of the build context it is, when found. */
  file?: ContextFile;
  /** Why it was not read, said after its name: `was not found: …`, `cannot be read: …`. */
  unread?: string;
  /** The first carriage return of a script with CRLF line endings that the start command does not convert first. */
  crlf?: Position;
  /** Scripts it runs in turn, as written: only one level of scripts is read. */
  nested: string[];
}

/** Where a command read from a script is written. */
export interface ScriptSite {
  script: StartScript;
  pos: Position;
}

export interface ExpandedCommands {
  commands: string[][];
  /** For each command, the script line it comes from; undefined for the CMD or ENTRYPOINT itself. */
  sites: (ScriptSite | undefined)[];
  scripts: StartScript[];
}

/**
 * The commands of a start command with each script of the submission it runs
 * replaced by the commands of that script (one level): `"$@"` in the script
 * stands for the script's arguments, so an ENTRYPOINT script ending in
 * `exec "$@"` hands over to the CMD. The seed script is left as a command,
 * since the criteria look for it by name; a script that cannot be found or
 * read is left as a command too.
 */
export function expandScripts(input: DockerfileInput, commands: string[][]): ExpandedCommands {
  const out: ExpandedCommands = { commands: [], sites: [], scripts: [] };
  const push = (argv: string[], site?: ScriptSite) => {
    out.commands.push(argv);
    out.sites.push(site);
  };
  const seed = input.profile.seed.script;
  for (const [k, argv] of commands.entries()) {
    const run = scriptRunOf(argv, seed);
    if (!run) {
      push(argv);
      continue;
    }
    const { script, parsed } = readScript(input, run.written, commands.slice(0, k));
    out.scripts.push(script);
    if (!parsed) {
      push(argv);
      continue;
    }
    for (const line of parsed.commands) {
      for (const sub of commandsOf(withoutKeywords(line.words.map((w) => w.text)))) {
        if (sub[0] === '$@' || sub[0] === '$*') {
          for (const handed of commandsOf([...run.args, ...sub.slice(1)])) push(handed);
          continue;
        }
        const nested = scriptRunOf(sub, seed) ?? sourced(sub, seed);
        if (nested) script.nested.push(nested.written);
        push(sub, { script, pos: line.pos });
      }
    }
  }
  return out;
}

/** The script a command runs and the arguments it is given: `./start.sh a`, `bash -e start.sh`. */
function scriptRunOf(argv: string[], seed: string): { written: string; args: string[] } | undefined {
  const first = argv[0] ?? '';
  let at = -1;
  if (shells.has(basename(first))) at = argv.findIndex((a, k) => k > 0 && !a.startsWith('-') && !a.startsWith('+'));
  else if (first.endsWith('.sh')) at = 0;
  // a shell's first operand is a script file only when it looks like one (not the value of `-o pipefail`)
  if (at < 0 || !/\.sh$|\//.test(argv[at]) || basename(argv[at]) === seed) return undefined;
  return { written: argv[at], args: argv.slice(at + 1) };
}

function sourced(argv: string[], seed: string): { written: string } | undefined {
  const [first = '', second = ''] = argv;
  return (first === 'source' || first === '.') && second.endsWith('.sh') && basename(second) !== seed ? { written: second } : undefined;
}

/** Reserved words that open a compound command: what follows them is the command run. */
const keywords = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{']);

function withoutKeywords(words: string[]): string[] {
  let i = 0;
  while (i < words.length && keywords.has(words[i])) i++;
  return words.slice(i);
}

function readScript(input: DockerfileInput, written: string, before: string[][]): { script: StartScript; parsed?: ShellScript } {
  const context = input.context;
  const paths = imagePaths(input.stages, (p) => context?.file(p) !== undefined);
  const inContext = written.includes('$') ? undefined : paths.contextPathOf(written);
  const file = inContext === undefined ? undefined : context?.file(inContext);
  if (!file) {
    const ignore = context?.dockerignore;
    if (inContext !== undefined && ignore?.ignores(inContext)) {
      return { script: { written, nested: [], unread: `was not found: ${ignore.path} leaves ${inContext} out of the build context` } };
    }
    const where = paths.workdir === '' || written.includes('$') ? written : posix.resolve(paths.workdir, written);
    return { script: { written, nested: [], unread: `was not found: no file of ${input.folder} is copied to ${where} in the image` } };
  }
  const text = file.file.text;
  if (file.file.binary || text === undefined || text.includes('\u0000')) {
    return { script: { written, file, nested: [], unread: `cannot be read: ${file.shown} ${unreadableReason(file.file)}` } };
  }
  const parsed = parseShellScript(file.path, text);
  const converted = before.some((argv) => ['sed', 'dos2unix'].includes(basename(argv[0] ?? '')) && argv.slice(1).some((a) => basename(a) === basename(written)));
  return { script: { written, file, nested: [], ...(parsed.firstCr && !converted ? { crlf: parsed.firstCr } : {}) }, parsed };
}
