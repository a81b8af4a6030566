import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProfile } from '../../src/profile/load.js';
import { gradeThroughCli } from '../verdicts.js';
import { breaks } from './breaks.js';
import { generateRemovals } from './generate.js';
import { gradeStatically, type Graded } from './grade.js';
import { gradeVariants, mismatches, type Case } from './run.js';
import { spellings } from './spellings.js';
import { removalTable } from './table.js';
import { Workspace } from './workspace.js';

/**
 * The good submission with each construct a criterion reads removed or
 * broken, one at a time, graded statically with the code the static suites
 * run: every criterion that reads the construct stops passing, every other
 * one keeps passing, and the spellings the course accepts keep every
 * criterion passing.
 */
const profile = defaultProfile();
const staticIds = profile.criteria.filter((c) => c.area !== 'runtime').map((c) => c.id);
const git = await Workspace.open(profile, true);
const plain = await Workspace.open(profile, false);
const removals = generateRemovals(git.texts, profile);
const rowOf = (id: string) => removalTable.find((row) => row.match.test(id));

const removalCases: Case[] = removals.flatMap((variant) => {
  const row = rowOf(variant.id);
  return row ? [{ variant, fails: row.fails, notApplicable: row.notApplicable }] : [];
});
const breakCases: Case[] = breaks.map((b) => ({ variant: { id: b.id, changes: b.edit(git.texts), plain: b.plain }, fails: b.fails, notApplicable: b.notApplicable }));
const spellingCases: Case[] = spellings.map((s) => ({ variant: { id: s.id, changes: s.edit(git.texts) }, fails: [] }));

let graded: Map<Case, Map<string, Graded>>;
beforeAll(async () => {
  graded = await gradeVariants([...removalCases, ...breakCases, ...spellingCases], { git, plain }, profile);
}, 300_000);
afterAll(async () => {
  await git[Symbol.asyncDispose]();
  await plain[Symbol.asyncDispose]();
});

const wrong = (cases: Case[]) => cases.flatMap((c) => mismatches(c, graded.get(c)!));

describe('what a criterion reads, removed or broken', () => {
  it('the static families grade every static criterion, and the good submission passes each one', () => {
    for (const ws of [git, plain]) {
      const statuses = [...gradeStatically(ws.base, profile)].map(([id, g]) => [id, g.status]);
      expect(statuses.map(([id]) => id).sort()).toEqual([...staticIds].sort());
      expect(statuses.filter(([, s]) => s !== 'pass')).toEqual([]);
    }
  });

  it(`the table maps each of the ${removals.length} constructs generated from the good submission, and each of its rows maps some`, () => {
    expect(removals.filter((v) => !rowOf(v.id)).map((v) => `map this construct in table.ts: ${v.id}`)).toEqual([]);
    expect(removalTable.filter((row) => !removals.some((v) => row.match.test(v.id))).map((row) => `${row.match} maps no construct`)).toEqual([]);
    const named = [...removalTable, ...breaks].flatMap((r) => [...r.fails, ...(r.notApplicable ?? [])]);
    expect(named.filter((id) => !staticIds.includes(id))).toEqual([]);
  });

  it('a variant graded in memory is the submission intake reads from disk', { timeout: 120_000 }, async () => {
    const layoutFiles = /^(compose\.ya?ml|docker-compose\.ya?ml|manage\.py|package\.json)$/;
    const kinds = new Map<string, Case>();
    for (const c of removalCases.filter((c) => git.inMemory(c.variant))) {
      const change = c.variant.changes[0];
      const name = 'path' in change ? change.path.replace(/.*\//, '') : '';
      const kind = `${change.op} ${layoutFiles.test(name) ? name : 'other'}`;
      if (!kinds.has(kind)) kinds.set(kind, c);
    }
    expect([...kinds.keys()].sort()).toEqual(['remove other', 'write docker-compose.yml', 'write other', 'write package.json']);
    for (const c of kinds.values()) expect(git.fromMemory(c.variant), c.variant.id).toEqual(await git.fromDisk(c.variant));
  });

  it(`each of the ${removalCases.length} removals fails exactly the criteria that read what it removes`, () => {
    expect(wrong(removalCases)).toEqual([]);
  });

  it(`each of the ${breakCases.length} broken constructs fails exactly the criteria that read it`, () => {
    expect(wrong(breakCases)).toEqual([]);
  });

  it(`each of the ${spellingCases.length} spellings the course accepts keeps every criterion passing`, () => {
    expect(wrong(spellingCases)).toEqual([]);
  });

  it('the CLI gives the same statuses', { timeout: 300_000 }, async () => {
    const picked = [
      removalCases.find((c) => c.variant.id === 'remove docker-compose.yml'),
      removalCases.find((c) => /Dockerfile › CMD \["bash"/.test(c.variant.id)),
      removalCases.find((c) => /docker run -d$/.test(c.variant.id)),
      removalCases.find((c) => /settings\.py › import os$/.test(c.variant.id)),
      spellingCases.find((c) => c.variant.id === 'the compose file named compose.yaml'),
    ];
    expect(picked.every((c) => c !== undefined)).toBe(true);
    for (const c of picked as Case[]) {
      const report = await git.onDisk(c.variant, async (dir) => (await gradeThroughCli(dir, [dir, '--static'])).report);
      const cli = report.criteria.filter((r) => staticIds.includes(r.id)).map((r) => `${r.id} ${r.status}`);
      expect(cli.sort(), c.variant.id).toEqual([...graded.get(c)!].map(([id, g]) => `${id} ${g.status}`).sort());
    }
  });
});
