import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleReport } from '../sample.js';
import { formatNames, formats, isFormatName, writeReports } from './index.js';
import { formatTerminal } from './terminal.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rc-reports-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('formats', () => {
  it('names every format with a distinct file extension', () => {
    expect(formatNames).toEqual(['json', 'junit', 'markdown', 'github', 'autograding', 'classroom50', 'gradescope', 'terminal']);
    const extensions = formatNames.map((n) => formats[n].extension);
    expect(new Set(extensions).size).toBe(extensions.length);
  });

  it('renders the terminal format without colour unless asked; other formats ignore the option', () => {
    const report = sampleReport('fail');
    expect(formats.terminal.render(report)).toBe(formatTerminal(report, { color: false }));
    expect(formats.terminal.render(report, { color: true })).toBe(formatTerminal(report, { color: true }));
    expect(formats.markdown.render(report, { color: true })).toBe(formats.markdown.render(report));
  });

  it('knows its names', () => {
    expect(isFormatName('junit')).toBe(true);
    expect(isFormatName('toString')).toBe(false);
    expect(isFormatName('html')).toBe(false);
  });
});

describe('writeReports', () => {
  it('creates the folder and writes rock-check.<extension> for each format named, in order', async () => {
    const dir = join(tempDir(), 'nested', 'reports');
    const report = sampleReport('fail');
    const paths = await writeReports(report, dir, ['json', 'junit', 'markdown', 'autograding']);
    expect(paths).toEqual(['rock-check.json', 'rock-check.xml', 'rock-check.md', 'rock-check.autograding.json'].map((f) => join(dir, f)));
    expect(readdirSync(dir).sort()).toEqual(['rock-check.autograding.json', 'rock-check.json', 'rock-check.md', 'rock-check.xml']);
    expect(readFileSync(join(dir, 'rock-check.xml'), 'utf8')).toBe(formats.junit.render(report));
    expect(JSON.parse(readFileSync(join(dir, 'rock-check.json'), 'utf8'))).toEqual(report);
  });

  it('writes a format named twice once', async () => {
    const dir = tempDir();
    expect(await writeReports(sampleReport('pass'), dir, ['github', 'github'])).toEqual([join(dir, 'rock-check.github.txt')]);
  });

  it('writes the terminal format without colour', async () => {
    const dir = tempDir();
    const [path] = await writeReports(sampleReport('fail'), dir, ['terminal']);
    expect(path).toBe(join(dir, 'rock-check.txt'));
    expect(readFileSync(path, 'utf8')).not.toMatch(/\u001b\[/);
  });

  it('rejects unknown formats before writing anything', async () => {
    const dir = join(tempDir(), 'out');
    await expect(writeReports(sampleReport('pass'), dir, ['json', 'html', 'pdf'])).rejects.toThrow(
      'unknown report format "html", "pdf"; known: json, junit, markdown, github, autograding, classroom50, gradescope, terminal',
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('overwrites the reports of an earlier run', async () => {
    const dir = tempDir();
    await writeReports(sampleReport('fail'), dir, ['json']);
    await writeReports(sampleReport('pass'), dir, ['json']);
    expect(JSON.parse(readFileSync(join(dir, 'rock-check.json'), 'utf8')).status).toBe('pass');
  });
});
