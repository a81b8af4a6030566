import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRoster, RosterError } from './roster.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rc-roster-'));
  await mkdir(join(dir, 'subs', 'alice-repo'), { recursive: true });
  await mkdir(join(dir, 'subs', 'bob-repo'));
  await mkdir(join(dir, 'subs', '.hidden'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function roster(name: string, text: string) {
  await writeFile(join(dir, name), text);
  return readRoster(join(dir, name));
}

describe('CSV rosters', () => {
  it("reads GitHub Classroom's grades export as it is: roster_identifier, the repository URL, extra columns carried", async () => {
    const r = await roster(
      'classroom.csv',
      'assignment_name,assignment_url,github_username,roster_identifier,student_repository_name,student_repository_url,points_awarded\n' +
        'ws3,https://classroom.github.com/a/x,alice-gh,alice@uni.edu,ws3-alice,https://github.com/org/ws3-alice,0\n' +
        'ws3,https://classroom.github.com/a/x,bob-gh,,ws3-bob,https://github.com/org/ws3-bob,0\n',
    );
    expect(r.problems).toEqual([]);
    expect(r.entries.map((e) => [e.line, e.student, e.source.target])).toEqual([
      [2, 'alice@uni.edu', 'https://github.com/org/ws3-alice'],
      // an unlinked Classroom account has no roster identifier: the GitHub user name stands in
      [3, 'bob-gh', 'https://github.com/org/ws3-bob'],
    ]);
    expect(r.extraColumns).toEqual(['assignment_name', 'assignment_url', 'github_username', 'student_repository_name', 'points_awarded']);
    expect(r.entries[0].extra.github_username).toBe('alice-gh');
  });

  it('reports bad rows with their line numbers and grades the rest: no repository, a duplicate, broken quoting, too many fields', async () => {
    const r = await roster(
      'bad.csv',
      '\ufeffstudent,name,repo\n' +
        'alice,Alice,subs/alice-repo\n' +
        'carol,Carol,\n' +
        'Alice,Alice again,subs/bob-repo\n' +
        'dave,"Dave "the" D",subs/bob-repo\n' +
        'erin,"Erin\nE",subs/bob-repo\n' +
        'frank,Frank,subs/bob-repo,extra\n' +
        'gina,"Gina,subs/bob-repo\n' +
        'hank,Hank,subs/bob-repo\n',
    );
    expect(r.notices).toEqual([{ line: 1, message: expect.stringContaining('byte-order mark') }]);
    expect(r.entries.map((e) => [e.line, e.student])).toEqual([
      [2, 'alice'],
      [6, 'erin'],
      [10, 'hank'],
    ]);
    expect(r.entries[1].name).toBe('Erin\nE');
    expect(r.entries[0].source.target).toBe(join(dir, 'subs/alice-repo'));
    expect(r.problems.map((p) => p.line)).toEqual([3, 4, 5, 8, 9]);
    expect(r.problems[0].message).toBe('carol: no repository');
    expect(r.problems[1].message).toBe('Alice: the same student as on line 2');
    expect(r.problems[2].message).toMatch(/^broken CSV quoting: Invalid Closing Quote/);
    expect(r.problems[3].message).toBe('4 fields where the header has 3');
    expect(r.problems[4].message).toMatch(/^broken CSV quoting: Quote Not Closed/);
  });

  it('takes api and client columns and a ref; a ref for a local folder is a bad row', async () => {
    const r = await roster(
      'separate.csv',
      'github_username,api,client,ref\nalice,https://github.com/o/api-alice,https://github.com/o/client-alice,v1\nbob,subs/bob-repo,,main\n',
    );
    expect(r.entries[0].source).toEqual({ api: 'https://github.com/o/api-alice#v1', client: 'https://github.com/o/client-alice#v1' });
    expect(r.entries[0].repository).toBe('https://github.com/o/api-alice#v1 https://github.com/o/client-alice#v1');
    expect(r.problems).toEqual([{ line: 3, message: `bob: a ref (main) is given for the local folder subs/bob-repo` }]);
  });

  it('refuses a URL rock-check would refuse, as a bad row; never shows credentials', async () => {
    const r = await roster('urls-bad.csv', 'student,url\nalice,http://example.com/a.git\nbob,https://user:s3cr3tpass@github.com/o/b.git\n');
    expect(r.problems).toEqual([{ line: 2, message: expect.stringContaining('plain http://') }]);
    expect(r.entries[0].repository).toBe('https://github.com/o/b.git');
    expect(r.entries[0].source.target).toContain('s3cr3tpass');
  });

  it('needs a student and a submission column', async () => {
    await expect(roster('nostudent.csv', 'name,repo\nA,x\n')).rejects.toThrow(RosterError);
    await expect(roster('norepo.csv', 'student,name\na,A\n')).rejects.toThrow(/no submission column/);
  });
});

describe('other rosters', () => {
  it('a text file of git URLs, with #ref, comments and blank lines; the student is the repository name', async () => {
    const r = await roster('urls.txt', '# class of 2026\nhttps://github.com/org/ws3-alice.git#submitted\n\ngit@github.com:org/ws3-bob.git\nhttps://github.com/other/ws3-alice\n');
    expect(r.kind).toBe('urls');
    expect(r.entries.map((e) => [e.line, e.student, e.source.target])).toEqual([
      [2, 'ws3-alice', 'https://github.com/org/ws3-alice.git#submitted'],
      [4, 'ws3-bob', 'git@github.com:org/ws3-bob.git'],
    ]);
    expect(r.problems).toEqual([{ line: 5, message: 'ws3-alice: the same student as on line 2' }]);
  });

  it('a folder of submission folders (gh classroom clone): each visible sub-folder, by name', async () => {
    const r = await readRoster(join(dir, 'subs'));
    expect(r.entries.map((e) => [e.student, e.source.target])).toEqual([
      ['alice-repo', join(dir, 'subs', 'alice-repo')],
      ['bob-repo', join(dir, 'subs', 'bob-repo')],
    ]);
  });
});
