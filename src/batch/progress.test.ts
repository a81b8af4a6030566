import { expect, it } from 'vitest';
import { progressSink } from './progress.js';
import type { Grading } from './store.js';

const grading = (over: Partial<Grading>): Grading => ({
  id: 'x', student: 's', fingerprint: 'f', commit: 'c', profileHash: 'p', toolVersion: '0', mode: 'full',
  status: 'pass', earned: 90, possible: 120, reason: null, report: null, startedAt: '', finishedAt: '', ...over,
});

it('piped: one plain line per finished submission, nothing redrawn', () => {
  let out = '';
  const p = progressSink((t) => (out += t), false, 3, 2);
  p.begin('alice');
  p.step('alice', 'build api');
  p.finish('alice', grading({}), true);
  p.begin('bob');
  p.finish('bob', grading({ status: 'error', earned: null, possible: null, reason: 'cannot reach https://x/\x1b[31mbob' }), true);
  p.finish('carol', grading({ status: 'fail', earned: 60 }), false);
  p.close();
  const lines = out.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^\[1\/3\] alice: pass 90\/120 \(75%\) \d+s$/);
  expect(lines[1]).toMatch(/^\[2\/3\] bob: error: cannot reach https:\/\/x\/\?\[31mbob \d+s$/);
  expect(lines[2]).toBe('[3/3] carol: fail 60/120 (50%) (unchanged, kept)');
  expect(out).not.toContain('\x1b');
});

it('on a terminal: a live block of done / total, failures, ETA and each running step, erased before each finished line', () => {
  let out = '';
  const p = progressSink((t) => (out += t), true, 4, 2);
  p.begin('alice');
  p.begin('bob');
  p.step('bob', 'ready api');
  p.finish('alice', grading({ status: 'fail' }), true);
  p.begin('carol');
  p.finish('carol', grading({}), true);
  p.close();
  const last = out.slice(out.lastIndexOf('[2/4] carol'));
  expect(out).toContain('\x1b[');
  expect(out).toMatch(/1\/4 done · 1 failed · 0 error · 1 running · ETA \d+s\n {2}bob +\d+s {2}ready api\n/);
  expect(last).toMatch(/^\[2\/4\] carol: pass/);
});
