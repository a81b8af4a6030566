import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BatchStore, DB_FILE } from './store.js';
import { writeOutputs } from './outputs/write-outputs.js';

export class MergeError extends Error {}

/**
 * Combines the stores of several batch folders (the shards of one roster)
 * into OUT: the roster once, in its order, every student in the gradebook
 * (one whose shard is missing as not graded); every grading once (by id). Then writes the outputs,
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
      const names = (i: number) => rosters[i].map((r) => r.student).sort().join('\n');
      const differ = rosters.findIndex((_, i) => names(i) !== names(0));
      if (differ > 0) throw new MergeError(`${sources[differ]} was graded from another roster than ${sources[0]}`);
      // Every roster row: a student whose shard did not come back shows as not graded rather than vanishing.
      target.saveRoster(rosters[0], () => true, stores[0].rosterProblems(), stores[0].extraColumns());
      let gradings = 0;
      target.transaction(() => {
        for (const s of stores) for (const g of s.gradings()) {
          target.insertGrading(g);
          gradings++;
        }
      });
      await writeOutputs(target, out);
      return { students: rosters[0].length, gradings };
    } finally {
      for (const s of stores) s.close();
    }
  } finally {
    target.close();
  }
}
