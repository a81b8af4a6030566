import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import type { WorkflowInput } from './model.js';
import { readableSource } from './readable.js';
import { nodePosition, pairOf, rootMap, triggersOf } from './workflow-ast.js';
import { needsDeployReadable } from './requires.js';

const ID = 'RC-WF003';

export const deployTrigger = defineRule<WorkflowInput>({
  id: ID,
  name: 'rock-of-ages/deploy-trigger',
  title: 'Deploy workflow runs on workflow_dispatch',
  severity: 'error',
  docs:
    'The course deploys by hand: deploy.yml runs `on: workflow_dispatch` and is started from the Actions tab ' +
    '(Run workflow). Without that trigger the deploy cannot be started manually. The deploy workflow is the one ' +
    'that sends `aws ssm send-command`, else the one named deploy.yml.',
  requires: needsDeployReadable,
  check(input) {
    const deploys = input.workflows.filter((wf) => wf.deploy);
    if (deploys.length === 0) {
      return [
        {
          ruleId: ID,
          severity: 'error',
          file: input.folder,
          message: `no deploy workflow found: add ${input.shownFolder}/deploy.yml that runs on workflow_dispatch and deploys with aws ssm send-command`,
        },
      ];
    }
    const out: Finding[] = [];
    for (const wf of deploys) {
      const src = readableSource(wf);
      if (!src) continue;
      const triggers = triggersOf(src);
      if (triggers.includes('workflow_dispatch')) continue;
      const on = pairOf(rootMap(src), 'on');
      out.push({
        ruleId: ID,
        severity: 'error',
        file: wf.path,
        ...nodePosition(src, on?.key),
        message:
          triggers.length === 0
            ? 'the deploy workflow has no trigger: add "on: workflow_dispatch" so it can be started from the Actions tab'
            : `the deploy workflow runs on ${triggers.join(', ')} but not on workflow_dispatch: add workflow_dispatch under "on:" so it can be started from the Actions tab`,
      });
    }
    return out;
  },
});
