import type { Observation } from '../observation.js';
import type { ExecSpec } from '../types.js';
import { bounded, driverGraceMs, oneLine, type StepEnv } from './env.js';

/** One command run in a role's container, as an argv (never through a shell). */
export async function observeExec(spec: ExecSpec, env: StepEnv): Promise<Observation> {
  const { limits, secrets } = env;
  const sent = { line: `in ${spec.role}: ${secrets.text(spec.argv.join(' '), 100)}`, detail: [] };
  const a = await bounded('a command', limits.exec.timeoutMs + driverGraceMs, env.driver.exec(spec.role, spec.argv, limits.exec));
  if ('error' in a) {
    const line = `could not run it: ${secrets.text(a.error, limits.lineChars)}`;
    return { sent, failure: { line }, got: line, gotDetail: [] };
  }
  const ended = a.exitCode === null ? `did not end within ${limits.exec.timeoutMs / 1000} s` : `ended with exit code ${a.exitCode}`;
  const output = oneLine(`${a.stdout} ${a.stderr}`);
  return {
    sent,
    exitCode: a.exitCode,
    text: a.stdout,
    stderr: a.stderr,
    got: `${ended}: ${output === '' ? '(no output)' : secrets.text(output, limits.lineChars)}`,
    gotDetail: [`got stdout ${secrets.text(a.stdout, limits.detailChars)}`, `got stderr ${secrets.text(a.stderr, limits.detailChars)}`, ...(a.cut ? ['the output was cut at the size bound'] : [])],
  };
}
