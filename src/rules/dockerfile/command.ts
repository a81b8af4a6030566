import type { Instruction } from 'dockerfile-ast';
import { simpleCommands } from './shell.js';

/**
 * How Docker reads the arguments of RUN, CMD and ENTRYPOINT: a JSON array of
 * strings is the exec form; anything else is the shell form, run through
 * `/bin/sh -c`.
 */
export interface CommandForm {
  exec: boolean;
  argv: string[];
  /** The arguments as written, line continuations joined. */
  text: string;
}

export function commandForm(instruction: Instruction): CommandForm | undefined {
  const text = instruction.getArgumentsContent();
  if (text === null || text.trim() === '') return undefined;
  const exec = parseExecForm(text);
  return exec ? { exec: true, argv: exec, text } : { exec: false, argv: ['/bin/sh', '-c', text], text };
}

export function parseExecForm(text: string): string[] | undefined {
  const t = text.trim();
  if (!t.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(t);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  } catch {
    // not JSON: Docker falls back to the shell form
  }
  return undefined;
}

/**
 * CMD or ENTRYPOINT text meant as the exec form that Docker will run through
 * the shell instead: single quotes, a missing bracket or comma.
 */
export function isBrokenExecForm(text: string): boolean {
  return /^\s*\[\s*['"]/.test(text) && !parseExecForm(text);
}

export const shells = new Set(['sh', 'bash', 'dash', 'ash', 'zsh']);
const runners = new Set(['pipenv', 'poetry', 'uv', 'pdm', 'hatch']);
const prefixes = new Set(['exec', 'nohup', 'time', 'sudo']);
const inits = new Set(['tini', 'dumb-init']);

export function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/**
 * The commands an argv runs, in order: shell scripts (`sh -c`, `bash -c`)
 * are read, and wrappers such as `pipenv run`, `env`, `exec` are looked
 * through, so `pipenv run bash -c "./seed.sh && python manage.py runserver"`
 * gives `./seed.sh` then `python manage.py runserver`.
 */
export function commandsOf(argv: string[], depth = 0): string[][] {
  let i = 0;
  while (i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i])) i++;
  const rest = argv.slice(i);
  if (rest.length === 0 || depth > 8) return rest.length === 0 ? [] : [rest];
  const name = basename(rest[0]);
  const again = (from: number) => commandsOf(rest.slice(from), depth + 1);
  if (shells.has(name)) {
    const c = rest.findIndex((a, k) => k > 0 && /^-[a-z]*c[a-z]*$/.test(a));
    const firstOperand = rest.findIndex((a, k) => k > 0 && !a.startsWith('-') && !a.startsWith('+'));
    if (c > 0 && (firstOperand < 0 || firstOperand > c) && c + 1 < rest.length) {
      return simpleCommands(rest[c + 1]).flatMap((sc) => commandsOf(sc.argv, depth + 1));
    }
    return [rest];
  }
  if (prefixes.has(name)) return again(1);
  if (name === 'env') {
    let k = 1;
    while (k < rest.length && (rest[k].startsWith('-') || rest[k].includes('='))) k++;
    return again(k);
  }
  if (runners.has(name) && rest[1] === 'run') {
    let k = 2;
    while (k < rest.length && rest[k].startsWith('-')) k++;
    return again(k);
  }
  if (inits.has(name)) {
    let k = 1;
    while (k < rest.length && rest[k].startsWith('-')) k++;
    return again(k);
  }
  return [rest];
}

/** The commands a RUN, CMD or ENTRYPOINT instruction runs. */
export function commandsOfInstruction(instruction: Instruction): string[][] {
  const form = commandForm(instruction);
  return form ? commandsOf(form.argv) : [];
}

/** Commands as a student would type them, for messages: `sleep infinity`, `./seed_database.sh; echo done`; long ones cut. */
export function shownCommands(commands: string[][], max = 120): string {
  const word = (w: string) => (w === '' || /[\s"'\\\u0000-\u001f\u007f]/.test(w) ? JSON.stringify(w) : w);
  const text = commands.map((argv) => argv.map(word).join(' ')).join('; ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
