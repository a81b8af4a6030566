import { visibleLine } from '../model/visible-text.js';
import type { ProgressEvent } from './events.js';

/** One line of the display: a step of the grading, open until the next begins or, for one that runs beside others, until it ends. */
export interface StepLine {
  label: string;
  startedAt: number;
  endedAt?: number;
  line?: string;
  /** It runs beside other steps and says when it ends (phase `begins` … `ends`). */
  endsItself?: true;
}

export interface GradingProgress {
  startedAt: number;
  steps: StepLine[];
  checks: { done: number; failed: number };
}

const labels: Record<string, (detail: string) => string> = {
  intake: (d) => (d === '' ? 'reading the submission' : d),
  static: () => 'static checks',
  build: (d) => `building ${d}`,
  network: (d) => `creating network ${d}`,
  start: (d) => `starting ${d}`,
  ready: (d) => `ready: ${d}`,
  checks: () => 'checks',
  stop: () => 'removing containers, networks and images',
};

export function newProgress(at: number): GradingProgress {
  return { startedAt: at, steps: [], checks: { done: 0, failed: 0 } };
}

const openStep = (p: GradingProgress, label: string) => p.steps.findIndex((s) => s.endedAt === undefined && s.label === label);
const withStep = (p: GradingProgress, i: number, s: StepLine): GradingProgress => ({ ...p, steps: p.steps.map((old, n) => (n === i ? s : old)) });

/**
 * The progress after one more event (a new value; the old one is left as it
 * was). An event for a step still running updates that step's line, wherever
 * it is in the list: the output of two builds at once, however it
 * interleaves, keeps one line per image.
 */
export function advance(p: GradingProgress, e: ProgressEvent): GradingProgress {
  if (e.step === 'check') {
    const failed = e.state === 'fail' || e.state === 'error' ? 1 : 0;
    const counted = { ...p, checks: { done: p.checks.done + 1, failed: p.checks.failed + failed } };
    return openStep(counted, labels.checks('')) >= 0 ? counted : advance(counted, { ...e, step: 'checks', detail: '' });
  }
  const label = (labels[e.step] ?? ((d: string) => d))(e.detail);
  const open = openStep(p, label);
  if (e.phase === 'ends') {
    return open < 0 ? p : withStep(p, open, { ...p.steps[open], endedAt: e.at, line: undefined });
  }
  if (open >= 0) return e.line === undefined ? p : withStep(p, open, { ...p.steps[open], line: e.line });
  const closed = p.steps.map((s) => (s.endedAt === undefined && !s.endsItself ? { ...s, endedAt: e.at, line: undefined } : s));
  const step: StepLine = { label, startedAt: e.at, ...(e.phase === 'begins' ? { endsItself: true } : {}), ...(e.line !== undefined ? { line: e.line } : {}) };
  return { ...p, steps: [...closed, step] };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Text that came from the submission (a build's log line, a service name) with what a terminal would act on shown as escapes, as in the report. */
function printable(text: string): string {
  return visibleLine(text.trim());
}

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** The live display's lines at `now`: finished steps with their time, the running one with a spinner and its latest line. */
export function renderLive(p: GradingProgress, now: number, width = 80): string[] {
  const out: string[] = [];
  for (const s of p.steps) {
    if (s.endedAt !== undefined) out.push(fit(`  ✓ ${printable(s.label)} (${seconds(s.endedAt - s.startedAt)})`, width));
    else {
      out.push(fit(`  ${frames[Math.floor(now / 100) % frames.length]} ${printable(s.label)} (${seconds(now - s.startedAt)})`, width));
      if (s.line) out.push(fit(`      ${printable(s.line)}`, width));
    }
  }
  if (p.checks.done > 0) out.push(fit(`    ${p.checks.done} criteria checked, ${p.checks.failed} failing so far`, width));
  out.push(fit(`  elapsed ${seconds(now - p.startedAt)}`, width));
  return out;
}

/** The plain line of a step as it begins, for logs (`--verbose` when not on a terminal). */
export function plainLine(p: GradingProgress, step: StepLine): string {
  return `[${seconds(step.startedAt - p.startedAt).padStart(7)}] ${printable(step.label)}`;
}

/** The plain line of a step that ran beside others, as it ends. */
export function plainEndLine(p: GradingProgress, step: StepLine & { endedAt: number }): string {
  return `[${seconds(step.endedAt - p.startedAt).padStart(7)}] ${printable(step.label)} ended (${seconds(step.endedAt - step.startedAt)})`;
}

/**
 * What a grading is doing now, on one line (a row of the batch's live
 * display): the steps running, with the latest output line or count of a
 * step that runs alone; two builds at once show both names, not whichever
 * printed last.
 */
export function runningLine(p: GradingProgress): string {
  const open = p.steps.filter((s) => s.endedAt === undefined);
  if (open.length !== 1) return open.map((s) => printable(s.label)).join(' · ');
  const [s] = open;
  const counted = s.label === labels.checks('') && p.checks.done > 0 ? `${p.checks.done} criteria checked, ${p.checks.failed} failing so far` : undefined;
  const more = counted ?? s.line;
  return printable(more === undefined ? s.label : `${s.label}: ${more}`);
}
