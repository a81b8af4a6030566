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

it('shows no control character of a student, a reason or a step, C1 and bidirectional ones included', () => {
  let out = '';
  const p = progressSink((t) => (out += t), true, 1, 1);
  p.begin('eve\u009b2J\u202e');
  p.step('eve\u009b2J\u202e', 'building api · building client\u0085');
  p.finish('eve\u009b2J\u202e', grading({ status: 'error', earned: null, possible: null, reason: 'cannot reach \u009b31m\u2066x' }), true);
  p.close();
  const printed = out.replace(/\x1b\[\d*[AJ]/g, '');
  expect(printed).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  expect(printed).toContain('eve?2J?: error: cannot reach ?31m?x');
});
