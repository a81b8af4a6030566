import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { cli } from '../src/batch/test-support.js';
import { runCommand } from '../src/cli/run-command.js';
import { memoryIo } from '../src/cli/test-io.js';
import { profilePath } from '../src/paths.js';
import { formatNames } from '../src/report/formats/index.js';
import { gradeInEveryFormat } from './cli-formats.js';
import { materialize } from './support/materialize.js';

/**
 * A profile whose text holds control characters (a course repository that
 * students can write to can hold such a profile), graded through the CLI in
 * every format, in a batch's outputs and in `rock-check criteria`: its name
 * and titles show as the same escapes as the submission's text, never raw.
 */
const TIMEOUT = 240_000;
const hostile = {
  name: 'Rock of Ages\u009b2J, \u001b]0;pwned\u0007 workshop\n::error::forged',
  titles: {
    'RC-CF006': 'PostgreSQL\u009b31m driver \u001b[2Jdeclared \u202eeurt\u202c \u2066x\u2069 \u007f\r\n::error::forged',
    'RC-DF001': 'Dockerfile\u0085 present\u200f and \u061cparseable',
  } as Record<string, string>,
  escaped: {
    name: 'Rock of Ages\\x9b2J, \\x1b]0;pwned\\x07 workshop\\n::error::forged',
    'RC-CF006': 'PostgreSQL\\x9b31m driver \\x1b[2Jdeclared \\u202eeurt\\u202c \\u2066x\\u2069 \\x7f\\r\\n::error::forged',
    'RC-DF001': 'Dockerfile\\x85 present\\u200f and \\u061cparseable',
  } as Record<string, string>,
};
/** Every character the report escapes, other than the line breaks and tabs a format may print itself. */
const rawControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const commandLine = /^\s*(::|##\[)/;

async function hostileProfile(dir: string): Promise<string> {
  const doc = parseDocument(await readFile(profilePath('rock-of-ages'), 'utf8'));
  doc.set('name', hostile.name);
  const criteria = (doc.toJS() as { criteria: { id: string }[] }).criteria;
  for (const [id, title] of Object.entries(hostile.titles)) doc.setIn(['criteria', criteria.findIndex((c) => c.id === id), 'title'], title);
  const file = join(dir, 'hostile-profile.yaml');
  await writeFile(file, doc.toString());
  return file;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/**
 * What a reader of the output sees: a JSON output's strings, a workflow
 * command's properties decoded, Markdown's backslash escapes undone.
 */
function readable(format: string, text: string): string {
  const shown = text.trimStart().startsWith('{') ? strings(JSON.parse(text)).join('\n') : text;
  const decoded = format === 'github' ? shown.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%') : shown;
  return decoded.replace(/\\(\W)/g, '$1');
}

/** The words of `expected` that `shown` lacks, whatever lines a format wraps it on. */
const missing = (expected: string, shown: string) => expected.split(' ').filter((w) => !shown.includes(w));

describe.concurrent("a profile's hostile text, through the CLI", () => {
  it('is escaped in every format', async () => {
    await using m = await materialize('broken/cf006-no-postgres-driver');
    const profile = await hostileProfile(m.dir);
    const run = await gradeInEveryFormat([m.dir, '--profile', profile], m.dir);
    expect(run.exit).toBe(1);
    expect(run.report.profile.name).toBe(hostile.escaped.name);
    const title = (id: string) => run.report.criteria.find((c) => c.id === id)!.title;
    expect(title('RC-CF006')).toBe(hostile.escaped['RC-CF006']);
    expect(title('RC-DF001')).toBe(hostile.escaped['RC-DF001']);
    expect(run.report.criteria.find((c) => c.id === 'RC-CF006')!.status).toBe('fail');

    for (const name of formatNames) {
      const text = run.outputs[name];
      expect(text, `${name} prints a raw control character`).not.toMatch(rawControl);
      expect(missing(hostile.escaped['RC-CF006'], readable(name, text)), `${name} shows the failing criterion's title escaped`).toEqual([]);
      const starts = text.split('\n').filter((l) => commandLine.test(l));
      if (name === 'github') expect(starts.every((l) => /^::(error|warning|notice) [^\n]*title=/.test(l)), name).toBe(true);
      else expect(starts, name).toEqual([]);
      if (text.trimStart().startsWith('{')) {
        const printed = strings(JSON.parse(text)).flatMap((s) => s.split('\n'));
        expect(printed.filter((l) => commandLine.test(l) || rawControl.test(l)), name).toEqual([]);
      }
    }
    for (const name of ['terminal', 'markdown'] as const) expect(missing(hostile.escaped.name, readable(name, run.outputs[name])), name).toEqual([]);
    expect(run.stderr).not.toMatch(rawControl);
  }, TIMEOUT);

  it('is escaped in the criteria table', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rc-hostile-profile-'));
    try {
      const io = memoryIo({ cwd: dir });
      expect(await runCommand(['criteria', '--profile', await hostileProfile(dir)], io)).toBe(0);
      expect(io.out).not.toMatch(rawControl);
      expect(io.out).toContain(`| RC-CF006 | Configuration | ${hostile.escaped['RC-CF006']} | required |`);
      expect(io.out).toContain(`| RC-DF001 | Dockerfiles | ${hostile.escaped['RC-DF001']} | required |`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("is escaped in a batch's gradebook, feedback, reports and dashboard", async () => {
    await using m = await materialize('broken/cf006-no-postgres-driver');
    const profile = await hostileProfile(m.dir);
    const out = await mkdtemp(join(tmpdir(), 'rc-hostile-batch-'));
    try {
      await writeFile(join(out, 'roster.csv'), `identifier,repo\nalice,${m.dir}\n`);
      const r = await cli(['batch', join(out, 'roster.csv'), '--out', join(out, 'grades'), '--static', '--profile', profile]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout + r.stderr).not.toMatch(rawControl);
      const files = (await readdir(join(out, 'grades'), { recursive: true })).filter((f) => /\.(csv|html|md|json|xml)$/.test(f));
      expect(files).toEqual(expect.arrayContaining(['gradebook.csv', 'canvas-import.csv', 'criteria-matrix.csv', 'index.html', join('submissions', 'alice', 'feedback.md')]));
      for (const f of files) expect(await readFile(join(out, 'grades', f), 'utf8'), f).not.toMatch(rawControl);
      const dashboard = await readFile(join(out, 'grades', 'index.html'), 'utf8');
      expect(dashboard).toContain(JSON.stringify(hostile.escaped['RC-CF006']).slice(1, -1));
      expect(await readFile(join(out, 'grades', 'submissions', 'alice', 'feedback.md'), 'utf8')).toMatch(/PostgreSQL\\{1,2}x9b31m driver/);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, TIMEOUT);
});
