import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import type { WorkflowFile, WorkflowInput } from './model.js';

const ID = 'RC-WF001';

export const workflowFolder = defineRule<WorkflowInput>({
  id: ID,
  name: 'workflows/folder',
  title: 'Workflows live in .github/workflows',
  severity: 'error',
  docs:
    'GitHub runs only the YAML files directly inside .github/workflows/ of the repository itself. ' +
    'A file in .github/workflow/ (no "s"), in a subfolder, in the repository root or in a parent folder never runs, ' +
    'so the deploy and the build silently never happen. The api repository must hold its workflows there.',
  check(input) {
    const out: Finding[] = input.workflows
      .filter((wf) => wf.placement !== 'workflows')
      .map((wf) => ({ ruleId: ID, severity: 'error', file: wf.path, message: misplaced(wf, input) }));
    if (input.workflows.length === 0) {
      out.push({
        ruleId: ID,
        severity: 'error',
        file: input.folder,
        message: `no workflow file in ${input.shownFolder}/: add the course's deploy.yml and testBuildPush.yml there`,
      });
    }
    return out;
  },
});

function misplaced(wf: WorkflowFile, input: WorkflowInput): string {
  const name = wf.shown.slice(wf.shown.lastIndexOf('/') + 1);
  const target = `${input.shownFolder}/${name}`;
  const dir = wf.shown.includes('/') ? wf.shown.slice(0, wf.shown.lastIndexOf('/')) : '.';
  switch (wf.placement) {
    case 'misnamed-folder':
      return `GitHub never runs this workflow: it is in ${dir}/, not in ${input.shownFolder}/; move it to ${target}`;
    case 'subfolder':
      return `GitHub does not read subfolders of ${input.shownFolder}/, so this workflow never runs; move it to ${target}`;
    case 'repo-root':
      return `GitHub never runs a workflow from the repository root; move it to ${target}`;
    case 'outside-api':
      return `this workflow is outside the api repository (${input.apiDir}/), so GitHub never runs it; move it to ${target}`;
    case 'workflows':
      return '';
  }
}
