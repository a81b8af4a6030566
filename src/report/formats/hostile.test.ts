import { describe, expect, it } from 'vitest';
import { hostileData, sampleReport } from '../sample.js';
import { formatNames, formats } from './index.js';

/**
 * Every format over the hostile sample (testdata/hostile-findings.json):
 * secrets quoted in parse errors, a file name holding a newline and a forged
 * `::error::`, ESC/BEL/C1 sequences in a service name, a reason, a run error
 * and container logs. What reaches a terminal, a CI log, a step summary or a
 * grading platform shows them redacted and escaped.
 */
const report = sampleReport('hostile');
const data = hostileData();
const rendered = formatNames.map((name) => [name, formats[name].render(report, { color: false })] as const);
/** Control characters other than tab and line feed, raw. */
const rawControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;
const commandLine = /^\s*(::|##\[)/;

/** Every string a JSON format holds, for the platforms that print them line by line. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The text a reader sees: JSON decoded, Markdown's backslash escapes undone, the terminal's wrapping undone. */
function readable(name: string, text: string): string {
  const unmarked = (md: string) => md.replace(/\\([\\`*_[\]|~$])/g, '$1');
  if (text.trimStart().startsWith('{')) return unmarked(strings(JSON.parse(text)).join('\n'));
  if (name === 'markdown') return text.replace(/\\([\\`*_[\]|~$])/g, '$1');
  if (name === 'terminal') return text.replace(/\s+/g, ' ');
  return text;
}

describe.each(rendered)('the %s format of hostile submission text', (name, text) => {
  it('prints no secret', () => {
    for (const secret of data.secrets) expect(text).not.toContain(secret);
  });

  it('prints no raw control character', () => {
    expect(text).not.toMatch(rawControl);
  });

  it('starts no line that a GitHub runner would run as a workflow command, except its own annotations', () => {
    const lines = text.split('\n').filter((l) => commandLine.test(l));
    if (name === 'github') {
      const failed = report.criteria.filter((c) => c.status === 'fail' || c.status === 'error');
      const expected = report.errors.length + failed.reduce((n, c) => n + Math.max(1, c.findings.length), 0) + 1;
      expect(lines).toHaveLength(expected);
      expect(lines.every((l) => /^::(error|warning|notice) [^\n]*title=/.test(l))).toBe(true);
    } else {
      expect(lines).toEqual([]);
    }
    if (name.endsWith('json') || ['autograding', 'classroom50', 'gradescope'].includes(name)) {
      const printed = strings(JSON.parse(text)).flatMap((s) => s.split('\n'));
      expect(printed.filter((l) => commandLine.test(l))).toEqual([]);
      expect(printed.filter((l) => rawControl.test(l))).toEqual([]);
    }
  });

  it('shows the escapes, so the student sees what the file holds', () => {
    const shown = readable(name, text);
    expect(shown).toContain(name === 'github' ? 'x\\n%3A%3Aerror file=README.md' : 'x\\n::error file=README.md');
    expect(shown).toContain('\\x1b]0;pwned\\x07');
  });
});

describe('the github format of hostile submission text', () => {
  it('keeps a forged command inside one annotation, on the file as it is named', () => {
    const wf006 = rendered.find(([n]) => n === 'github')![1].split('\n').find((l) => l.includes('title=RC-WF006'))!;
    expect(wf006).toMatch(/^::error file=rock-of-ages-api\/\.github\/workflows\/x\\n%3A%3Aerror file=README\.md%2Cline=1%3A%3Aforged\.yml,line=7,col=9,title=/);
  });
});
