import type { Report } from '../report/report.js';

/** What the batch hands a grading process (as JSON in argv). */
export interface WorkerRequest {
  source: { target?: string; api?: string; client?: string };
  /** Absent: the built-in profile. */
  profileFile?: string;
  mode: 'static' | 'full';
  runId: string;
  /** Where the process writes its WorkerResult. */
  resultFile: string;
}

export type WorkerResult =
  | { kind: 'report'; report: Report }
  /** No grade: what went wrong, in words for the gradebook and the student. */
  | { kind: 'error'; reason: string }
  | { kind: 'interrupted'; reason: string };

/** Starts a stderr line of the grading process that carries a progress step as JSON. */
export const PROGRESS_MARK = '\u001e';
