import { describe, expect, it } from 'vitest';
import { progressDisplay } from './display.js';
import { emitProgress, onProgress, type ProgressEvent } from './events.js';

const ev = (step: ProgressEvent['step'], detail: string, at: number): ProgressEvent => ({ runId: 'r', step, detail, at });

describe('progressDisplay', () => {
  it('redraws in place on a terminal and clears itself before the report', () => {
    let out = '';
    let t = 0;
    const d = progressDisplay({ write: (s) => (out += s), columns: 80 }, 'live', () => t);
    d.onEvent(ev('intake', '', 0));
    t = 1_000;
    d.onEvent(ev('static', '', 1_000));
    d.close();
    expect(out).toContain('reading the submission');
    expect(out).toContain('\u001b[2F\u001b[J');
    expect(out.endsWith('\u001b[J')).toBe(true);
  });

  it('writes plain lines in a log', () => {
    let out = '';
    const d = progressDisplay({ write: (s) => (out += s) }, 'lines', () => 0);
    d.onEvent(ev('intake', '', 0));
    d.onEvent(ev('build', 'api', 2_000));
    d.close();
    expect(out).toBe('[  0.0 s] reading the submission\n[  2.0 s] building api\n');
  });
});

describe('progress channel', () => {
  it('delivers only the listened run\'s events until unsubscribed', () => {
    const got: string[] = [];
    const off = onProgress('mine', (e) => got.push(e.detail));
    emitProgress({ runId: 'mine', step: 'build', detail: 'a' });
    emitProgress({ runId: 'other', step: 'build', detail: 'b' });
    off();
    emitProgress({ runId: 'mine', step: 'build', detail: 'c' });
    expect(got).toEqual(['a']);
  });
});
