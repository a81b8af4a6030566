import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { flowSpan, label, removal, type Variant } from './variant.js';

/** Options of `docker run` that take the next word as their value. */
const VALUED = new Set(['--name', '-p', '--publish', '-e', '--env', '--env-file', '--network', '-v', '--volume', '--restart', '--pull']);
/** A shell word; `${{ … }}` counts as part of the word it is in. */
const WORD = /(?:\$\{\{.*?\}\}|\S)+/g;

/**
 * In a `run:` script that sends `aws ssm send-command --parameters '{"commands":[…]}'`
 * (one line, as in the course): each command of the list removed, and each
 * option of its `docker run` (with its value).
 */
export function ssmCommandRemovals(path: string, text: string, at: string, from: number, to: number): Variant[] {
  const opened = /--parameters\s+'/.exec(text.slice(from, to));
  if (!opened) return [];
  const jsonStart = from + opened.index + opened[0].length;
  const jsonEnd = text.indexOf("'", jsonStart);
  const tree = parseTree(text.slice(jsonStart, jsonEnd));
  const commands = tree?.children?.find((p) => p.children?.[0].value === 'commands')?.children?.[1];
  if (commands?.type !== 'array') return [];
  return (commands.children ?? []).flatMap((item, i) => {
    const [start, end] = [jsonStart + item.offset, jsonStart + item.offset + item.length];
    const here = `${at} › commands[${i}]`;
    return [removal(path, `${here} ${label(String(item.value), 40)}`, text, ...flowSpan(text, start, end)), ...dockerRunOptions(path, text, here, item, jsonStart)];
  });
}

function dockerRunOptions(path: string, text: string, at: string, item: JsonNode, jsonStart: number): Variant[] {
  if (item.type !== 'string' || !/^docker run\b/.test(String(item.value))) return [];
  const raw = text.slice(jsonStart + item.offset + 1, jsonStart + item.offset + item.length - 1);
  const words = [...raw.matchAll(WORD)].map((m) => ({ text: m[0], start: jsonStart + item.offset + 1 + m.index, end: jsonStart + item.offset + 1 + m.index + m[0].length }));
  const out: Variant[] = [];
  for (let i = 2; i < words.length; i++) {
    if (!words[i].text.startsWith('-')) continue;
    const last = VALUED.has(words[i].text) && i + 1 < words.length ? i + 1 : i;
    const option = words.slice(i, last + 1).map((w) => w.text).join(' ');
    out.push(removal(path, `${at} › docker run ${option}`, text, words[i - 1].end, words[last].end));
    i = last;
  }
  return out;
}
