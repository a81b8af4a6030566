import type { Observation } from '../observation.js';
import type { RedisSpec } from '../types.js';
import { bounded, driverGraceMs, type StepEnv } from './env.js';

/** One Redis command (an argv, not a script); the reply is the JSON expectations' document. */
export async function observeRedis(spec: RedisSpec, env: StepEnv): Promise<Observation> {
  const { limits, secrets } = env;
  const argv = spec.command.map(String);
  const sent = { line: `redis on ${spec.role}: ${secrets.text(argv.join(' '), 100)}`, detail: [] };
  const a = await bounded('a Redis command', limits.sql.timeoutMs + driverGraceMs, env.driver.redis(spec.role, argv, { timeoutMs: limits.sql.timeoutMs }));
  if ('error' in a) {
    const line = `Redis error: ${secrets.text(a.error, limits.lineChars)}`;
    return { sent, failure: { line }, got: line, gotDetail: [] };
  }
  return { sent, json: { value: a.reply }, got: `replied ${secrets.value(a.reply, limits.lineChars)}`, gotDetail: [`got reply ${secrets.value(a.reply, limits.detailChars)}`] };
}
