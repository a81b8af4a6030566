import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { visibleLine } from '../../model/visible-text.js';
import { loadProfile } from '../../profile/load.js';
import { writeReports } from '../../report/formats/index.js';
import { dashboardData } from '../dashboard/data.js';
import { dashboardHtml } from '../dashboard/page.js';
import type { BatchStore } from '../store.js';
import { canvasCsv } from './canvas.js';
import { classRows } from './class-rows.js';
import { criteriaMatrixCsv } from './criteria-matrix.js';
import { feedbackMarkdown } from './feedback.js';
import { gradebookCsv } from './gradebook.js';

export const OUTPUT_FILES = { gradebook: 'gradebook.csv', canvas: 'canvas-import.csv', matrix: 'criteria-matrix.csv', dashboard: 'index.html' };

/**
 * Every output, from the store alone (so `rock-check report DIR` and a
 * merge write the same bytes): per student the reports and feedback.md,
 * then the gradebook, the Canvas import, the criteria matrix and the
 * dashboard. The submissions folder is rewritten whole.
 */
export async function writeOutputs(store: BatchStore, dir: string): Promise<void> {
  const rows = classRows(store);
  await rm(join(dir, 'submissions'), { recursive: true, force: true });
  for (const row of rows) {
    if (!row.latest) continue;
    const folder = join(dir, row.folder);
    await mkdir(folder, { recursive: true });
    if (row.latest.report) await writeReports(row.latest.report, folder, ['json', 'junit', 'markdown']);
    await writeFile(join(folder, 'feedback.md'), feedbackMarkdown(row));
  }
  const title = rows.find((r) => r.latest?.report)?.latest?.report?.profile.name ?? visibleLine(loadProfile().name);
  await writeFile(join(dir, OUTPUT_FILES.gradebook), gradebookCsv(rows, store.extraColumns()));
  await writeFile(join(dir, OUTPUT_FILES.canvas), canvasCsv(rows, `${title} (rock-check)`));
  await writeFile(join(dir, OUTPUT_FILES.matrix), criteriaMatrixCsv(rows));
  await writeFile(join(dir, OUTPUT_FILES.dashboard), dashboardHtml(dashboardData(rows, title, store.rosterProblems())));
}
