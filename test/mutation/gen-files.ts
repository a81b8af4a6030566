import { posix } from 'node:path';
import { afterLine, label, removal, type Texts, type Variant } from './variant.js';

/** Files read line by line (env files, ignore files, the seed script, requirements.txt, the Pipfile): each line is a construct. */
export function isLineOriented(path: string): boolean {
  const base = posix.basename(path);
  return base === '.env' || base.startsWith('.env.') || base === '.gitignore' || base === '.dockerignore' || base.endsWith('.sh') || base === 'requirements.txt' || base === 'Pipfile';
}

/** Every file removed, one at a time. */
export function fileRemovals(texts: Texts): Variant[] {
  return [...texts.keys()].map((path) => ({ id: `remove ${path}`, changes: [{ op: 'remove', path }] }));
}

/** Each line that is not blank, removed (a repeated line is told apart by its number). */
export function lineRemovals(path: string, text: string): Variant[] {
  const out: Variant[] = [];
  const seen = new Map<string, number>();
  for (let start = 0, n = 1; start < text.length; start = afterLine(text, start), n++) {
    const end = afterLine(text, start);
    const line = text.slice(start, end).replace(/\r?\n$/, '');
    if (line.trim() === '') continue;
    const shown = label(line);
    const count = (seen.get(shown) ?? 0) + 1;
    seen.set(shown, count);
    out.push(removal(path, count === 1 ? shown : `${shown} (line ${n})`, text, start, end));
  }
  return out;
}
