import { roleChecks } from './registry.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** A check's parameters as the profile writes them: `role`, `ports`, optional ones with `?`. */
function paramsOf(schema: Record<string, unknown>): string {
  const props = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return props.length === 0 ? '—' : props.map((p) => `\`${p}${required.has(p) ? '' : '?'}\``).join(', ');
}

/** Every generic check as a Markdown table: name, parameters, what it wants (README, "Grading another assignment"). */
export function checksTable(): string {
  const rows = Object.values(roleChecks)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((c) => `| \`${c.name}\` | ${paramsOf(c.params)} | ${cell(c.docs)} |`);
  return ['| Check | Parameters | What it wants |', '| --- | --- | --- |', ...rows, ''].join('\n');
}
