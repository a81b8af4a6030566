import { afterEach, describe, expect, it } from 'vitest';
import type { Verdict } from '../verdicts.js';
import { gradeThroughCli } from '../verdicts.js';
import { loadFixture, materialize } from './materialize.js';
import { expectedExit, expectStaticVerdict, gradedInFull, isCascadeLine, profileUnderTest, snapshotName } from './profile-verdicts.js';

const profile = profileUnderTest('friendlyhello-redis');
const fixture = (name: string) => loadFixture(`${profile.id}/${name}`);

async function staticVerdict(name: string): Promise<Verdict> {
  await using m = await materialize(`${profile.id}/${name}`);
  return await gradeThroughCli(m.dir, [m.dir, '--static', ...profile.args]);
}

/** The verdict with one thing changed, for a check that must then fail. */
function altered(v: Verdict, change: (v: Verdict) => void): Verdict {
  const copy = structuredClone(v);
  change(copy);
  return copy;
}

describe('a profile under test', () => {
  it('reads its criteria from its profile file and its fixtures from its folder', () => {
    expect(profile.args).toEqual(['--profile', 'friendlyhello-redis']);
    expect(profile.criteria.map((c) => c.id)).toContain('FH-RT004');
    expect(profile.isStatic('FH-DF001')).toBe(true);
    expect(profile.isStatic('FH-RT004')).toBe(false);
    expect(profile.fixtures.map((f) => f.name)).toContain('friendlyhello-redis/broken/fh-df001-dockerfile-missing');
  });

  it('names snapshots by the fixture path under the profile', () => {
    expect(snapshotName(profile, fixture('good-compose'))).toBe('good-compose');
    expect(snapshotName(profile, fixture('broken/fh-df001-dockerfile-missing'))).toBe('broken__fh-df001-dockerfile-missing');
  });

  it('takes a static fixture its exit, and another exit 1 exactly when a required criterion fails statically', () => {
    const staticOnly = fixture('broken/fh-df001-dockerfile-missing');
    expect(expectedExit(profile, staticOnly, [])).toBe(1);
    const full = fixture('broken/fh-rt004-redis-host-misspelled');
    const staticWithRuntime = { ...staticOnly, expect: { ...staticOnly.expect, failing: ['FH-DF005', 'FH-RT001'] } };
    for (const f of [full, staticWithRuntime]) {
      expect(expectedExit(profile, f, [])).toBe(0);
      expect(expectedExit(profile, f, ['FH-DF005'])).toBe(0);
      expect(expectedExit(profile, f, ['FH-DF001'])).toBe(1);
    }
  });
});

describe('fixtures graded in full', () => {
  const before = process.env.FULL_FIXTURES;
  afterEach(() => {
    if (before === undefined) delete process.env.FULL_FIXTURES;
    else process.env.FULL_FIXTURES = before;
  });

  it('are the full-mode ones, and with FULL_FIXTURES=all the static ones that name runtime criteria', () => {
    const staticOnly = fixture('broken/fh-df001-dockerfile-missing');
    const withRuntime = { ...staticOnly, expect: { ...staticOnly.expect, failing: [...staticOnly.expect.failing, 'FH-RT001'] } };
    delete process.env.FULL_FIXTURES;
    expect(gradedInFull(profile, fixture('good-compose'))).toBe(true);
    expect(gradedInFull(profile, withRuntime)).toBe(false);
    process.env.FULL_FIXTURES = 'all';
    expect(gradedInFull(profile, withRuntime)).toBe(true);
    expect(gradedInFull(profile, staticOnly)).toBe(false);
  });
});

describe('cascade lines', () => {
  it('cite a criterion of the profile at their end', () => {
    expect(isCascadeLine(profile, 'cannot be checked: there is no Dockerfile (see FH-DF001)')).toBe(true);
    expect(isCascadeLine(profile, 'cannot be checked: there is no Dockerfile (see RF-DF001)')).toBe(false);
    expect(isCascadeLine(profile, 'cannot be checked: there is no Dockerfile (see FH-DF099)')).toBe(false);
    expect(isCascadeLine(profile, 'cannot be checked: there is no Dockerfile (see FH-DF001); add one')).toBe(false);
    expect(isCascadeLine(profile, 'there is no Dockerfile (see FH-DF001)')).toBe(false);
  });
});

describe('the static verdict checks', { timeout: 60_000 }, () => {
  it('accept the verdict a fixture names and reject one that differs from it', async () => {
    const f = fixture('broken/fh-df001-dockerfile-missing');
    const v = await staticVerdict('broken/fh-df001-dockerfile-missing');
    expectStaticVerdict(expect, profile, f, v);
    const criterion = (w: Verdict, id: string) => w.report.criteria.find((c) => c.id === id)!;
    const wrong: [string, Verdict][] = [
      ['another exit', altered(v, (w) => (w.exit = 0))],
      ['one more failure', altered(v, (w) => w.failing.push('FH-CF001'))],
      ['a blocked criterion saying more than its cascade', altered(v, (w) => (criterion(w, 'FH-DF002').findings[0].message = 'EXPOSE 80 is missing from the Dockerfile'))],
      ['a cascade to a passing criterion', altered(v, (w) => (criterion(w, 'FH-DF002').blockedBy = ['FH-CF001']))],
      ['a failure that says nothing', altered(v, (w) => (criterion(w, 'FH-DF001').findings = []))],
      ['advice the fixture does not name', altered(v, (w) => criterion(w, 'FH-CF001').findings.push({ ...criterion(w, 'FH-DF001').findings[0] }))],
      ['a notice', altered(v, (w) => (w.report.notices = ['not a submission of this course']))],
      ['a criterion left out', altered(v, (w) => w.report.criteria.pop())],
    ];
    for (const [what, w] of wrong) expect(() => expectStaticVerdict(expect, profile, f, w), what).toThrow();
  });

  it('want the compose-only criteria not applicable without a compose file', async () => {
    const f = fixture('good-run');
    const v = await staticVerdict('good-run');
    expectStaticVerdict(expect, profile, f, v);
    const applied = altered(v, (w) => (w.report.criteria.find((c) => c.id === 'FH-CO001')!.status = 'pass'));
    expect(() => expectStaticVerdict(expect, profile, f, applied)).toThrow(/FH-CO001 does not apply without a compose file/);
  });
});
