import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BatchStore, DB_FILE } from './store.js';
import { writeOutputs } from './outputs/write-outputs.js';

export class MergeError extends Error {}

/**
 * Combines the stores of several batch folders (the shards of one roster)
 * into OUT: the roster once, in its order, a student in scope when any
 * shard graded them; every grading once (by id). Then writes the outputs,
 * the same files an unsharded run writes from the same gradings.
 */
export async function mergeBatches(sources: string[], out: string): Promise<{ students: number; gradings: number }> {
  for (const s of sources) if (!existsSync(join(s, DB_FILE))) throw new MergeError(`${s} holds no batch (no ${DB_FILE})`);
  await mkdir(out, { recursive: true });
  const target = new BatchStore(out);
  try {
    const stores = sources.map((s) => new BatchStore(s));
    try {
      const rosters = stores.map((s) => s.students());
      const names = (i: number) => rosters[i].map((r) => r.student).join('\n');
      const differ = rosters.findIndex((_, i) => names(i) !== names(0));
      if (differ > 0) throw new MergeError(`${sources[differ]} was graded from another roster than ${sources[0]}`);
      const existing = target.students();
      const merged = rosters[0].map((r) => ({
        ...r,
        inScope: rosters.some((roster) => roster.find((x) => x.student === r.student)?.inScope) || Boolean(existing.find((x) => x.student === r.student)?.inScope),
      }));
      const scope = new Set(merged.filter((r) => r.inScope).map((r) => r.student));
      target.saveRoster(merged, (e) => scope.has(e.student), stores[0].rosterProblems(), stores[0].extraColumns());
      let gradings = 0;
      target.transaction(() => {
        for (const s of stores) for (const g of s.gradings()) {
          target.insertGrading(g);
          gradings++;
        }
      });
      await writeOutputs(target, out);
      return { students: scope.size, gradings };
    } finally {
      for (const s of stores) s.close();
    }
  } finally {
    target.close();
  }
}
