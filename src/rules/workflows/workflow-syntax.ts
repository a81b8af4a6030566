import type { Finding } from '../../model/finding.js';
import type { WorkflowProblem } from '../../parsers/workflow.js';
import { defineRule } from '../rule.js';
import type { WorkflowFile, WorkflowInput } from './model.js';
import { readableSource } from './readable.js';
import { cutOffStep } from './cut-off-job.js';
import { allSteps, jobsOf, nodePosition, stepLabel } from './workflow-ast.js';
import { needsWorkflows } from './requires.js';

const ID = 'RC-WF002';

export const workflowSyntax = defineRule<WorkflowInput>({
  id: ID,
  name: 'workflows/syntax',
  title: 'Workflow files are valid GitHub Actions syntax',
  severity: 'error',
  docs:
    'Each workflow must be valid YAML and valid GitHub Actions workflow syntax (checked with GitHub\'s own ' +
    'workflow parser): known keys, valid ${{ }} expressions, needs that name existing jobs, and steps that do ' +
    'something. A file cut off after `run: |`, a misspelt key or a bad indentation makes GitHub reject the whole workflow; ' +
    'a job that takes credentials and whose last step then only echoes was cut off before its command.',
  requires: needsWorkflows,
  check(input) {
    return input.workflows.flatMap(syntaxFindings);
  },
});

function syntaxFindings(wf: WorkflowFile): Finding[] {
  const base = { ruleId: ID, severity: 'error' as const, file: wf.path };
  const p = wf.parsed;
  if (p.unreadable) {
    return [{ ...base, message: `the workflow file ${p.unreadable}: GitHub rejects it; write the workflow or delete the file` }];
  }
  const out: Finding[] = [
    ...firstPerLine(p.yamlProblems).map((e) => ({
      ...base,
      ...e.position,
      message: `YAML syntax error: ${e.message}`,
      hint: 'check the indentation and the quotes on this line and the line before',
    })),
    ...p.workflowProblems.map((e) => ({ ...base, ...e.position, message: `GitHub Actions rejects this workflow: ${e.message}` })),
  ];
  const src = readableSource(wf);
  if (!src) return out;
  for (const step of allSteps(src)) {
    if (step.runKey && (step.run?.value ?? '').trim() === '') {
      const end = step.run?.range?.[1] ?? step.runKey.range?.[1] ?? 0;
      const atEnd = src.text.slice(end).trim() === '';
      out.push({
        ...base,
        ...nodePosition(src, step.runKey),
        message: atEnd
          ? `the file ends right after "run:" of ${stepLabel(step)}: it looks cut off; add the step's commands below it, indented`
          : `${stepLabel(step)} has an empty "run:": add the commands below it, indented, or remove the step`,
      });
    }
    const uses = step.uses?.value.trim();
    if (uses && !uses.startsWith('./') && !uses.startsWith('docker://') && !uses.includes('@')) {
      out.push({
        ...base,
        ...nodePosition(src, step.uses),
        message: `"uses: ${uses}" names no version: GitHub requires owner/repo@ref; add the release tag after @, as in actions/checkout@v4`,
      });
    }
  }
  for (const job of jobsOf(src)) {
    const step = cutOffStep(job);
    if (!step) continue;
    out.push({
      ...base,
      ...nodePosition(src, step.run),
      message: `${stepLabel(step)} only prints: job "${job.id}" takes credentials and then runs no command, so the workflow looks cut off; write the job's commands (the deploy's aws ssm send-command, the build's docker build and push) in this step`,
    });
  }
  return out;
}

/** The YAML parser often reports one mistake several times on its line: keep the first. */
function firstPerLine(problems: WorkflowProblem[]): WorkflowProblem[] {
  const lines = new Set<number | undefined>();
  return problems.filter((e) => {
    if (lines.has(e.position?.line)) return false;
    lines.add(e.position?.line);
    return true;
  });
}
