import type { Observation } from '../observation.js';
import type { SqlSpec } from '../types.js';
import { bounded, driverGraceMs, oneLine, type StepEnv } from './env.js';

/** One SQL attempt: literal text, values only as parameters. The rows are the JSON expectations' document. */
export async function observeSql(spec: SqlSpec, env: StepEnv): Promise<Observation> {
  const { limits, secrets } = env;
  const params = spec.params ?? [];
  const sent = {
    line: `SQL on ${spec.role}: ${secrets.text(oneLine(spec.query), 100)}`,
    detail: [`sent query ${secrets.text(oneLine(spec.query), limits.detailChars)}`, ...(params.length > 0 ? [`sent params ${secrets.value(params, limits.detailChars)}`] : [])],
  };
  const a = await bounded('an SQL query', limits.sql.timeoutMs + driverGraceMs, env.driver.sql(spec.role, spec.query, params, limits.sql));
  if ('error' in a) {
    const line = `SQL error${a.sqlstate ? ` ${a.sqlstate}` : ''}: ${secrets.text(oneLine(a.error), limits.lineChars)}`;
    return { sent, failure: { line, ...(a.sqlstate ? { sqlstate: a.sqlstate } : {}) }, got: line, gotDetail: [] };
  }
  const more = a.more ? ` (the first ${a.rows.length}; there are more)` : '';
  return {
    sent,
    json: { value: a.rows },
    got: `returned ${a.rows.length} row(s)${more} ${secrets.value(a.rows, limits.lineChars)}`,
    gotDetail: [`got rows ${secrets.value(a.rows, limits.detailChars)}`],
  };
}
