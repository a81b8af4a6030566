import { availableParallelism, totalmem } from 'node:os';

const GiB = 1024 ** 3;

/**
 * How many gradings run at once by default. A full grading holds about a
 * core and 1 GiB while it builds, but spends much of its time waiting
 * (PostgreSQL starting, migrations, readiness), so one more than the cores
 * keeps them busy; memory caps it (1 GiB each, 1 GiB left over). A static
 * grading is a short CPU burst: two per core.
 */
export function defaultJobs(mode: 'static' | 'full', cores = availableParallelism(), memory = totalmem()): number {
  if (mode === 'static') return Math.max(1, cores * 2);
  return Math.max(1, Math.min(cores + 1, Math.floor(memory / GiB) - 1));
}
