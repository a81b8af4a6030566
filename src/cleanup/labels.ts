/**
 * Every Docker object rock-check creates carries these labels, so that a run
 * (or everything rock-check ever left behind) can be found and removed.
 */
export const LABEL = 'rock-check';
export const RUN_LABEL = 'rock-check.run';

export function runLabels(runId: string): Record<string, string> {
  return { [LABEL]: '1', [RUN_LABEL]: runId };
}

/** Docker API label filter: one run, or every rock-check object. */
export function labelFilter(runId?: string): string[] {
  return runId === undefined ? [`${LABEL}=1`] : [`${LABEL}=1`, `${RUN_LABEL}=${runId}`];
}

/** A run ID is used in project, network and image names: keep it to what they accept. */
export function isValidRunId(runId: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,40}$/.test(runId);
}
