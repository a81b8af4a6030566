import { setImmediate } from 'node:timers/promises';
import type { Profile } from '../../src/profile/profile.js';
import type { CriterionStatus } from '../../src/report/report.js';
import { gradeStatically, type Graded } from './grade.js';
import type { Variant } from './variant.js';
import type { Workspace } from './workspace.js';

/** A variant with the status each criterion must end in: `fail` or `not-applicable` where listed, `pass` elsewhere. */
export interface Case {
  variant: Variant;
  fails: string[];
  notApplicable?: string[];
}

/**
 * Grades every variant. Variants that must be read from disk are taken in
 * one at a time per folder (each changes the folder in place); meanwhile the
 * others are graded in memory, so the waits on git overlap the grading.
 */
export async function gradeVariants(cases: Case[], folders: { git: Workspace; plain: Workspace }, profile: Profile): Promise<Map<Case, Map<string, Graded>>> {
  const out = new Map<Case, Map<string, Graded>>();
  const folderOf = (c: Case) => (c.variant.plain ? folders.plain : folders.git);
  const onDisk = (ws: Workspace) => cases.filter((c) => folderOf(c) === ws && !ws.inMemory(c.variant));
  const fromDisk = async (ws: Workspace) => {
    for (const c of onDisk(ws)) out.set(c, gradeStatically(await ws.fromDisk(c.variant), profile));
  };
  const inMemory = async () => {
    for (const c of cases.filter((c) => folderOf(c).inMemory(c.variant))) {
      out.set(c, gradeStatically(folderOf(c).fromMemory(c.variant), profile));
      await setImmediate();
    }
  };
  await Promise.all([fromDisk(folders.git), fromDisk(folders.plain), inMemory()]);
  return out;
}

/** One line per criterion whose status is not the one the case expects, with what the criterion said. */
export function mismatches(c: Case, graded: Map<string, Graded>): string[] {
  const expected = (id: string): CriterionStatus => (c.fails.includes(id) ? 'fail' : c.notApplicable?.includes(id) ? 'not-applicable' : 'pass');
  return [...graded]
    .filter(([id, g]) => g.status !== expected(id))
    .map(([id, g]) => `${c.variant.id}: ${id} ${g.status}, expected ${expected(id)}${g.said.length > 0 ? ` (${g.said[0].split('\n')[0]})` : ''}`);
}
