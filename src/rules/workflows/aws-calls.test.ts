import type { Scalar } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../parsers/yaml-source.js';
import { awsCall } from './aws-calls.js';
import { allSteps } from './workflow-ast.js';

function stepOf(step: string) {
  return allSteps(parseYamlSource('d.yml', `jobs:\n  d:\n    steps:\n      - ${step}\n`))[0];
}

/** The text of the run script from the `aws` word a call was found at. */
function calledAt(run: string): string | undefined {
  const step = stepOf(`run: ${JSON.stringify(run)}`);
  const call = awsCall(step);
  return call?.kind === 'cli' ? (step.run as Scalar<string>).value.slice(call.offset) : undefined;
}

describe('awsCall', () => {
  it('finds the aws CLI where it is the command', () => {
    expect(calledAt('aws ssm send-command --instance-ids x')).toBe('aws ssm send-command --instance-ids x');
    expect(calledAt('echo start\nsudo aws ecr get-login-password | docker login x')).toBe('aws ecr get-login-password | docker login x');
    expect(calledAt('ID=$(aws ssm send-command --output text)')).toBe('aws ssm send-command --output text)');
    expect(calledAt('AWS_PAGER= aws s3 ls')).toBe('aws s3 ls');
  });

  it('leaves out what needs no credentials and words that only mention aws', () => {
    expect(calledAt('aws --version')).toBeUndefined();
    expect(calledAt('echo aws ssm send-command')).toBeUndefined();
    expect(calledAt('docker build -t aws .')).toBeUndefined();
  });

  it('finds AWS actions that use the credentials', () => {
    expect(awsCall(stepOf('uses: aws-actions/amazon-ecr-login@v2'))).toMatchObject({ kind: 'action', action: 'aws-actions/amazon-ecr-login' });
    expect(awsCall(stepOf('uses: actions/checkout@v4'))).toBeUndefined();
  });
});
