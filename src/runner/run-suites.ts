import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVitest } from 'vitest/node';
import type { GradingContext } from '../../helpers/context.js';
import { packageRoot } from '../paths.js';
import { OutcomeCollector, type CriterionOutcome } from './collector.js';

export interface SuiteRun {
  outcomes: Map<string, CriterionOutcome>;
  errors: { message: string; where?: string }[];
}

/** suites/ beside this module's tree: the sources in development, dist/suites once built. */
const suitesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'suites');
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

/** Packages whose ESM vitest must transform (they import JSON without attributes). */
export const inlineDeps = ['@actions/workflow-parser'];

/**
 * Runs the grading suites through vitest's Node API. Findings travel from the
 * tests in task.meta to the collector; the submission and profile travel to
 * the suites through provide/inject. Prints nothing itself.
 */
export async function runSuites(grading: GradingContext): Promise<SuiteRun> {
  const collector = new OutcomeCollector();
  const include = grading.mode === 'static' ? [`static/**/*.suite.${ext}`] : [`**/*.suite.${ext}`];
  const globalSetup = join(suitesDir, 'runtime', `global-setup.${ext}`);
  const savedExitCode = process.exitCode;
  const vitest = await startVitest(
    [],
    {
      config: false,
      root: packageRoot,
      fsModuleCache: false,
      dir: suitesDir,
      include,
      exclude: [],
      watch: false,
      cache: false,
      reporters: [collector],
      provide: { grading },
      globalSetup: grading.mode === 'full' && existsSync(globalSetup) ? [globalSetup] : [],
      pool: 'threads',
      isolate: false,
      fileParallelism: grading.mode === 'static',
      passWithNoTests: false,
      testTimeout: 60_000,
      hookTimeout: (grading.profile.runtime.buildTimeoutSeconds + grading.profile.runtime.bootTimeoutSeconds + 60) * 1000,
      teardownTimeout: 120_000,
      server: { deps: { inline: [...inlineDeps, new RegExp(`^${escapeRegExp(packageRoot)}/(?!node_modules/)`)] } },
    },
    { logLevel: 'silent' },
  );
  await vitest.close();
  process.exitCode = savedExitCode;
  return { outcomes: collector.outcomes, errors: collector.errors };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
