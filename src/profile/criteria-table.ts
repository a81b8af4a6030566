import type { Profile } from './profile.js';

const areaNames: Record<string, string> = {
  dockerfile: 'Dockerfiles',
  compose: 'Compose',
  workflows: 'Workflows',
  config: 'Configuration',
  runtime: 'Runtime',
};

/** The profile's criteria as a Markdown table (README, `rock-check criteria`). */
export function criteriaTable(profile: Profile): string {
  const rows = profile.criteria.map(
    (c) => `| ${c.id} | ${areaNames[c.area] ?? c.area} | ${c.title.replace(/\|/g, '\\|')} | ${c.level} | ${c.points} |`,
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
