import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseSource, stripCredentials } from '../intake/source-spec.js';
import { studentKey } from './shard.js';

/** One student's submission as the roster names it. */
export interface RosterEntry {
  /** 1-based line of the roster where the row starts. */
  line: number;
  /** The student's identifier: the gradebook's key. */
  student: string;
  name: string;
  /** What `rock-check <target>` or `--api`/`--client` would be given (paths absolute, `#ref` appended). */
  source: { target?: string; api?: string; client?: string };
  /** The submission as the roster wrote it, credentials removed: the gradebook's repository column. */
  repository: string;
  /** The roster's other columns, carried into the outputs. */
  extra: Record<string, string>;
}

export interface RosterProblem {
  line: number;
  message: string;
}

export interface Roster {
  kind: 'csv' | 'urls' | 'folder';
  entries: RosterEntry[];
  problems: RosterProblem[];
  /** Reported, but every row is still graded (a byte-order mark). */
  notices: RosterProblem[];
  /** Names of the extra columns, in roster order. */
  extraColumns: string[];
}

export class RosterError extends Error {}

export const studentColumns = ['student', 'identifier', 'roster_identifier', 'github_username', 'email'];
const repoColumns = ['repo', 'url', 'student_repository_url'];
const MAX_ROSTER_BYTES = 16 * 1024 * 1024;

/** Reads a roster: a CSV file, a text file of git URLs, or a folder of submission folders. */
export async function readRoster(path: string): Promise<Roster> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new RosterError(`no roster at ${path}`);
  }
  if (info.isDirectory()) return folderRoster(path);
  if (info.size > MAX_ROSTER_BYTES) throw new RosterError(`the roster ${path} is larger than ${MAX_ROSTER_BYTES / 1024 / 1024} MiB`);
  const text = await readFile(path, 'utf8');
  return looksLikeCsv(path, text) ? csvRoster(text, dirname(resolve(path))) : urlRoster(text, dirname(resolve(path)));
}

function looksLikeCsv(path: string, text: string): boolean {
  if (/\.csv$/i.test(path)) return true;
  const first = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  return first.includes(',') && !/^\s*(https?|ssh|file):\/\//i.test(first) && !/^[^@\s]+@[^:\s]+:/.test(first);
}

async function folderRoster(dir: string): Promise<Roster> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  const entries = names.map((name, i) => ({
    line: i + 1,
    student: name,
    name: '',
    source: { target: join(resolve(dir), name) },
    repository: name,
    extra: {},
  }));
  return { kind: 'folder', entries, problems: [], notices: [], extraColumns: [] };
}

function urlRoster(text: string, base: string): Roster {
  const problems: RosterProblem[] = [];
  const entries: RosterEntry[] = [];
  const notices = bomNotice(text);
  text = text.replace(/^\ufeff/, '');
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const value = raw.trim();
    if (value === '' || value.startsWith('#')) return;
    const student = basename(value.replace(/#.*$/, '').replace(/\/+$/, '')).replace(/\.git$/, '');
    const entry = makeEntry(line, student, '', { target: value }, undefined, base, {});
    if (typeof entry === 'string') problems.push({ line, message: entry });
    else entries.push(entry);
  });
  return dedupe({ kind: 'urls', entries, problems, notices, extraColumns: [] });
}

/** Spreadsheets save CSV with a byte-order mark; it is dropped, and said so, rather than read into the first column's name. */
function bomNotice(text: string): RosterProblem[] {
  return text.startsWith('\ufeff') ? [{ line: 1, message: 'the file starts with a byte-order mark (as spreadsheets save it); it is ignored' }] : [];
}

interface RawRecord {
  line: number;
  cells: string[];
}

/**
 * CSV records with the line each starts on. A record with broken quoting is
 * reported and parsing resumes on the line after the one it started on, so
 * one stray quote costs one row, not the rest of the class.
 */
function csvRecords(text: string, problems: RosterProblem[]): RawRecord[] {
  const lines = text.split(/(?<=\n)/);
  const records: RawRecord[] = [];
  let start = 1;
  while (start <= lines.length) {
    let lastEnd = start - 1;
    try {
      parse(lines.slice(start - 1).join(''), {
        relax_column_count: true,
        skip_empty_lines: true,
        on_record: (record: string[], ctx: { lines: number }) => {
          const end = start - 1 + ctx.lines;
          records.push({ line: firstNonEmpty(lines, lastEnd + 1, end), cells: record });
          lastEnd = end;
          return record;
        },
      });
      break;
    } catch (e) {
      const bad = firstNonEmpty(lines, lastEnd + 1, lines.length);
      problems.push({ line: bad, message: `broken CSV quoting: ${String((e as Error).message).replace(/ at line \d+.*$/, '')}` });
      start = bad + 1;
    }
  }
  return records;
}

