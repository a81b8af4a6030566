import { describe, expect, it } from 'vitest';
import { sampleReport, withoutPassingAdvice } from '../../report/sample.js';
import { feedbackMarkdown } from './feedback.js';
import { sampleRow } from './sample-row.js';

describe('feedbackMarkdown', () => {
  it('puts failures under what to fix, with their findings', () => {
    const text = feedbackMarkdown(sampleRow(sampleReport('fail')));
    expect(text).toContain('**Score: 12 / 30 (40%)**: some required criteria fail.');
    expect(text).toMatch(/## What to fix first\n\n1\. \*\*RC-CF003: No env file with secrets committed\*\* \(required, 4 points\)\n/);
    expect(text).not.toContain('## Advice');
  });

  it("lists a passing criterion's advice after what to fix, saying it costs no points", () => {
    const report = sampleReport('advice');
    const text = feedbackMarkdown(sampleRow(report));
    const [head, advice] = text.split('## Advice (costs no points)\n');
    expect(head).toContain('## What to fix first\n\n1. **RC-DF002: Base image pinned to an explicit tag** (advice, 1 point)\n');
    expect(head).not.toContain('RC-DF010');
    expect(advice).toMatch(
      /^\nThese criteria passed with full points, with advice worth reading:\n\n1\. \*\*RC-DF010: No env file copied into the image\*\* \(required, passed, 3 points earned\)\n {3}- `rock-of-ages-api\/Dockerfile:8:1`: \.env\.local \(DB\\_PASSWORD=lo\\\*/,
    );
    const plain = feedbackMarkdown(sampleRow(withoutPassingAdvice(report)));
    expect(plain).not.toContain('## Advice');
    expect(text.split('\n').slice(0, 5)).toEqual(plain.split('\n').slice(0, 5));
  });

  it('still says there is nothing to fix when the only findings are advice', () => {
    const report = sampleReport('advice');
    const df002 = report.criteria.find((c) => c.id === 'RC-DF002')!;
    Object.assign(df002, { status: 'pass', earned: df002.points, findings: [] });
    const text = feedbackMarkdown(sampleRow(report));
    expect(text).not.toContain('## What to fix first');
    expect(text).toContain('Nothing to fix: well done.\n\n## Advice (costs no points)\n');
  });
});
