import { describe, expect, it } from 'vitest';
import { parseWorkflowFile } from './workflow.js';

const good = [
  'on: workflow_dispatch',
  'permissions:',
  '  id-token: write',
  'jobs:',
  '  deploy:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '      - run: echo ${{ secrets.DB_NAME }}',
  '',
].join('\n');

describe('parseWorkflowFile', () => {
  it('accepts a valid workflow and keeps its YAML document', () => {
    const w = parseWorkflowFile('deploy.yml', good);
    expect(w.yamlProblems).toEqual([]);
    expect(w.workflowProblems).toEqual([]);
    expect(w.unreadable).toBeUndefined();
    expect(w.src?.doc.getIn(['jobs', 'deploy', 'runs-on'])).toBe('ubuntu-latest');
  });

  it('accepts CRLF line endings', () => {
    const w = parseWorkflowFile('deploy.yml', good.replace(/\n/g, '\r\n'));
    expect([...w.yamlProblems, ...w.workflowProblems]).toEqual([]);
  });

  it('reports schema errors of GitHub\'s parser with their positions', () => {
    const w = parseWorkflowFile('x.yml', good.replace('    steps:', '    stepz:'));
    expect(w.workflowProblems).toEqual([{ position: { line: 7, column: 5 }, message: "Unexpected value 'stepz'" }]);
  });

  it('reports expression errors at the expression', () => {
    const w = parseWorkflowFile('x.yml', good.replace('secrets.DB_NAME', 'secret.DB_NAME'));
    expect(w.workflowProblems).toHaveLength(1);
    expect(w.workflowProblems[0].message).toContain("Unrecognized named-value: 'secret'");
    expect(w.workflowProblems[0].position).toEqual({ line: 9, column: 19 });
  });

  it('reports what the converter finds (unknown needs, bad cron) by the time it returns', () => {
    const needs = parseWorkflowFile(
      'x.yml',
      'on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{run: echo}]\n  b:\n    runs-on: x\n    needs: [a, nope]\n    steps: [{run: echo}]\n',
    );
    expect(needs.workflowProblems.map((p) => p.message)).toEqual(["Job 'b' depends on unknown job 'nope'."]);
    expect(needs.workflowProblems[0].position).toEqual({ line: 8, column: 16 });
    const cron = parseWorkflowFile('x.yml', good.replace('on: workflow_dispatch', 'on:\n  schedule:\n    - cron: "99 * * * *"'));
    expect(cron.workflowProblems[0].message).toMatch(/cron/i);
  });

  it('reports YAML errors alone, positioned by the YAML parser', () => {
    const w = parseWorkflowFile('x.yml', 'on: push\njobs:\n  a: [\n');
    expect(w.yamlProblems.length).toBeGreaterThan(0);
    expect(w.yamlProblems[0].position?.line).toBeGreaterThanOrEqual(3);
    expect(w.workflowProblems).toEqual([]);
  });

  it('says why an empty, comment-only or binary file is no workflow', () => {
    expect(parseWorkflowFile('x.yml', '').unreadable).toBe('is empty');
    expect(parseWorkflowFile('x.yml', '# nothing yet\n').unreadable).toBe('is empty');
    expect(parseWorkflowFile('x.yml', undefined).unreadable).toBe('is not a text file');
  });

  it('leaves an empty run block to the rules (GitHub\'s parser accepts it)', () => {
    const w = parseWorkflowFile('x.yml', 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: |\n');
    expect([...w.yamlProblems, ...w.workflowProblems]).toEqual([]);
  });
});
