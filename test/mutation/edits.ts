import type { Change, Texts } from './variant.js';

/** A change of the good submission, made from its texts. */
export type Edit = (texts: Texts) => Change[];

/** Replaces text that occurs exactly once in the file, so that an edit never silently stops applying. */
export function replace(path: string, from: string, to: string): Edit {
  return (texts) => {
    const text = texts.get(path);
    if (text === undefined) throw new Error(`the good fixture has no ${path}`);
    const at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`${path} holds "${from}" ${at < 0 ? 'nowhere' : 'more than once'}`);
    return [{ op: 'write', path, text: text.slice(0, at) + to + text.slice(at + from.length) }];
  };
}

/** Several edits of the same or other files, applied in order. */
export function all(...edits: Edit[]): Edit {
  return (texts) => {
    const now = new Map(texts);
    const changes: Change[] = [];
    for (const edit of edits) {
      for (const c of edit(now)) {
        changes.push(c);
        if (c.op === 'write') now.set(c.path, c.text);
        if (c.op === 'remove') now.delete(c.path);
      }
    }
    return changes;
  };
}

export const create = (path: string, text: string): Edit => () => [{ op: 'write', path, text }];
export const remove = (path: string): Edit => () => [{ op: 'remove', path }];
export const rename = (from: string, to: string): Edit => () => [{ op: 'rename', from, to }];
export const chmod = (path: string, mode: number): Edit => () => [{ op: 'chmod', path, mode }];
