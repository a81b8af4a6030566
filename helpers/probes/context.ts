import { inject } from 'vitest';
import type { CourseGrading } from '../context.js';
import { isCourseProfile } from '../../src/profile/profile.js';
import type { Finding } from '../../src/model/finding.js';
import { joinPath } from '../../src/model/submission.js';
import { runtimeIds, type ComponentRuntime, type Role, type RuntimeInfo } from '../stack/runtime-info.js';
import '../context.js';

/** What every runtime probe reads: the grading context and the booted stack. */
export interface ProbeContext {
  grading: CourseGrading;
  runtime: RuntimeInfo;
}

/**
 * The grading context and the runtime description the global setup
 * provided. Throws (the criterion is then an error, not a failure) when the
 * setup did not run or Docker itself failed.
 */
export function probeContext(): ProbeContext {
  const grading = inject('grading');
  if (!isCourseProfile(grading.profile)) throw new Error(`the course probes grade Rock of Ages' profile, not ${grading.profile.id}`);
  const runtime = inject('runtime') as RuntimeInfo | undefined;
  if (!runtime || typeof runtime !== 'object') throw new Error('the runtime global setup did not run: no stack to check');
  if (runtime.error) throw new Error(runtime.error);
  return { grading: grading as CourseGrading, runtime };
}

export function finding(id: string, file: string, message: string, hint?: string): Finding {
  return { ruleId: id, severity: 'error', file, message, ...(hint ? { hint } : {}) };
}

/**
 * The components a criterion needs, or the finding saying why it cannot be
 * checked: a dependent criterion fails, pointing at the boot failure.
 */
export function need(ctx: Pick<ProbeContext, 'runtime'>, id: string, roles: Role[]): { ok: true; parts: Record<Role, ComponentRuntime> } | { ok: false; findings: Finding[] } {
  const { runtime } = ctx;
  const parts = {} as Record<Role, ComponentRuntime>;
  const missing: Role[] = [];
  for (const role of roles) {
    const c = runtime.components[role];
    if (c?.ready) parts[role] = c;
    else missing.push(role);
  }
  if (missing.length === 0) return { ok: true, parts };
  const { reason, see } = whyNotRunning(runtime, missing);
  const subject = missing.map((r) => `the ${r}`).join(' and ');
  return { ok: false, findings: [finding(id, runtime.stackFile, `cannot be checked: ${subject} ${missing.length > 1 ? 'are' : 'is'} not running (${reason}; see ${see})`)] };
}

/**
 * Why components are not running, and the criterion that reports it: the
 * refusal's and the boot's (RC-RT002), or the build's (RC-RT001).
 */
export function whyNotRunning(runtime: RuntimeInfo, missing: Role[]): { reason: string; see: string } {
  const culprit = missing.find((r) => runtime.components[r]?.problem);
  const problem = culprit ? runtime.components[culprit]!.problem!.split('\n')[0] : undefined;
  const whose = culprit && missing.length > 1 ? `the ${culprit}: ` : '';
  const ids = runtimeIds(runtime);
  if (runtime.boot.refused) return { reason: 'rock-check refused to start the stack', see: ids.ready };
  if (problem?.includes('did not build') || (!problem && !runtime.build.ok)) return { reason: `${whose}${problem ?? 'the images did not build'}`, see: ids.build };
  return { reason: `${whose}${problem ?? 'it was not started'}`, see: ids.ready };
}

/** Path of a file of the api component, relative to the submission root. */
export function apiFile(ctx: ProbeContext, name: string): string {
  return joinPath(ctx.grading.submission.components.api?.dir ?? '', name);
}

export function apiDir(ctx: ProbeContext): string {
  return ctx.grading.submission.components.api?.dir || '.';
}

