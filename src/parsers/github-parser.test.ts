import { afterEach, describe, expect, it } from 'vitest';
import { githubParserLimits, githubParserProblems } from './github-parser.js';

const workflow = 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    bogus-key: 1\n    steps:\n      - run: echo hi\n';

describe('githubParserProblems', () => {
  const fileMs = githubParserLimits.fileMs;
  afterEach(() => {
    githubParserLimits.fileMs = fileMs;
  });

  it("reports GitHub's own errors, from a worker thread", () => {
    expect(githubParserProblems('w.yml', workflow).map((p) => p.message).join('\n')).toMatch(/bogus-key/);
  });

  it('ends a worker that does not answer in time, says so, and starts a new one for the next file', () => {
    githubParserProblems('w.yml', workflow); // started and loaded
    const steps = Array.from({ length: 20_000 }, (_, i) => `      - run: echo ${i}\n`).join('');
    githubParserLimits.fileMs = 1;
    const started = Date.now();
    expect(githubParserProblems('big.yml', `${workflow}${steps}`)).toEqual([{ message: expect.stringMatching(/did not finish this file within/) }]);
    expect(Date.now() - started).toBeLessThan(2_000);
    githubParserLimits.fileMs = fileMs;
    expect(githubParserProblems('w.yml', workflow).map((p) => p.message).join('\n')).toMatch(/bogus-key/);
  });
});
