import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVitest } from 'vitest/node';
import type { GradingContext } from '../../helpers/context.js';
import { packageRoot } from '../paths.js';
import { isCourseProfile } from '../profile/profile.js';
import { OutcomeCollector, type CriterionOutcome } from './collector.js';

export interface SuiteRun {
  outcomes: Map<string, CriterionOutcome>;
  errors: { message: string; where?: string }[];
}

/** suites/ beside this module's tree: the sources in development, dist/suites once built. */
const treeDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const suitesDir = join(treeDir, 'suites');
const built = !import.meta.url.endsWith('.ts');
const ext = built ? 'js' : 'ts';

/**
 * How the grading workers load modules. Built, every module is plain JS and
 * is imported natively, untransformed (Vite transforming the package's own
 * files was most of a static run); only JSON imported without attributes
 * needs a loader hook. From the sources, Vite transforms the TypeScript and
 * the workflow parser's JSON imports.
 */
const moduleLoading = built
  ? {
      execArgv: ['--import', new URL('./json-modules.js', import.meta.url).href],
      deps: { external: [new RegExp(`^${escapeRegExp(treeDir)}/`), /\/node_modules\//] },
    }
  : { execArgv: [], deps: { inline: ['@actions/workflow-parser'] } };

/**
 * Runs the grading suites through vitest's Node API. Findings travel from the
 * tests in task.meta to the collector; the submission and profile travel to
 * the suites through provide/inject. Prints nothing itself.
 */
export async function runSuites(grading: GradingContext): Promise<SuiteRun> {
  const collector = new OutcomeCollector(grading.runId);
  const include = suiteFiles(grading);
  const globalSetup = join(suitesDir, 'runtime', `global-setup.${ext}`);
  const savedExitCode = process.exitCode;
  const signalListeners = listenersOf(SIGNALS);
  const vitest = await createVitest(
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
      execArgv: moduleLoading.execArgv,
      isolate: false,
      fileParallelism: grading.mode === 'static',
      passWithNoTests: false,
      testTimeout: 60_000,
      hookTimeout: (grading.profile.runtime.buildTimeoutSeconds + grading.profile.runtime.bootTimeoutSeconds + 60) * 1000,
      teardownTimeout: 120_000,
      server: { deps: moduleLoading.deps },
    },
    { logLevel: 'silent' },
  );
  // Vitest ends the process a millisecond after SIGINT/SIGTERM; the cleanup
  // registry's own handlers remove the run's containers first, then end it.
  dropListenersAddedSince(signalListeners);
  try {
    await vitest.start([]);
  } catch (e) {
    collector.errors.push({ message: `the grading suites could not run: ${String((e as Error).message ?? e).split('\n')[0]}` });
  } finally {
    await vitest.close();
  }
  process.exitCode = savedExitCode;
  return { outcomes: collector.outcomes, errors: collector.errors };
}

/**
 * The suites of the profile's kind: Rock of Ages' course rules and probes
 * (`course/`), or the generic checks and scenarios of a roles profile
 * (`roles/`); the runtime ones only in a full grade.
 */
function suiteFiles(grading: GradingContext): string[] {
  const kind = isCourseProfile(grading.profile) ? 'course' : 'roles';
  const parts = grading.mode === 'static' ? ['static'] : ['static', 'runtime'];
  return parts.map((part) => `${part}/${kind}/**/*.suite.${ext}`);
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type Listeners = Map<NodeJS.Signals, Set<(...args: unknown[]) => void>>;

function listenersOf(signals: readonly NodeJS.Signals[]): Listeners {
  return new Map(signals.map((s) => [s, new Set(process.listeners(s) as ((...args: unknown[]) => void)[])]));
}

function dropListenersAddedSince(before: Listeners): void {
  for (const [signal, had] of before) {
    for (const l of process.listeners(signal) as ((...args: unknown[]) => void)[]) if (!had.has(l)) process.off(signal, l);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
