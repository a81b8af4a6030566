import type { Finding } from '../model/finding.js';
import type { Layout } from '../model/submission.js';
import type { Area, Level } from '../profile/profile.js';

/**
 * The one report object of a grading run. Every output format is a pure
 * function of it; schemas/report.schema.json validates it.
 */
export type CriterionStatus = 'pass' | 'fail' | 'not-applicable' | 'error';
export type RunStatus = 'pass' | 'fail' | 'error';

export interface CriterionResult {
  id: string;
  area: Area;
  title: string;
  level: Level;
  points: number;
  earned: number;
  status: CriterionStatus;
  /** Why it is not applicable, or what went wrong when status is 'error'. */
  reason?: string;
  /** The rule's docs: what it wants and why. */
  docs?: string;
  /**
   * Set when the criterion failed only because its input is missing or
   * unreadable: the root criteria its `cannot be checked` findings point at.
   */
  blockedBy?: string[];
  findings: Finding[];
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'rock-check'; version: string };
  profile: { id: string; name: string; version: number };
  submission: {
    source: string;
    layout: Layout;
    /**
     * `dir` is relative to the submission root. A component given on its own
     * (`--api`, `--client`) has its `source` and `dir` ''; its findings carry
     * `repository` and paths relative to that repository.
     */
    components: { role: 'api' | 'client'; dir: string; source?: string }[];
    /** Relative to the submission root, or to the api repository given on its own. */
    compose?: string;
  };
  mode: 'static' | 'full';
  startedAt: string;
  durationMs: number;
  status: RunStatus;
  /** What to read before any criterion, e.g. that the folder is not a submission of this course's workshop; absent when there is nothing to say. */
  notices?: string[];
  score: { earned: number; possible: number };
  criteria: CriterionResult[];
  /** Internal or Docker errors that stopped part of the run (exit code 3). */
  errors: { message: string; where?: string }[];
}
