import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from '../report.js';
import { formatAutograding } from './autograding.js';
import { formatClassroom50 } from './classroom50.js';
import { formatGithub } from './github.js';
import { formatGradescope } from './gradescope.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatTerminal } from './terminal.js';

export interface RenderOptions {
  /** ANSI colours, for the terminal format only; files never get them. */
  color?: boolean;
}

export interface Format {
  /** File name ending: the report is written to `rock-check.<extension>`. */
  extension: string;
  render(report: Report, options?: RenderOptions): string;
}

export type FormatName = 'json' | 'junit' | 'markdown' | 'github' | 'autograding' | 'classroom50' | 'gradescope' | 'terminal';

/** Every output format by the name the command line accepts. */
export const formats: Readonly<Record<FormatName, Format>> = {
  json: { extension: 'json', render: formatJson },
  junit: { extension: 'xml', render: formatJunit },
  markdown: { extension: 'md', render: formatMarkdown },
  github: { extension: 'github.txt', render: formatGithub },
  autograding: { extension: 'autograding.json', render: formatAutograding },
  classroom50: { extension: 'classroom50.json', render: formatClassroom50 },
  gradescope: { extension: 'gradescope.json', render: formatGradescope },
  terminal: { extension: 'txt', render: (report, options) => formatTerminal(report, { color: options?.color ?? false }) },
};

export const formatNames = Object.keys(formats) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formats, name);
}

/**
 * Writes the report in each named format into `dir` (created if missing) as
 * `rock-check.<extension>`; returns the paths written, in the order named.
 */
export async function writeReports(report: Report, dir: string, names: readonly string[]): Promise<string[]> {
  const unknown = names.filter((n) => !isFormatName(n));
  if (unknown.length > 0) {
    throw new Error(`unknown report format ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${formatNames.join(', ')}`);
  }
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const name of new Set(names as FormatName[])) {
    const format = formats[name];
    const path = join(dir, `rock-check.${format.extension}`);
    await writeFile(path, format.render(report, { color: false }), 'utf8');
    paths.push(path);
  }
  return paths;
}
