import type { ShellWord } from './shell-words.js';

/** Options of `docker run` that take no value; every other option takes one (`-e KEY=…`, `--name x`). */
const RUN_FLAGS = new Set([
  '--detach', '--interactive', '--tty', '--publish-all', '--rm', '--init', '--privileged', '--read-only',
  '--no-healthcheck', '--oom-kill-disable', '--sig-proxy', '--disable-content-trust', '--quiet', '--help',
]);
const RUN_SHORT_FLAGS = 'dtiPq';
const PULL_FLAGS = new Set(['--all-tags', '--quiet', '--disable-content-trust', '--help']);
const PULL_SHORT_FLAGS = 'aq';

/** The image a `docker run` or `docker pull` names: the first word that is neither an option nor an option's value. */
export function imageArgument(sub: 'run' | 'pull', args: ShellWord[]): ShellWord | undefined {
  const [flags, shortFlags] = sub === 'run' ? [RUN_FLAGS, RUN_SHORT_FLAGS] : [PULL_FLAGS, PULL_SHORT_FLAGS];
  for (let i = 0; i < args.length; i++) {
    const t = args[i].text;
    if (t === '--') return args[i + 1];
    if (!t.startsWith('-') || t === '-') return args[i];
    if (t.startsWith('--')) {
      if (!t.includes('=') && !flags.has(t)) i++;
      continue;
    }
    // A group of short options (`-itd`, `-dp 80:8000`, `-eKEY=…`): the first that takes a value takes the rest of the word, or the next word.
    const letters = t.slice(1);
    const valued = [...letters].findIndex((c) => !shortFlags.includes(c));
    if (valued === letters.length - 1) i++;
  }
  return undefined;
}

/** `--pull` of a `docker run`: `always`, `missing` (Docker's default) or `never`. */
export function pullPolicy(args: ShellWord[]): string {
  const image = imageArgument('run', args);
  const options = image ? args.slice(0, args.indexOf(image)) : args;
  for (let i = 0; i < options.length; i++) {
    const t = options[i].text;
    if (t === '--pull') return options[i + 1]?.text ?? 'missing';
    if (t.startsWith('--pull=')) return t.slice('--pull='.length);
  }
  return 'missing';
}
