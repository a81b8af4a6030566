import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { expect, it } from 'vitest';
import { sampleReport } from '../../report/sample.js';
import { sampleRow } from '../outputs/sample-row.js';
import { dashboardData } from './data.js';
import { dashboardHtml } from './page.js';

/** A student's detail in a real headless Chromium: advice of a passing criterion shown apart from the failures. */
const CHROMIUM = '/usr/bin/chromium';

it("shows a passing criterion's advice under the student's problems, marked as costing no points", { timeout: 60_000 }, async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`the dashboard test drives a real headless Chromium at ${CHROMIUM}: apt-get install chromium`);
  const dir = await mkdtemp(join(tmpdir(), 'rc-dashboard-advice-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const file = join(dir, 'index.html');
    await writeFile(file, dashboardHtml(dashboardData([sampleRow(sampleReport('advice'))], 'Rock of Ages', [])));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    expect(await page.textContent('#students tbody td.failed')).toBe('RC-DF002');
    await page.click('#students tbody tr[data-student="alice"]');
    const blocks = await page.$$eval('#detail-body .criterion', (els) => els.map((e) => [e.className, e.querySelector('h3')!.textContent, e.querySelectorAll('.finding').length]));
    expect(blocks).toEqual([
      ['criterion', 'RC-DF002 Base image pinned to an explicit tag (advice, 1 pts, fail)', 1],
      ['criterion advice', 'RC-DF010 No env file copied into the image (required, 3 pts, pass: advice, costs no points)', 1],
    ]);
    expect(await page.textContent('#detail-body .criterion.advice .finding')).toMatch(/^rock-of-ages-api\/Dockerfile:8:1: \.env\.local \(DB_PASSWORD=lo\*{8}23\) is not tracked/);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
});
