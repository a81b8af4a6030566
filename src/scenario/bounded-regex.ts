import vm from 'node:vm';

/**
 * Regular expressions from a profile run against text from a submission,
 * which a student controls: each run has a bound on its input's length and on
 * its time (a pattern that backtracks catastrophically is stopped, not waited
 * for). Patterns use the `u` flag.
 */
export interface RegexBounds {
  maxInputChars: number;
  timeoutMs: number;
}

export const defaultRegexBounds: RegexBounds = { maxInputChars: 256 * 1024, timeoutMs: 250 };

/** A match's groups (undefined groups as null), no match, or why the pattern was not run. */
export type RegexOutcome = { match: (string | null)[] | null } | { undecided: string };

/** Why a pattern cannot be used, or undefined. */
export function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (e) {
    return `is not a valid regular expression: ${(e as Error).message}`;
  }
}

// One context for every run: the script is fixed; only the pattern and the inputs change.
const context = vm.createContext({});
const script = new vm.Script(
  `(() => { const re = new RegExp(pattern, 'u'); return JSON.stringify(inputs.map((s) => { const m = re.exec(s); return m === null ? null : Array.from(m, (g) => (g === undefined ? null : g)); })); })()`,
);

/** Runs a pattern on several inputs at once, within the bounds. */
export function execBounded(pattern: string, inputs: string[], bounds: RegexBounds = defaultRegexBounds): RegexOutcome[] {
  const tooLong = (s: string) => s.length > bounds.maxInputChars;
  const runnable = inputs.filter((s) => !tooLong(s));
  let results: ((string | null)[] | null)[] = [];
  let failure: string | undefined;
  if (runnable.length > 0) {
    context.pattern = pattern;
    context.inputs = runnable;
    try {
      results = JSON.parse(script.runInContext(context, { timeout: bounds.timeoutMs }) as string);
    } catch (e) {
      failure =
        (e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT'
          ? `the pattern /${pattern}/ took longer than ${bounds.timeoutMs} ms and was stopped`
          : `the pattern /${pattern}/ could not run: ${(e as Error).message}`;
    } finally {
      context.pattern = undefined;
      context.inputs = undefined;
    }
  }
  let next = 0;
  return inputs.map((s) => {
    if (tooLong(s)) return { undecided: `the text is ${s.length} characters long, more than the ${bounds.maxInputChars} a pattern is run on` };
    if (failure) return { undecided: failure };
    return { match: results[next++] };
  });
}

/** One input. */
export function matchBounded(pattern: string, input: string, bounds?: RegexBounds): RegexOutcome {
  return execBounded(pattern, [input], bounds)[0];
}
