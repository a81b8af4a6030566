import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import type { WorkflowInput } from './model.js';
import { readableSource } from './readable.js';
import { sendsSsmCommand } from './roles.js';
import { jobIdTokenGrant, jobsOf, nodePosition, pairOf, rootMap, stepsOf, usesAction } from './workflow-ast.js';
import { needsDeployWorkflow } from './requires.js';

const ID = 'RC-WF004';

export const deployIdToken = defineRule<WorkflowInput>({
  id: ID,
  name: 'rock-of-ages/deploy-id-token',
  title: 'Deploy workflow grants id-token: write',
  severity: 'error',
  docs:
    'configure-aws-credentials assumes the AWS role through OpenID Connect, which needs a token GitHub issues only ' +
    'when the job has `permissions: id-token: write` (at the top of the workflow, or in the job; a job-level ' +
    'permissions block replaces the top-level one). The course sets `id-token: write` and `contents: read`.',
  requires: needsDeployWorkflow,
  check(input) {
    const out = new Map<string, Finding>();
    for (const wf of input.workflows.filter((w) => w.deploy)) {
      const src = readableSource(wf);
      if (!src) continue;
      const jobs = jobsOf(src);
      const aws = jobs.filter((j) => stepsOf(j).some((s) => usesAction(s, 'aws-actions/configure-aws-credentials')));
      const ssm = jobs.filter((j) => stepsOf(j).some(sendsSsmCommand));
      const needing = aws.length > 0 ? aws : ssm.length > 0 ? ssm : jobs;
      const top = pairOf(rootMap(src), 'permissions');
      for (const job of needing) {
        if (jobIdTokenGrant(src, job) === 'write') continue;
        const own = pairOf(job.map, 'permissions');
        const f: Finding = own
          ? {
              ruleId: ID,
              severity: 'error',
              file: wf.path,
              ...nodePosition(src, own.key),
              message: `job "${job.id}" sets its own permissions without id-token: write, so it gets no OIDC token for AWS: add "id-token: write" to them`,
            }
          : top
            ? {
                ruleId: ID,
                severity: 'error',
                file: wf.path,
                ...nodePosition(src, top.key),
                message: 'the permissions do not grant id-token: write, so the deploy gets no OIDC token for AWS: add "id-token: write" (with "contents: read")',
              }
            : {
                ruleId: ID,
                severity: 'error',
                file: wf.path,
                ...nodePosition(src, job.key),
                message: `the deploy workflow grants no id-token: write, so job "${job.id}" gets no OIDC token for AWS: add "permissions:" with "id-token: write" and "contents: read" at the top of the workflow`,
              };
        out.set(`${f.file}:${f.line}:${f.column}`, f);
      }
    }
    return [...out.values()];
  },
});
