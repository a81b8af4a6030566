import type { Position } from '../../model/finding.js';
import type { ShellScript, ShellWord } from '../../parsers/shell-script.js';

/** One `manage.py <subcommand> ...` (or `django-admin ...`) run by a shell script. */
export interface ManageCommand {
  /** Order among the script's commands. */
  index: number;
  subcommand: string;
  /** Positional arguments, options dropped, loop variables expanded. */
  args: ShellWord[];
  /** Where the subcommand word is. */
  pos: Position;
}

const LOOP_VARIABLE = /^\$\{?(\w+)\}?$/;

/**
 * The Django management commands of a script, whatever runs them
 * (`python3 manage.py`, `pipenv run python manage.py`, `./manage.py`,
 * `django-admin`). `for x in a b; do ... $x ...; done` expands to one
 * argument per item.
 */
export function manageCommands(script: ShellScript): ManageCommand[] {
  const out: ManageCommand[] = [];
  const loops: { variable: string; items: ShellWord[] }[] = [];
  script.commands.forEach((cmd, index) => {
    const w = cmd.words;
    if (w[0]?.text === 'for' && w[2]?.text === 'in') {
      loops.push({ variable: w[1].text, items: w.slice(3) });
      return;
    }
    if (w[0]?.text === 'done') loops.pop();
    const k = w.findIndex((word) => /(^|\/)manage\.py$/.test(word.text) || /^django-admin(\.py)?$/.test(word.text));
    if (k < 0 || !w[k + 1]) return;
    const args = w.slice(k + 2).flatMap((arg) => {
      if (arg.text.startsWith('-')) return [];
      const v = LOOP_VARIABLE.exec(arg.text)?.[1];
      const loop = v ? [...loops].reverse().find((l) => l.variable === v) : undefined;
      return loop ? loop.items.map((item) => ({ text: item.text, pos: arg.pos })) : [arg];
    });
    out.push({ index, subcommand: w[k + 1].text, args, pos: w[k + 1].pos });
  });
  return out;
}

/** `rockapi/fixtures/users.json` and `users.json.gz` load the fixture labelled `users`. */
export function fixtureLabel(arg: string): string {
  const base = arg.split('/').pop() ?? arg;
  return base.replace(/\.(json|ya?ml|xml)(\.(gz|zip|bz2|xz|lzma))?$/, '');
}
