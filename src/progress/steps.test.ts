import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from './events.js';
import { advance, newProgress, plainLine, renderLive } from './steps.js';

const ev = (step: ProgressEvent['step'], detail: string, at: number, extra: Partial<ProgressEvent> = {}): ProgressEvent => ({ runId: 'r', step, detail, at, ...extra });

describe('progress steps', () => {
  it('closes a step when the next begins and times each', () => {
    let p = newProgress(0);
    p = advance(p, ev('intake', 'cloning https://example.test/a.git', 0));
    p = advance(p, ev('build', 'api', 1_500));
    p = advance(p, ev('build', 'api', 4_000, { line: 'Step 5/9 : RUN pipenv install' }));
    const lines = renderLive(p, 6_000);
    expect(lines[0]).toBe('  ✓ cloning https://example.test/a.git (1.5 s)');
    expect(lines[1]).toMatch(/^ {2}. building api \(4\.5 s\)$/);
    expect(lines[2]).toBe('      Step 5/9 : RUN pipenv install');
    expect(lines.at(-1)).toBe('  elapsed 6.0 s');
  });

  it('counts checks and failures without adding steps', () => {
    let p = newProgress(0);
    p = advance(p, ev('checks', '', 0));
    for (const state of ['pass', 'fail', 'error', 'pass']) p = advance(p, ev('check', 'RC-X', 1, { state }));
    expect(p.steps).toHaveLength(1);
    expect(renderLive(p, 2_000)).toContain('    4 criteria checked, 2 failing so far');
  });

  it('never lets a build line move the cursor or ring the bell', () => {
    let p = advance(newProgress(0), ev('build', 'api', 0));
    p = advance(p, ev('build', 'api', 1, { line: 'evil \u001b[2J\u0007 line' }));
    expect(renderLive(p, 10).join('\n')).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it('shows control characters of a build line or a service name as escapes, live and in plain lines', () => {
    let p = advance(newProgress(0), ev('build', 'the image of service "db\u001b[2J\n::error::x"', 0));
    p = advance(p, ev('build', 'api', 1, { line: 'evil \u001b[2J\u0007 line' }));
    const live = renderLive(p, 10, 200).join('\n');
    expect(live).toContain('building the image of service "db\\x1b[2J\\n::error::x"');
    expect(live).toContain('evil \\x1b[2J\\x07 line');
    expect(plainLine(p, p.steps[0])).toContain('"db\\x1b[2J\\n::error::x"');
  });

  it('cuts lines to the width', () => {
    const p = advance(newProgress(0), ev('build', 'x'.repeat(200), 0));
    for (const l of renderLive(p, 10, 40)) expect(l.length).toBeLessThanOrEqual(40);
  });

  it('gives a step its plain line, timed from the start of the grading', () => {
    const p = advance(newProgress(0), ev('start', 'api, postgres-db', 2_345));
    expect(plainLine(p, p.steps[0])).toBe('[  2.3 s] starting api, postgres-db');
  });

  it('opens the checks step with the first criterion checked, and adds no step for a build line', () => {
    let p = advance(newProgress(0), ev('build', 'api', 0));
    p = advance(p, ev('build', 'api', 1, { line: 'Step 1' }));
    expect(p.steps).toHaveLength(1);
    p = advance(p, ev('check', 'RC-DF001', 2, { state: 'pass' }));
    expect(p.steps.map((s) => s.label)).toEqual(['building api', 'checks']);
  });
});
