import { describe, expect, it } from 'vitest';
import type { Finding } from '../../model/finding.js';
import { sampleKinds, sampleReport, withoutPassingAdvice } from '../sample.js';
import { formatMarkdown, mdCode, mdLine, mdText } from './markdown.js';

/** Cells of a table row, split at the pipes GitHub sees (not the backslashed ones). */
const cells = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1);

describe('mdText', () => {
  it('backslashes markup characters and writes & < > as entities', () => {
    expect(mdText('a | b * c _d_ `e` [f](g) ~h~ $i$ \\ <j> & k')).toBe(
      'a \\| b \\* c \\_d\\_ \\`e\\` \\[f\\](g) \\~h\\~ \\$i\\$ \\\\ &lt;j&gt; &amp; k',
    );
  });

  it('turns line breaks into <br>', () => {
    expect(mdText('one\ntwo\r\nthree')).toBe('one<br>two<br>three');
  });

  it('leaves a leading block marker alone mid-line but neutralises it at the start of a line', () => {
    expect(mdText('# 1. -- x')).toBe('# 1. -- x');
    expect(mdLine('# title')).toBe('\\# title');
    expect(mdLine('- item')).toBe('\\- item');
    expect(mdLine('12. item')).toBe('12\\. item');
  });
});

describe('mdCode', () => {
  it('fences with more backticks than the text holds', () => {
    expect(mdCode('a.yml')).toBe('`a.yml`');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`a`')).toBe('`` `a` ``');
  });

  it('backslashes pipes only inside a table', () => {
    expect(mdCode('a|b')).toBe('`a|b`');
    expect(mdCode('a|b', true)).toBe('`a\\|b`');
  });
});

describe('formatMarkdown', () => {
  it.each(sampleKinds)('matches the golden output for the %s sample', async (kind) => {
    await expect(formatMarkdown(sampleReport(kind))).toMatchFileSnapshot(`./__snapshots__/markdown.${kind}.md`);
  });

  it('opens with the verdict and the score', () => {
    expect(formatMarkdown(sampleReport('fail')).split('\n')[0]).toBe('## ❌ rock-check: FAIL, 12/30 points (40%)');
    expect(formatMarkdown(sampleReport('pass')).split('\n')[0]).toBe('## ✅ rock-check: PASS, 37/38 points (97%)');
    expect(formatMarkdown(sampleReport('error')).split('\n')[0]).toBe('## ⚠️ rock-check: ERROR, 22/30 points (73%)');
  });

  it('has one table per area, a row per criterion, five cells in every row', () => {
    const report = sampleReport('fail');
    const report2 = sampleReport('fail');
    report2.criteria[12].reason = 'skipped | because `a|b` <x>';
    for (const r of [report, report2]) {
      const text = formatMarkdown(r);
      expect(text.match(/^### .*: (\d+\/\d+|n\/a)$/gm)).toEqual([
        '### Dockerfiles: 5/9',
        '### Compose: 5/8',
        '### Workflows: 0/6',
        '### Configuration: 2/7',
        '### Runtime: n/a',
      ]);
      const rows = text.split('\n').filter((l) => l.startsWith('| '));
      // a header and a delimiter row per area, then one row per criterion
      expect(rows).toHaveLength(2 * 5 + r.criteria.length);
      for (const row of rows) expect(cells(row), row).toHaveLength(5);
    }
  });

  it('details each failure with its position, escaped message and hint', () => {
    const text = formatMarkdown(sampleReport('fail'));
    expect(text).toContain('### Details');
    expect(text).toContain('#### ❌ RC-DF005 No secrets baked into the image (required, 0/3)');
    expect(text).toContain(
      "- `.github/workflows/deploy.yml:34:24`: DB\\_PASSWORD comes from \"\\${{ vars.DB\\_PASSWORD \\|\\| 'lo\\*\\*\\*\\*\\*\\*\\*\\*23' }}\", not from a secret (RC-WF006)",
    );
    expect(text).toContain('unexpected "&lt;" at position 14');
    expect(text).toContain('- `rock-of-ages-api/.env.example`: .env.example is missing (RC-CF004)\n  - hint: create it with the keys');
    expect(text).not.toContain('#### ✅');
  });

  it('lists run errors and the criteria that could not be checked', () => {
    const text = formatMarkdown(sampleReport('error'));
    expect(text).toContain('### ⚠️ Errors that stopped part of the run\n\n- `runtime`: cannot connect to the Docker engine');
    expect(text).toContain('#### ⚠️ RC-RT002 Stack starts and becomes ready (required, 0/4)\n\nNot checked: not run');
  });

  it("lists a passing criterion's advice apart from the failures, saying it costs nothing", () => {
    const report = sampleReport('advice');
    const text = formatMarkdown(report);
    const row = text.split('\n').find((l) => l.includes('`RC-DF010`'))!;
    expect(cells(row).map((c) => c.trim())).toEqual(['✅', '`RC-DF010` No env file copied into the image', 'required', '3/3', 'pass, with advice below']);
    const [details, advice] = text.split('### Advice\n');
    expect(details).toContain('#### ❌ RC-DF002 Base image pinned to an explicit tag (advice, 0/1)');
    expect(details).not.toContain('RC-DF010 No env file');
    expect(advice).toMatch(/^\nThese criteria passed with full points; what follows is advice, and it costs no points\.\n\n#### ✅ RC-DF010 No env file copied into the image \(required, 3\/3\)\n/);
    expect(advice).toContain('- `rock-of-ages-api/Dockerfile:8:1`: .env.local (DB\\_PASSWORD=lo\\*\\*\\*\\*\\*\\*\\*\\*23) is not tracked by git');
    const plain = formatMarkdown(withoutPassingAdvice(report));
    expect(plain).not.toContain('### Advice');
    expect(text.split('\n').slice(0, 8)).toEqual(plain.split('\n').slice(0, 8));
  });

  it('caps the findings listed per criterion', () => {
    const report = sampleReport('fail');
    const many: Finding[] = Array.from({ length: 30 }, (_, n) => ({ ruleId: 'RC-DF005', severity: 'error', file: 'Dockerfile', line: n + 1, column: 1, message: `secret ${n + 1}` }));
    report.criteria[2].findings = many;
    const text = formatMarkdown(report);
    expect(text).toContain('secret 25 (RC-DF005)');
    expect(text).not.toContain('secret 26 (RC-DF005)');
    expect(text).toContain('- … and 5 more in rock-check.json');
  });
});
