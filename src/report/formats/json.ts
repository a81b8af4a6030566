import type { Report } from '../report.js';

/**
 * Key order of every object in the report, so that the JSON reads in the
 * order of the Report type whatever order the object was built in. Keys not
 * listed follow in alphabetical order.
 */
const keyOrder = [
  'schemaVersion', 'tool', 'id', 'profile', 'name', 'version',
  'submission', 'source', 'layout', 'components', 'role', 'dir', 'compose',
  'mode', 'startedAt', 'durationMs',
  'area', 'title', 'level', 'points', 'earned', 'possible', 'status', 'score', 'reason', 'docs', 'findings', 'criteria', 'errors',
  'ruleId', 'severity', 'repository', 'file', 'line', 'column', 'message', 'hint', 'where',
];
const rank = new Map(keyOrder.map((k, i) => [k, i]));

function compareKeys(a: string, b: string): number {
  const ra = rank.get(a) ?? keyOrder.length;
  const rb = rank.get(b) ?? keyOrder.length;
  return ra - rb || (a < b ? -1 : a > b ? 1 : 0);
}

function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => compareKeys(a, b)).map(([k, v]) => [k, ordered(v)]));
}

/** The report as pretty JSON (rock-check.json), keys in a fixed order, ending with a newline. */
export function formatJson(report: Report): string {
  return `${JSON.stringify(ordered(report), null, 2)}\n`;
}
