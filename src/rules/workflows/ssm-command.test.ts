import type { Scalar } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../parsers/yaml-source.js';
import { ssmCommands } from './ssm-command.js';
import { allSteps } from './workflow-ast.js';

function commandsOf(script: string) {
  const text = `jobs:\n  d:\n    steps:\n      - run: |\n${script
    .split('\n')
    .map((l) => `          ${l}`)
    .join('\n')}\n`;
  const step = allSteps(parseYamlSource('d.yml', text))[0];
  return { run: (step.run as Scalar<string>).value, commands: ssmCommands(step) };
}

describe('ssmCommands', () => {
  it('extracts the JSON of --parameters as the AWS CLI gets it, expressions as placeholders', () => {
    const { run, commands } = commandsOf(
      `aws ssm send-command \\\n--document-name "AWS-RunShellScript" \\\n--parameters '{"commands":["docker pull \\"\${{ vars.IMAGE }}\\""]}' \\\n--region x`,
    );
    expect(commands).toHaveLength(1);
    const p = commands[0].parameters!;
    expect(p.text).toBe(`{"commands":["docker pull \\"1${'0'.repeat('${{ vars.IMAGE }}'.length - 1)}\\""]}`);
    expect(p.offsets.map((o) => run[o]).join('')).toBe('{"commands":["docker pull \\"${{ vars.IMAGE }}\\""]}');
    expect(commands[0].brokenContinuation).toBeUndefined();
  });

  it('finds --parameters=…, the shorthand form and a command inside $( )', () => {
    expect(commandsOf(`ID=$(aws ssm send-command --parameters='{"commands":[]}' --output text)`).commands[0].parameters?.text).toBe(
      '{"commands":[]}',
    );
    expect(commandsOf(`aws ssm send-command --parameters commands='["a"]'`).commands[0].parameters?.text).toBe('commands=["a"]');
  });

  it('notes a line ending \\\\ and still reads the options after it', () => {
    const { run, commands } = commandsOf(`aws ssm send-command \\\\\n  --parameters '{"commands":["a"]}'`);
    expect(commands[0].brokenContinuation).toBe(run.indexOf('\\\\'));
    expect(commands[0].parameters?.text).toBe('{"commands":["a"]}');
  });

  it('ignores other aws commands', () => {
    expect(commandsOf('aws ssm get-command-invocation --command-id x\naws ecr get-login-password').commands).toEqual([]);
  });
});
