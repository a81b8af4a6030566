import type { Report } from '../report/report.js';

/** The Action's outputs, as `name=value` lines for `$GITHUB_OUTPUT`. */
export function actionOutputs(report: Report, reportDir: string): string {
  const { earned, possible } = report.score;
  const values: Record<string, string> = {
    score: String(earned),
    'max-score': String(possible),
    percent: possible === 0 ? '0' : String(Math.floor((earned / possible) * 100)),
    status: report.status,
    'report-dir': reportDir,
  };
  return Object.entries(values)
    .map(([k, v]) => {
      if (/[\r\n]/.test(v)) throw new Error(`output ${k} holds a line break`);
      return `${k}=${v}\n`;
    })
    .join('');
}
