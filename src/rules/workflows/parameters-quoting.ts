import type { Scalar } from 'yaml';
import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import { needsSsmParameters } from './deploy-commands.js';
import { expressionSpans } from './expressions.js';
import type { WorkflowFile, WorkflowInput } from './model.js';
import { readableSource } from './readable.js';
import { needsDeployAndAllReadable } from './requires.js';
import { positionInScalar } from './scalar-offset.js';
import { ssmCommands } from './ssm-command.js';
import { allSteps } from './workflow-ast.js';

const ID = 'RC-WF011';

export const parametersQuoting = defineRule<WorkflowInput>({
  id: ID,
  name: 'rock-of-ages/ssm-parameters-quoting',
  title: 'SSM --parameters stays inside its single quotes',
  severity: 'error',
  docs:
    'The runner\'s shell reads `--parameters \'{"commands":[…]}\'` as one single-quoted word. A `\'` inside it, as in ' +
    '`-e DB_PASSWORD=\'${{ secrets.DB_PASSWORD }}\'`, closes the quote: what follows, the secret GitHub put there ' +
    'included, is read by the runner\'s shell unquoted (split at blanks, globbed, `$` expanded) before the AWS CLI ' +
    'gets it. Inside the single-quoted JSON write values without quotes, or quote them with \\" (one backslash).',
  requires: (input) => needsDeployAndAllReadable(input) ?? needsSsmParameters(input),
  check(input) {
    return input.workflows.flatMap(quotingFindings);
  },
});

function quotingFindings(wf: WorkflowFile): Finding[] {
  const src = readableSource(wf);
  if (!src) return [];
  const out: Finding[] = [];
  for (const step of allSteps(src)) {
    for (const cmd of ssmCommands(step)) {
      const broken = cmd.parameters?.unquotedAfterSingleQuote;
      if (!broken) continue;
      const script = step.run!.value;
      const expression = script.startsWith('${{', broken.at) ? expressionSpans(script.slice(broken.at))[0] : undefined;
      const what = expression ? `\${{ ${expression.body} }}` : 'the text after it';
      out.push({
        ruleId: ID,
        severity: 'error',
        file: wf.path,
        ...positionInScalar(src, step.run as Scalar, broken.close),
        message:
          `this ' closes the single quotes around --parameters, so ${what} is left unquoted to the runner's shell ` +
          `(split at blanks, globbed, $ expanded); remove the single quotes inside the JSON, or write \\" instead`,
      });
    }
  }
  return out;
}
