import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { materialize, type Materialized } from '../../../test/support/materialize.js';
import { packageRoot } from '../../paths.js';
import { cli, readCsv } from '../test-support.js';

/**
 * The class dashboard in a real headless Chromium (Debian's package; .ci/run
 * installs it): it renders from disk with no network, its numbers are the
 * gradebook's, nothing from a submission runs as HTML, no console errors.
 * The screenshot is kept in reports/dashboard.png; the README's picture
 * (docs/dashboard.png) is made by `npm run screenshot:dashboard`.
 */
const CHROMIUM = '/usr/bin/chromium';

let work: string;
let fixtures: Materialized[] = [];
let browser: Browser | undefined;
const hostileName = '<img src=x onerror="window.__pwned=1">';
const hostileStudent = 'mallory</script><script>window.__pwned=2</script>';

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`the dashboard test drives a real headless Chromium at ${CHROMIUM}: apt-get install chromium`);
  work = await mkdtemp(join(tmpdir(), 'rc-dashboard-'));
  fixtures = await Promise.all(
    ['good', 'broken/cf006-no-postgres-driver', 'broken/cf002-sslmode-require', 'broken/co002-no-db-healthcheck'].map((n) => materialize(n, { git: true })),
  );
  const [good, noDriver, sslmode, noHealth] = fixtures.map((f) => f.dir);
  await writeFile(
    join(work, 'roster.csv'),
    [
      'identifier,name,repo',
      `alice,Alice Able,${good}`,
      `bob,Bob Baker,${noDriver}`,
      `carol,Carol Clark,${sslmode}`,
      `dan,Dan Dale,${noHealth}`,
      `"${hostileStudent}","${hostileName.replace(/"/g, '""')}",file://${good}/rock-of-ages-api`,
      `erin,Erin Eve,file://${work}/gone.git`,
      '',
    ].join('\n'),
  );
  const r = await cli(['batch', join(work, 'roster.csv'), '--out', join(work, 'out'), '--static']);
  expect(r.code, r.stderr).toBe(1);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(fixtures.map((f) => f[Symbol.asyncDispose]()));
  if (work) await rm(work, { recursive: true, force: true });
});

it('renders from disk: the gradebook’s numbers, findings one click away, search and sort, nothing run from a submission', { timeout: 120_000 }, async () => {
  const gradebook = readCsv(join(work, 'out', 'gradebook.csv'));
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  const url = pathToFileURL(join(work, 'out', 'index.html')).href;
  await page.goto(url);

  const table = await page.$$eval('#students tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
  );
  expect(table).toEqual(
    gradebook.map((g) => [g.student, g.name, g.score === '' ? '' : `${g.score}/${g.possible}`, g.percent, g.status, g.failed_criteria, g.commit]),
  );
  const count = (s: string) => gradebook.filter((g) => g.status === s).length;
  expect(await page.textContent('#summary')).toContain(`${gradebook.length} students · ${count('pass')} pass · ${count('fail')} fail · ${count('error')} error`);

  const bars = await page.$$eval('#distribution .bar', (els) => els.map((e) => [e.getAttribute('data-band'), Number(e.querySelector('.count')!.textContent)]));
  const band = (p: number) => (p >= 90 ? '90–100%' : `${Math.floor(p / 10) * 10}–${Math.floor(p / 10) * 10 + 9}%`);
  const expected = new Map<string, number>();
  for (const g of gradebook.filter((x) => x.status !== 'error')) expected.set(band(Number(g.percent)), (expected.get(band(Number(g.percent))) ?? 0) + 1);
  expect(bars.filter(([, n]) => Number(n) > 0)).toEqual([...expected].sort((a, b) => bars.findIndex(([l]) => l === a[0]) - bars.findIndex(([l]) => l === b[0])));
  expect(bars).toHaveLength(10);

  const criteria = await page.$$eval('#criteria tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-id'), Number(tr.querySelector('.failed')!.textContent)]));
  const failedIn = (id: string) => gradebook.filter((g) => g.failed_criteria.split(' ').includes(id)).length;
  for (const [id, failed] of criteria) expect(failed, String(id)).toBe(failedIn(String(id)));
  const counts = criteria.map(([, n]) => Number(n));
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  expect(failedIn('RC-CF006')).toBe(1);

  await page.click('#students tbody tr[data-student="bob"]');
  const detail = await page.textContent('#detail');
  expect(detail).toContain('RC-CF006');
  expect(detail).toMatch(/rock-of-ages-api\/Pipfile:\d+:\d+/);
  expect(await page.getAttribute('#detail a[href$="feedback.md"]', 'href')).toBe('submissions/bob/feedback.md');

  await page.fill('#search', 'mallory');
  expect(await page.$$eval('#students tbody tr', (trs) => trs.map((tr) => tr.querySelector('td')!.textContent))).toEqual([hostileStudent]);
  expect(await page.textContent('#students tbody')).toContain(hostileName);
  await page.fill('#search', '');

  await page.click('#students th[data-key="percent"]');
  const percents = await page.$$eval('#students tbody td.percent', (tds) => tds.map((td) => td.textContent));
  const graded = percents.filter((p) => p !== '').map(Number);
  expect(graded).toEqual([...graded].sort((a, b) => a - b));
  await page.click('#students th[data-key="percent"]');
  const desc = (await page.$$eval('#students tbody td.percent', (tds) => tds.map((td) => td.textContent))).filter((p) => p !== '').map(Number);
  expect(desc).toEqual([...graded].sort((a, b) => b - a));

  await page.click('#students tbody tr[data-student="erin"]');
  expect(await page.textContent('#detail')).toContain('Not graded: cannot reach');

  expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.$$('img')).toHaveLength(0);
  expect(requests.filter((r) => !r.startsWith('file://'))).toEqual([]);
  expect(errors).toEqual([]);

  await page.click('#students tbody tr[data-student="carol"]');
  await mkdir(join(packageRoot, 'reports'), { recursive: true });
  const shot = join(packageRoot, 'reports', 'dashboard.png');
  await page.screenshot({ path: shot, fullPage: true });
});