function firstNonEmpty(lines: string[], from: number, to: number): number {
  for (let l = from; l <= to; l++) if (lines[l - 1]?.trim()) return l;
  return from;
}

function csvRoster(text: string, base: string): Roster {
  const problems: RosterProblem[] = [];
  const notices = bomNotice(text);
  text = text.replace(/^\ufeff/, '');
  const records = csvRecords(text, problems);
  const header = records.shift();
  if (!header) throw new RosterError('the roster CSV is empty: it needs a header line');
  const columns = header.cells.map((c) => c.trim());
  const lower = columns.map((c) => c.toLowerCase());
  const idColumns = studentColumns.map((c) => lower.indexOf(c)).filter((i) => i >= 0);
  const repoAt = repoColumns.map((c) => lower.indexOf(c)).find((i) => i >= 0);
  const at = (name: string) => lower.indexOf(name);
  const [nameAt, apiAt, clientAt, refAt] = [at('name'), at('api'), at('client'), at('ref')];
  if (idColumns.length === 0) throw new RosterError(`the roster CSV names no student column: one of ${studentColumns.join(', ')}`);
  if (repoAt === undefined && apiAt < 0) {
    throw new RosterError(`the roster CSV names no submission column: one of ${[...repoColumns, 'api'].join(', ')}`);
  }
  const known = new Set([idColumns[0], repoAt, nameAt, apiAt, clientAt, refAt].filter((i) => i !== undefined && i >= 0));
  const extraAt = columns.map((_, i) => i).filter((i) => !known.has(i));
  const entries: RosterEntry[] = [];
  for (const r of records) {
    const cell = (i: number | undefined) => (i === undefined || i < 0 ? '' : (r.cells[i] ?? '').trim());
    if (r.cells.length > columns.length) {
      problems.push({ line: r.line, message: `${r.cells.length} fields where the header has ${columns.length}` });
      continue;
    }
    const student = idColumns.map(cell).find((v) => v !== '') ?? '';
    const extra = Object.fromEntries(extraAt.map((i) => [columns[i], cell(i)]));
    const source = cell(repoAt) !== '' ? { target: cell(repoAt) } : { api: cell(apiAt) || undefined, client: cell(clientAt) || undefined };
    const entry = makeEntry(r.line, student, cell(nameAt), source, cell(refAt) || undefined, base, extra);
    if (typeof entry === 'string') problems.push({ line: r.line, message: entry });
    else entries.push(entry);
  }
  return dedupe({ kind: 'csv', entries, problems, notices, extraColumns: extraAt.map((i) => columns[i]) });
}

const isRemote = (s: string) => parseSource(s).kind === 'git';

/** One validated row, or why it cannot be graded. */
function makeEntry(
  line: number,
  student: string,
  name: string,
  named: { target?: string; api?: string; client?: string },
  ref: string | undefined,
  base: string,
  extra: Record<string, string>,
): RosterEntry | string {
  if (student === '') return 'no student identifier';
  if (/[\x00-\x1f\x7f]/.test(student)) return 'the student identifier contains control characters';
  if (named.target === undefined && named.api === undefined) {
    return named.client !== undefined ? `${student}: a client without an api` : `${student}: no repository`;
  }
  const source: RosterEntry['source'] = {};
  const shown: string[] = [];
  for (const role of ['target', 'api', 'client'] as const) {
    const value = named[role];
    if (value === undefined) continue;
    let remote: boolean;
    try {
      remote = isRemote(value);
    } catch (e) {
      return `${student}: ${(e as Error).message}`;
    }
    if (ref !== undefined && !remote) return `${student}: a ref (${ref}) is given for the local folder ${value}`;
    const full = remote ? (ref !== undefined && !value.includes('#') ? `${value}#${ref}` : value) : resolve(base, value);
    try {
      parseSource(full);
    } catch (e) {
      return `${student}: ${(e as Error).message}`;
    }
    source[role] = full;
    shown.push(remote ? stripCredentials(full) : value);
  }
  return { line, student, name, source, repository: shown.join(' '), extra };
}

function dedupe(roster: Roster): Roster {
  const first = new Map<string, number>();
  const entries: RosterEntry[] = [];
  for (const e of roster.entries) {
    const key = studentKey(e.student);
    const seen = first.get(key);
    if (seen !== undefined) {
      roster.problems.push({ line: e.line, message: `${e.student}: the same student as on line ${seen}` });
      continue;
    }
    first.set(key, e.line);
    entries.push(e);
  }
  roster.problems.sort((a, b) => a.line - b.line);
  return { ...roster, entries };
}
