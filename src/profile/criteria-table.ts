import { visibleLine } from '../model/visible-text.js';
import type { BaseProfile } from './profile.js';

const areaNames: Record<string, string> = {
  dockerfile: 'Dockerfiles',
  compose: 'Compose',
  workflows: 'Workflows',
  config: 'Configuration',
  runtime: 'Runtime',
};

/** A cell of the table: the profile's text with its control characters escaped, as in every report. */
const cell = (text: string) => visibleLine(text).replace(/\|/g, '\\|');

/** The profile's criteria as a Markdown table (README, `rock-check criteria`). */
export function criteriaTable(profile: Pick<BaseProfile, 'criteria'>): string {
  const rows = profile.criteria.map(
    (c) => `| ${cell(c.id)} | ${cell(areaNames[c.area] ?? c.area)} | ${cell(c.title)} | ${cell(c.level)} | ${c.points} |`,
  );
  const total = profile.criteria.reduce((n, c) => n + c.points, 0);
  return [
    '| ID | Area | Criterion | Level | Points |',
    '| --- | --- | --- | --- | ---: |',
    ...rows,
    `| | | **Total** | | **${total}** |`,
    '',
  ].join('\n');
}
