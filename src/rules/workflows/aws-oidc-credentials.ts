import type { Scalar } from 'yaml';
import type { Finding } from '../../model/finding.js';
import { redact } from '../../model/redact.js';
import { defineRule } from '../rule.js';
import type { YamlSource } from '../../parsers/yaml-source.js';
import type { WorkflowFile, WorkflowInput } from './model.js';
import { awsCall, type AwsCall } from './aws-calls.js';
import { readableSource } from './readable.js';
import { positionInScalar } from './scalar-offset.js';
import { jobIdTokenGrant, jobsOf, nodePosition, pairOf, stepsOf, stringScalar, usesAction, valueOf, type Step } from './workflow-ast.js';
import { needsDeployAndAllReadable } from './requires.js';

const ID = 'RC-WF005';
const CONFIGURE = 'aws-actions/configure-aws-credentials';
const ACCESS_KEY_INPUTS = ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token'];

export const awsOidcCredentials = defineRule<WorkflowInput>({
  id: ID,
  name: 'rock-of-ages/aws-oidc-credentials',
  title: 'AWS credentials through OIDC role-to-assume',
  severity: 'error',
  docs:
    'aws-actions/configure-aws-credentials must assume an IAM role through OpenID Connect ' +
    '(`role-to-assume: ${{ vars.OIDC_ROLE_TO_ASSUME }}`, with `permissions: id-token: write`), as in the course. ' +
    'Long-lived access keys (aws-access-key-id / aws-secret-access-key) are what OIDC replaces; a key written ' +
    'into the file is leaked to everyone who can read the repository. The step needs `aws-region` too (the action ' +
    'fails without it), and every job that runs the aws CLI or an AWS action needs the step before it: each job ' +
    'runs on a fresh runner with no AWS credentials.',
  requires: needsDeployAndAllReadable,
  check(input) {
    return input.workflows.flatMap(credentialFindings);
  },
});

function credentialFindings(wf: WorkflowFile): Finding[] {
  const src = readableSource(wf);
  if (!src) return [];
  const out: Finding[] = [];
  const at: At = (node, message) =>
    out.push({ ruleId: ID, severity: 'error', file: wf.path, ...nodePosition(src, node), message });
  for (const job of jobsOf(src)) {
    let covered = false;
    for (const step of stepsOf(job)) {
      if (usesAction(step, CONFIGURE)) {
        covered = true;
        configureFindings(src, wf, step, at);
        continue;
      }
      const call = covered ? undefined : awsCall(step);
      if (!call) continue;
      covered = true;
      const position = call.kind === 'cli' ? positionInScalar(src, step.run as Scalar, call.offset) : nodePosition(src, call.uses);
      out.push({ ruleId: ID, severity: 'error', file: wf.path, ...position, message: uncovered(job.id, call) });
    }
  }
  return out;
}

function uncovered(job: string, call: AwsCall): string {
  const what = call.kind === 'cli' ? 'runs the aws CLI' : `uses ${call.action}`;
  return (
    `job "${job}" ${what} with no ${CONFIGURE} step before it, so it has no AWS credentials and fails: add ` +
    `"- uses: ${CONFIGURE}@v4" with role-to-assume: \${{ vars.OIDC_ROLE_TO_ASSUME }} and aws-region: \${{ vars.AWS_REGION }} before it`
  );
}

type At = (node: Parameters<typeof nodePosition>[1], message: string) => void;

function configureFindings(src: YamlSource, wf: WorkflowFile, step: Step, at: At): void {
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
  const role = filled(inputs, 'role-to-assume');
  const region = filled(inputs, 'aws-region');
  if (!role && keys.length === 0 && !region) {
    at(
      step.uses,
      'configure-aws-credentials has no role-to-assume and no aws-region: add "role-to-assume: ${{ vars.OIDC_ROLE_TO_ASSUME }}" and "aws-region: ${{ vars.AWS_REGION }}" under "with:"',
    );
    return;
  }
  if (!region) {
    at(
      pairOf(inputs, 'aws-region')?.key ?? step.uses,
      'configure-aws-credentials has no aws-region, an input the action requires: the step fails and no role is assumed; add "aws-region: ${{ vars.AWS_REGION }}" under "with:"',
    );
  }
  if (!role) {
    if (keys.length === 0) {
      at(
        pairOf(inputs, 'role-to-assume')?.key ?? step.uses,
        'configure-aws-credentials has no role-to-assume: add "role-to-assume: ${{ vars.OIDC_ROLE_TO_ASSUME }}" under "with:"',
      );
    }
    return;
  }
  if (keys.length === 0 && !wf.deploy && jobIdTokenGrant(src, step.job) !== 'write') {
    at(
      step.uses,
      `role-to-assume needs "permissions: id-token: write" (top level or in job "${step.job.id}"), which this workflow does not grant, so GitHub issues no OIDC token`,
    );
  }
}

/** The input's value, when it is given and not blank. */
function filled(inputs: unknown, name: string): string | undefined {
  const v = stringScalar(valueOf(inputs, name))?.value.trim();
  return v ? v : undefined;
}
