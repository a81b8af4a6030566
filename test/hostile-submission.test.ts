import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../src/cli/run-command.js';
import { memoryIo } from '../src/cli/test-io.js';
import { formatNames } from '../src/report/formats/index.js';
import { gradeInEveryFormat } from './cli-formats.js';
import { applyEdits, materialize } from './support/materialize.js';

/**
 * A submission carrying hostile text (testdata/hostile-submission.json),
 * graded through the CLI in every format: what it quotes is redacted and its
 * control characters escaped; a file name with a newline cannot forge a
 * workflow command.
 */
interface HostileSubmission {
  base: string;
  secrets: string[];
  edits: { file: string; replace: string; with: string }[];
  add: Record<string, string>;
  expectFailing: string[];
}

const TIMEOUT = 240_000;
const rawControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const commandLine = /^\s*(::|##\[)/;

async function hostileSubmission() {
  const spec = JSON.parse(await readFile(join(import.meta.dirname, 'testdata', 'hostile-submission.json'), 'utf8')) as HostileSubmission;
  const m = await materialize(spec.base);
  await applyEdits({ name: 'hostile-submission', edits: spec.edits }, m.dir);
  for (const [path, text] of Object.entries(spec.add)) {
    await mkdir(dirname(join(m.dir, path)), { recursive: true });
    await writeFile(join(m.dir, path), text);
  }
  return { spec, m };
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe.concurrent('hostile text in a submission, through the CLI', () => {
  it('is redacted and escaped in every format', async () => {
    const { spec, m } = await hostileSubmission();
    await using _m = m;
    const run = await gradeInEveryFormat([m.dir], m.dir);
    expect(run.exit).toBe(1);
    const failing = run.report.criteria.filter((c) => c.status === 'fail').map((c) => c.id);
    expect(failing.sort()).toEqual(spec.expectFailing);

    const findings = run.report.criteria.flatMap((c) => c.findings);
    expect(findings.find((f) => f.ruleId === 'RC-DF001')!.message).toMatch(/^unknown instruction "AWS_SECRET_ACCESS_KEY=wJ\*{8}34"/);
    expect(findings.find((f) => f.ruleId === 'RC-CO001')!.message).toContain('"cache\\x1b[2J\\x1b[31m\\x1b]0;pwned\\x07"');
    const messages = findings.map((f) => f.message);
    expect(messages).toContainEqual(expect.stringContaining('"uses: gh********89"'));
    expect(messages).toContainEqual(expect.stringContaining("Unrecognized named-value: 'lo********23'"));
    const wf002 = findings.filter((f) => f.ruleId === 'RC-WF002');
    expect(wf002.length).toBeGreaterThan(0);
    expect(wf002.every((f) => f.file === 'rock-of-ages-api/.github/workflows/x\\n::error file=README.md::forged.yml')).toBe(true);

    for (const name of formatNames) {
      const text = run.outputs[name];
      for (const secret of spec.secrets) expect(text, `${name} prints ${secret}`).not.toContain(secret);
      expect(text, `${name} prints a raw control character`).not.toMatch(rawControl);
      const starts = text.split('\n').filter((l) => commandLine.test(l));
      if (name === 'github') expect(starts.every((l) => /^::(error|warning|notice) [^\n]*title=/.test(l)), name).toBe(true);
      else expect(starts, name).toEqual([]);
      if (text.trimStart().startsWith('{')) {
        const printed = strings(JSON.parse(text)).flatMap((s) => s.split('\n'));
        expect(printed.filter((l) => commandLine.test(l) || rawControl.test(l)), name).toEqual([]);
      }
    }
    const annotation = run.outputs.github.split('\n').find((l) => l.includes('title=RC-WF002'))!;
    expect(annotation).toMatch(/^::error file=rock-of-ages-api\/\.github\/workflows\/x\\n%3A%3Aerror file=README\.md%3A%3Aforged\.yml,line=\d+,col=\d+,title=/);
    expect(run.stderr).not.toMatch(rawControl);
  }, TIMEOUT);

  it('is escaped on stderr when the folder names themselves are hostile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rc-hostile-'));
    try {
      await mkdir(join(dir, 'a\u001b[2Jb\n::error::forged'));
      await writeFile(join(dir, 'a\u001b[2Jb\n::error::forged', 'README.md'), 'not an api\n');
      const io = memoryIo({ cwd: dir });
      expect(await runCommand([dir, '--static', '--no-out'], io)).toBe(2);
      expect(io.err).toContain('a\\x1b[2Jb\\n::error::forged');
      expect(io.err).not.toMatch(rawControl);
      expect(io.err.split('\n').filter((l) => commandLine.test(l))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
