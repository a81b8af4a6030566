import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeSubmission } from '../src/grade/grade-submission.js';
import { defaultProfile } from '../src/profile/load.js';
import { runEvents } from './support/run-events.js';
import { labelledObjects, warmImages } from './support/warm-images.js';
import { listFixtures, materialize } from './support/materialize.js';
import { gradeThroughCli } from './verdicts.js';
import { limit } from './support/slots.js';

/**
 * Every fixture graded for real (images built, stack booted, checks run)
 * through the CLI: the good one passes with full marks in both layouts, each
 * broken one fails exactly the criteria its fixture.yaml names, and nothing
 * labelled rock-check is left in Docker afterwards.
 */
const fullFixtures = listFixtures().filter((f) => f.expect.mode === 'full');

/** Two gradings at a time: what a 2-core machine sustains without starving the boots. */
const slots = limit(2);
let removeWarmImages: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  removeWarmImages = await warmImages();
}, 900_000);

afterAll(async () => {
  await removeWarmImages();
  expect(await labelledObjects()).toEqual({ containers: [], networks: [], volumes: [], images: [] });
}, 120_000);

describe.concurrent('rock-check on each fixture, with the runtime', { timeout: 900_000 }, () => {
  for (const fixture of fullFixtures) {
    it(fixture.name, async ({ expect }) => {
      await using m = await materialize(fixture.name);
      const v = await slots(() => gradeThroughCli(m.dir));
      expect(v.report.errors).toEqual([]);
      expect(v.failing.sort()).toEqual([...fixture.expect.failing].sort());
      expect(v.exit).toBe(fixture.expect.exit);
      for (const c of v.report.criteria.filter((c) => c.status === 'fail')) {
        expect(c.findings.length, `${c.id} explains itself`).toBeGreaterThan(0);
      }
      if (fixture.expect.failing.length === 0) expect(v.report.score.earned).toBe(v.report.score.possible);
      if (fixture.expect.nothingStarted) {
        // Graded once more under a known run id: not one Docker object of that run may appear.
        const runId = `ns${randomBytes(4).toString('hex')}`;
        const since = Date.now();
        const again = await gradeSubmission({ source: { target: m.dir }, profile: defaultProfile(), mode: 'full', runId });
        expect(again.kind).toBe('report');
        expect(await runEvents(runId, since, Date.now())).toEqual([]);
      }
    });
  }

  it('good, as api and client repositories given separately (no compose file)', async ({ expect }) => {
    await using m = await materialize('good');
    const v = await slots(() => gradeThroughCli(m.dir, ['--api', `${m.dir}/rock-of-ages-api`, '--client', `${m.dir}/rock-of-ages-client`]));
    expect(v.report.submission.layout).toBe('separate');
    expect(v.report.errors).toEqual([]);
    expect(v.failing).toEqual([]);
    expect(v.exit).toBe(0);
  });

  it('the same submission graded twice at the same time: both pass, neither disturbs the other', async ({ expect }) => {
    await using m = await materialize('good');
    const [a, b] = await slots(() => Promise.all([gradeThroughCli(m.dir), gradeThroughCli(m.dir)]));
    for (const v of [a, b]) {
      expect(v.report.errors).toEqual([]);
      expect(v.failing).toEqual([]);
      expect(v.exit).toBe(0);
    }
  });
});
