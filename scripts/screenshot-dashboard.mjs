#!/usr/bin/env node
// The README's picture of the class dashboard, made from the current code: a
// small class of the bundled fixtures is graded statically by `rock-check
// batch` (no Docker needed), and its index.html is opened in Debian's
// headless Chromium with one student's findings shown.
//
//   npm run screenshot:dashboard                  writes docs/dashboard.png
//   npm run screenshot:dashboard -- shot.png      writes shot.png instead
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';

const CHROMIUM = '/usr/bin/chromium';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, 'docs', 'dashboard.png'));

/** The class: each student's submission is a fixture (its defect is the one its name says). */
const students = [
  { id: 'alice', name: 'Alice Able', fixture: 'good' },
  { id: 'bob', name: 'Bob Baker', fixture: 'broken/cf006-no-postgres-driver' },
  { id: 'carol', name: 'Carol Clark', fixture: 'broken/cf002-sslmode-require' },
  { id: 'dan', name: 'Dan Dale', fixture: 'broken/co002-no-db-healthcheck' },
  { id: 'erin', name: 'Erin Eve', fixture: 'broken/df002-python-latest' },
];
/** The student whose findings the picture shows. */
const shown = 'carol';

if (!existsSync(CHROMIUM)) {
  process.stderr.write(`screenshot-dashboard: no Chromium at ${CHROMIUM}; install Debian's: apt-get install chromium\n`);
  process.exit(1);
}

const { materialize } = await tsImport('../test/support/materialize.ts', import.meta.url);
const work = await mkdtemp(join(tmpdir(), 'rc-dashboard-shot-'));
try {
  await mkdir(join(work, 'class'));
  for (const s of students) {
    const m = await materialize(s.fixture, { git: true });
    await rename(m.dir, join(work, 'class', s.id));
  }
  await writeFile(
    join(work, 'roster.csv'),
    ['identifier,name,repo', ...students.map((s) => `${s.id},${s.name},class/${s.id}`), `frank,Frank Fox,file://${join(work, 'gone.git')}`, ''].join('\n'),
  );
  const batch = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'batch', join(work, 'roster.csv'), '--out', join(work, 'grades'), '--static'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (batch.status !== 0 && batch.status !== 1) {
    process.stderr.write(`screenshot-dashboard: rock-check batch exited ${batch.status}\n${batch.stdout}${batch.stderr}`);
    process.exit(1);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(join(work, 'grades', 'index.html')).href);
    await page.click(`#students tbody tr[data-student="${shown}"]`);
    await mkdir(dirname(out), { recursive: true });
    await page.screenshot({ path: out, fullPage: true });
  } finally {
    await browser.close();
  }
  process.stdout.write(`${out}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
