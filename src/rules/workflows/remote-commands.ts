import type { Node as JsonNode } from 'jsonc-parser';
import { decodeShorthandValue, shorthandValues } from './aws-shorthand.js';
import { decodeJsonString, parseJson, type DecodedString } from './json-syntax.js';
import { shellCommands, type ShellWord } from './shell-words.js';
import type { SsmCommand } from './ssm-command.js';

/**
 * The shell commands an `aws ssm send-command` has the instance run: the
 * strings of `--parameters '{"commands":[…]}'`, read with the error-tolerant
 * parser (so a JSON error RC-WF007 reports does not hide them), each split
 * into words. Every word's offsets are offsets in the step's `run` value;
 * `${{ … }}` stand as same-length placeholders.
 */
export interface RemoteCommand {
  /** The words of one shell command of a `commands` string. */
  words: ShellWord[];
  /** Which string of the `commands` list it is in (0-based). */
  index: number;
}

/** Undefined when the parameters hold no readable `commands` list (JSON or AWS CLI shorthand). */
export function remoteCommands(cmd: SsmCommand): RemoteCommand[] | undefined {
  const p = cmd.parameters;
  if (!p) return undefined;
  const strings = /^\s*\{/.test(p.text) ? jsonCommandStrings(p.text) : shorthandCommandStrings(p.text);
  if (!strings) return undefined;
  const toRun = (i: number) => p.offsets[i] ?? p.start;
  const out: RemoteCommand[] = [];
  strings.forEach((decoded, index) => {
    for (const words of shellCommands(decoded.text)) {
      out.push({
        index,
        words: words.map((w) => ({
          ...w,
          offsets: w.offsets.map((o) => toRun(decoded.at[o])),
          start: toRun(decoded.at[w.start] ?? decoded.at[0] ?? 0),
        })),
      });
    }
  });
  return out;
}

function jsonCommandStrings(text: string): DecodedString[] | undefined {
  const list = commandsList(parseJson(text).tree);
  if (!list) return undefined;
  return (list.children ?? []).filter((item) => item.type === 'string').map((item) => decodeJsonString(text, item.offset, item.length));
}

function shorthandCommandStrings(text: string): DecodedString[] | undefined {
  const values = shorthandValues(text)?.filter((v) => v.key === 'commands');
  return values && values.length > 0 ? values.map((v) => decodeShorthandValue(text, v)) : undefined;
}

function commandsList(tree: JsonNode | undefined): JsonNode | undefined {
  if (tree?.type !== 'object') return undefined;
  for (const prop of tree.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (key?.value === 'commands' && value?.type === 'array') return value;
  }
  return undefined;
}

/** A `docker run` (or `sudo docker run`) among remote commands: its `docker` word and the words after `run`. */
export interface DockerRun {
  command: RemoteCommand;
  docker: ShellWord;
  args: ShellWord[];
}

export function dockerInvocations(commands: RemoteCommand[], sub: string): DockerRun[] {
  return commands.flatMap((command) => {
    const w = command.words;
    const i = w.findIndex((word, k) => word.text === 'docker' && w[k + 1]?.text === sub);
    return i < 0 ? [] : [{ command, docker: w[i], args: w.slice(i + 2) }];
  });
}

/**
 * The `docker run` that starts the deployed container: the last one of the
 * commands (the course's deploy ends with it; earlier ones may be one-off helpers).
 */
export function deployedRun(commands: RemoteCommand[]): DockerRun | undefined {
  return dockerInvocations(commands, 'run').at(-1);
}

/** Keys a `docker run` sets with `-e KEY=…`, `-eKEY=…`, `--env KEY=…` or `--env=KEY=…`, each with its word. */
export function envAssignments(args: ShellWord[]): { key: string; word: ShellWord; valued: boolean }[] {
  const out: { key: string; word: ShellWord; valued: boolean }[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = args[i].text;
    let assignment: string | undefined;
    if ((t === '-e' || t === '--env') && args[i + 1]) assignment = args[++i].text;
    else if (t.startsWith('--env=')) assignment = t.slice('--env='.length);
    else if (/^-e[A-Za-z_]/.test(t)) assignment = t.slice(2);
    if (assignment === undefined) continue;
    const eq = assignment.indexOf('=');
    out.push({ key: eq < 0 ? assignment : assignment.slice(0, eq), word: args[i], valued: eq >= 0 });
  }
  return out;
}
