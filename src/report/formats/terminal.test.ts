import { describe, expect, it } from 'vitest';
import { renderFinding } from '../../model/finding.js';
import { sampleKinds, sampleReport, withoutPassingAdvice } from '../sample.js';
import { formatTerminal } from './terminal.js';

const ansi = /\u001b\[/;
/** Text with its wrapping undone, to look for whole messages. */
const unwrapped = (text: string) => text.replace(/\s+/g, ' ');
const columns = (line: string) => [...line].length;

describe('formatTerminal', () => {
  it.each(sampleKinds)('matches the golden output for the %s sample', async (kind) => {
    await expect(formatTerminal(sampleReport(kind), { color: false })).toMatchFileSnapshot(`./__snapshots__/terminal.${kind}.txt`);
  });

  it('matches the golden coloured output for the fail sample', async () => {
    await expect(formatTerminal(sampleReport('fail'), { color: true })).toMatchFileSnapshot('./__snapshots__/terminal.fail.color.txt');
  });

  it.each(sampleKinds)('writes no ANSI code without colour and fits 80 columns (%s)', (kind) => {
    const text = formatTerminal(sampleReport(kind), { color: false });
    expect(text).not.toMatch(ansi);
    for (const line of text.split('\n')) expect(columns(line), line).toBeLessThanOrEqual(80);
  });

  it('colours marks and the verdict when asked to', () => {
    const text = formatTerminal(sampleReport('fail'), { color: true });
    expect(text).toMatch(ansi);
    expect(text).toContain('\u001b[31m✗\u001b[0m');
    expect(text).toContain('\u001b[1;31mFAIL: 6 required criteria failed\u001b[0m');
    // The same text once the codes are gone.
    expect(text.replace(/\u001b\[[0-9;]*m/g, '')).toBe(formatTerminal(sampleReport('fail'), { color: false }));
  });

  it('shows the header, every criterion, and each failure with its findings and hints', () => {
    const report = sampleReport('fail');
    const text = formatTerminal(report, { color: false });
    expect(text).toMatch(/^rock-check 0\.1\.0\nSubmission {2}\/home\/student\/rock-of-ages-development\n/);
    expect(text).toContain('Profile     rock-of-ages v1: ');
    expect(text).toContain('Mode        static: runtime checks skipped');
    for (const c of report.criteria.filter((c) => c.area !== 'runtime')) expect(text).toContain(c.id);
    const flat = unwrapped(text);
    for (const f of report.criteria.flatMap((c) => c.findings)) {
      expect(flat).toContain(renderFinding(f));
      if (f.hint) expect(flat).toContain(`hint: ${f.hint}`);
    }
    expect(text).toMatch(/^Dockerfiles {2,}5\/9$/m);
    expect(text).toMatch(/^ {2}✗ RC-DF005 {2}No secrets baked into the image {2,}0\/3$/m);
    // An area that does not apply as a whole, for one reason, takes one line.
    expect(text).toMatch(/^Runtime {2,}n\/a\n {2}- 2 criteria not applicable: skipped by --static$/m);
    expect(text).not.toContain('RC-RT001');
    expect(text).toMatch(/^Score {7}12\/30 \(40%\): 5 passed, 7 failed, 2 not applicable$/m);
    expect(text).toMatch(/^Result {6}FAIL: 6 required criteria failed$/m);
  });

  it('lists the run errors and marks criteria that could not be checked', () => {
    const text = formatTerminal(sampleReport('error'), { color: false });
    expect(text).toContain('Errors that stopped part of the run\n  ! runtime: cannot connect to the Docker engine');
    expect(text).toMatch(/^ {2}! RC-RT002 .* 0\/4\n {6}not checked: not run$/m);
    expect(text).toMatch(/^Result {6}ERROR: /m);
  });

  it('says that advice failures do not fail a passing run', () => {
    expect(formatTerminal(sampleReport('pass'), { color: false })).toMatch(
      /^Result {6}PASS: every required criterion passed; 1 advice criterion lost\n {12}points$/m,
    );
  });

  it("shows a passing criterion's advice under it, marked as advice, changing no count", () => {
    const report = sampleReport('advice');
    const text = formatTerminal(report, { color: false });
    const [advice] = report.criteria.find((c) => c.id === 'RC-DF010')!.findings;
    expect(unwrapped(text)).toContain(`✓ RC-DF010 No env file copied into the image 3/3 advice: ${renderFinding(advice)}`);
    expect(text).toMatch(/^ {6}advice: rock-of-ages-api\/Dockerfile:8:1: /m);
    // An advice criterion that fails is a failure: its line is not marked as advice.
    expect(text).toMatch(/^ {2}✗ RC-DF002 .*\(advice\) +0\/1\n {6}rock-of-ages-api\/Dockerfile:1:6: /m);
    const plain = formatTerminal(withoutPassingAdvice(report), { color: false });
    expect(text.match(/^Score .*$/m)![0]).toBe(plain.match(/^Score .*$/m)![0]);
    expect(text.match(/^Result .*$/m)![0]).toBe(plain.match(/^Result .*$/m)![0]);
    expect(text.replace(/^ {6}advice: .*\n(^ {8}.*\n)*/gm, '')).toBe(plain);
  });

  it('paints the advice mark yellow, and shows its hint', () => {
    const report = sampleReport('advice');
    report.criteria.find((c) => c.id === 'RC-DF010')!.findings[0].hint = 'add .env.local to .dockerignore';
    const text = formatTerminal(report, { color: true });
    expect(text).toContain('      \u001b[33madvice:\u001b[0m rock-of-ages-api/Dockerfile:8:1: ');
    expect(text).toContain('        \u001b[36mhint:\u001b[0m add .env.local to .dockerignore');
    expect(text).not.toContain('\u001b[31m✗\u001b[0m RC-DF010');
  });

  it('wraps to a narrower width when told', () => {
    const text = formatTerminal(sampleReport('fail'), { color: false, width: 60 });
    for (const line of text.split('\n')) expect(columns(line), line).toBeLessThanOrEqual(60);
  });

  it('neutralises control characters that come from a submission', () => {
    const report = sampleReport('fail');
    report.criteria[1].findings[0].message = 'tag "\u001b[2J\u001b]0;pwned\u0007" is odd';
    report.submission.source = '/tmp/\u001b[31mred';
    const text = formatTerminal(report, { color: false });
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('tag "\\x1b[2J\\x1b]0;pwned\\x07" is odd');
  });
});
