import type { Grading } from './store.js';

export interface ProgressSink {
  begin(student: string): void;
  step(student: string, step: string): void;
  /** `graded` false: a stored grading was kept (unchanged, or not selected by --only). */
  finish(student: string, grading: Grading | undefined, graded: boolean): void;
  note(text: string): void;
  close(): void;
}

interface Tally {
  total: number;
  done: number;
  failed: number;
  errors: number;
  gradedMs: number[];
}

const clean = (s: string) => s.replace(/[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '?');

function verdict(g: Grading | undefined): string {
  if (!g) return 'not graded';
  if (g.status === 'error') return `error: ${clean(g.reason ?? (g.report?.errors[0]?.message ?? 'see the report'))}`;
  const pct = g.possible ? Math.round(((g.earned ?? 0) / g.possible) * 100) : 0;
  return `${g.status} ${g.earned}/${g.possible} (${pct}%)`;
}

function elapsed(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * The batch's progress. On a terminal: the finished lines, and below them a
 * live block (done / total, failures, ETA, each running grading's step and
 * time) redrawn in place. Piped or in CI: one line per finished submission.
 */
export function progressSink(write: (t: string) => void, live: boolean, total: number, jobs: number): ProgressSink {
  const tally: Tally = { total, done: 0, failed: 0, errors: 0, gradedMs: [] };
  const running = new Map<string, { since: number; step: string }>();
  let drawn = 0;
  const erase = () => {
    if (drawn > 0) write(`\x1b[${drawn}A\x1b[J`);
    drawn = 0;
  };
  const draw = () => {
    if (!live) return;
    erase();
    const left = tally.total - tally.done;
    const avg = tally.gradedMs.length ? tally.gradedMs.reduce((a, b) => a + b, 0) / tally.gradedMs.length : undefined;
    const eta = avg === undefined || left === 0 ? '' : ` · ETA ${elapsed((avg * left) / Math.max(1, Math.min(jobs, left)))}`;
    const lines = [
      `${tally.done}/${tally.total} done · ${tally.failed} failed · ${tally.errors} error · ${running.size} running${eta}`,
      ...[...running].map(([s, r]) => `  ${clean(s).slice(0, 30).padEnd(30)} ${elapsed(Date.now() - r.since).padStart(6)}  ${clean(r.step)}`),
    ];
    write(lines.map((l) => `${l}\n`).join(''));
    drawn = lines.length;
  };
  const timer = live ? setInterval(draw, 500) : undefined;
  timer?.unref();
  const counter = () => `[${String(tally.done).padStart(String(total).length)}/${total}]`;
  return {
    begin(student) {
      running.set(student, { since: Date.now(), step: 'checking the commit' });
      draw();
    },
    step(student, step) {
      const r = running.get(student);
      if (r) r.step = step;
    },
    finish(student, grading, graded) {
      const r = running.get(student);
      running.delete(student);
      tally.done++;
      if (grading?.status === 'fail') tally.failed++;
      if (grading?.status === 'error' || !grading) tally.errors++;
      if (graded && r) tally.gradedMs.push(Date.now() - r.since);
      erase();
      const how = graded ? (r ? ` ${elapsed(Date.now() - r.since)}` : '') : ' (unchanged, kept)';
      write(`${counter()} ${clean(student)}: ${verdict(grading)}${how}\n`);
      draw();
    },
    note(text) {
      erase();
      write(`${text}\n`);
      draw();
    },
    close() {
      if (timer) clearInterval(timer);
      erase();
    },
  };
}
