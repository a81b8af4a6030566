import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../parsers/yaml-source.js';
import { cutOffStep, jobCutOff, onlyPrints } from './cut-off-job.js';
import { jobsOf } from './workflow-ast.js';

const job = (steps: string) => jobsOf(parseYamlSource('w.yml', `on: push\njobs:\n  deploy:\n    runs-on: x\n    steps:\n${steps}`))[0];
const creds = '      - uses: actions/checkout@v4\n      - uses: aws-actions/configure-aws-credentials@v4\n        with: { role-to-assume: r, aws-region: x }\n';

describe('onlyPrints', () => {
  it('is true for scripts of echo, printf, true and nothing else', () => {
    expect(onlyPrints('echo "Deploying..."\nprintf x | echo y')).toBe(true);
    expect(onlyPrints('echo a && docker push x')).toBe(false);
  });
});

describe('cutOffStep', () => {
  it('finds a job that takes credentials and then only echoes', () => {
    const j = job(`${creds}      - name: Deploy to ECS\n        run: |\n          echo "Deploying..."\n`);
    expect(cutOffStep(j)?.name).toBe('Deploy to ECS');
  });

  it('leaves a job that works and then echoes, and a starter workflow without credentials', () => {
    expect(cutOffStep(job(`${creds}      - run: aws ecs update-service --force-new-deployment\n      - run: echo done\n`))).toBeUndefined();
    expect(cutOffStep(job('      - uses: actions/checkout@v4\n      - run: echo Hello, world!\n'))).toBeUndefined();
    expect(cutOffStep(job(`${creds}      - uses: aws-actions/amazon-ecs-deploy-task-definition@v2\n      - run: echo done\n`))).toBeUndefined();
  });
});

describe('jobCutOff', () => {
  it('is true for a job whose steps: is empty or whose last run: is empty', () => {
    expect(jobCutOff(job(''))).toBe(true);
    expect(jobCutOff(job('      []\n'))).toBe(true);
    expect(jobCutOff(job('      - uses: actions/checkout@v4\n      - run:\n'))).toBe(true);
  });

  it('is false for a job that runs its commands', () => {
    expect(jobCutOff(job('      - run: docker build -t x . && docker push x\n'))).toBe(false);
  });
});
