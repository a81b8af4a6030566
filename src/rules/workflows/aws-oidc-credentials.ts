import type { Finding } from '../../model/finding.js';
import { redact } from '../../model/redact.js';
import { defineRule } from '../rule.js';
import type { WorkflowFile, WorkflowInput } from './model.js';
import { readableSource } from './readable.js';
import { allSteps, jobIdTokenGrant, nodePosition, pairOf, stringScalar, usesAction, valueOf } from './workflow-ast.js';
import { needsDeployAndAllReadable } from './requires.js';

const ID = 'RC-WF005';
const ACCESS_KEY_INPUTS = ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token'];

export const awsOidcCredentials = defineRule<WorkflowInput>({
  id: ID,
  title: 'AWS credentials through OIDC role-to-assume',
  severity: 'error',
  docs:
    'aws-actions/configure-aws-credentials must assume an IAM role through OpenID Connect ' +
    '(`role-to-assume: ${{ vars.OIDC_ROLE_TO_ASSUME }}`, with `permissions: id-token: write`), as in the course. ' +
    'Long-lived access keys (aws-access-key-id / aws-secret-access-key) are what OIDC replaces; a key written ' +
    'into the file is leaked to everyone who can read the repository.',
  requires: needsDeployAndAllReadable,
  check(input) {
    return input.workflows.flatMap(credentialFindings);
  },
});

function credentialFindings(wf: WorkflowFile): Finding[] {
  const src = readableSource(wf);
  if (!src) return [];
  const out: Finding[] = [];
  const at = (node: Parameters<typeof nodePosition>[1], message: string) =>
    out.push({ ruleId: ID, severity: 'error', file: wf.path, ...nodePosition(src, node), message });
  for (const step of allSteps(src).filter((s) => usesAction(s, 'aws-actions/configure-aws-credentials'))) {
    const inputs = valueOf(step.map, 'with');
    const keys = ACCESS_KEY_INPUTS.flatMap((k) => {
      const pair = pairOf(inputs, k);
      return pair ? [{ name: k, pair }] : [];
    });
    const literals = keys.filter((k) => {
      const v = stringScalar(k.pair.value)?.value.trim();
      return v !== undefined && v !== '' && !v.includes('${{');
    });
    for (const k of literals) {
      const v = stringScalar(k.pair.value)!.value.trim();
      at(k.pair.value, `${k.name} is written into the workflow (${redact(v)}): deactivate this key in IAM and use role-to-assume (OIDC) instead`);
    }
    if (keys.length > literals.length) {
      const first = keys.find((k) => !literals.includes(k))!;
      at(
        first.pair.key,
        `configure-aws-credentials logs in with long-lived access keys (${keys.map((k) => k.name).join(', ')}): use OIDC instead, role-to-assume: \${{ vars.OIDC_ROLE_TO_ASSUME }} with permissions id-token: write`,
      );
    }
    const role = stringScalar(valueOf(inputs, 'role-to-assume'))?.value.trim();
    if (!role) {
      if (keys.length === 0) {
        at(
          pairOf(inputs, 'role-to-assume')?.key ?? step.uses,
          'configure-aws-credentials has no role-to-assume: add "role-to-assume: ${{ vars.OIDC_ROLE_TO_ASSUME }}" under "with:"',
        );
      }
      continue;
    }
    if (keys.length === 0 && !wf.deploy && jobIdTokenGrant(src, step.job) !== 'write') {
      at(
        step.uses,
        `role-to-assume needs "permissions: id-token: write" (top level or in job "${step.job.id}"), which this workflow does not grant, so GitHub issues no OIDC token`,
      );
    }
  }
  return out;
}
