import type { Finding } from '../src/model/finding.js';
import type { Submission } from '../src/model/submission.js';
import type { AnyProfile, Profile } from '../src/profile/profile.js';
import type { UnavailableImage } from './stack/images.js';

/** What the grading run hands its suites through vitest's provide/inject. */
export interface GradingContext {
  submission: Submission;
  profile: AnyProfile;
  mode: 'static' | 'full';
  /** Unique per grading run; every Docker object created carries it as a label. */
  runId: string;
  options: { keepImages: boolean };
  /** Images the machine lacks and cannot pull (full runs): the run errors say how to provide them. */
  unavailableImages?: UnavailableImage[];
}

/** A grading run of Rock of Ages' course profile: what its suites and probes read. */
export type CourseGrading = GradingContext & { profile: Profile };

/** Written by tests, read by the reporter (vitest task.meta). */
export interface CriterionMeta {
  criterion?: string;
  findings?: Finding[];
  notApplicable?: string;
  docs?: string;
}

declare module 'vitest' {
  interface ProvidedContext {
    grading: GradingContext;
    /** Set by the runtime global setup once the stack is up (absent in --static runs). */
    runtime: unknown;
  }
  interface TaskMeta extends CriterionMeta {}
}
