import type { Scalar } from 'yaml';
import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import { shorthandSyntaxError } from './aws-shorthand.js';
import { deployNotCutOff } from './deploy-commands.js';
import { expressionSpans } from './expressions.js';
import { jsonSyntaxErrors } from './json-syntax.js';
import type { WorkflowFile, WorkflowInput } from './model.js';
import { readableSource } from './readable.js';
import { positionInScalar } from './scalar-offset.js';
import { remoteCommands } from './remote-commands.js';
import { sendsSsmCommand } from './roles.js';
import { ssmCommands, type SsmCommand } from './ssm-command.js';
import { allSteps, jobsOf, nodePosition, pairOf, rootMap, type Step } from './workflow-ast.js';
import { needsDeployAndAllReadable } from './requires.js';

const ID = 'RC-WF007';

export const ssmParametersJson = defineRule<WorkflowInput>({
  id: ID,
  name: 'rock-of-ages/ssm-parameters-json',
  title: 'SSM --parameters is valid JSON',
  severity: 'error',
  docs:
    'The deploy sends its commands with `aws ssm send-command --parameters \'{"commands":["…","…"]}\'`. ' +
    'The AWS CLI parses that value as JSON (or, for `commands=[…]`, as its shorthand syntax); one stray quote ' +
    'and the deploy fails. Inside the single-quoted JSON a quote in a command is written \\" (one backslash): ' +
    'the course page\'s markdown shows \\\\" and \\${{, which break it. Checked with every ${{ … }} replaced by a placeholder; ' +
    'every error is reported, each where it is (the first of each line). A deploy that sends no `aws ssm send-command`, ' +
    'or one without `--parameters`, gives the instance no commands: it fails here, and the criteria that read those ' +
    'commands cannot be checked until it is fixed.',
  requires: (input) => needsDeployAndAllReadable(input) ?? deployNotCutOff(input),
  check(input) {
    return input.workflows.flatMap(parameterFindings);
  },
});

function parameterFindings(wf: WorkflowFile): Finding[] {
  const src = readableSource(wf);
  if (!src) return [];
  const out: Finding[] = [];
  if (wf.deploy && !allSteps(src).some(sendsSsmCommand)) {
    const job = jobsOf(src)[0]?.key ?? pairOf(rootMap(src), 'jobs')?.key;
    out.push({
      ruleId: ID,
      severity: 'error',
      file: wf.path,
      ...nodePosition(src, job),
      message:
        'the deploy workflow sends no aws ssm send-command, so the instance gets no commands and no container is started: ' +
        'deploy as the course does, with aws ssm send-command --document-name "AWS-RunShellScript" --parameters \'{"commands":["…","docker run -d … \\"$IMAGE\\""]}\'',
    });
  }
  for (const step of allSteps(src)) {
    for (const cmd of ssmCommands(step)) {
      const problems = parametersProblems(step, cmd);
      if (cmd.brokenContinuation !== undefined) {
        problems.unshift({
          offset: cmd.brokenContinuation,
          message:
            'this line of aws ssm send-command ends with \\\\ (two backslashes), which ends the command here: the options on the next lines never reach it; end each such line with one backslash',
        });
      }
      const lines = new Set<number | undefined>();
      for (const problem of problems) {
        const position = positionInScalar(src, step.run as Scalar, problem.offset);
        // One error often makes the parser stumble again on the same line: keep the first.
        if (lines.has(position.line)) continue;
        lines.add(position.line);
        out.push({ ruleId: ID, severity: 'error', file: wf.path, ...position, message: problem.message });
      }
    }
  }
  return out;
}

interface Problem {
  offset: number;
  message: string;
}

/** The problems of one send-command's --parameters, each at an offset of the `run` value. */
function parametersProblems(step: Step, cmd: SsmCommand): Problem[] {
  const p = cmd.parameters;
  if (!p) {
    return [{ offset: cmd.start, message: 'aws ssm send-command has no --parameters, so the instance gets no commands: add --parameters \'{"commands":["…"]}\'' }];
  }
  if (p.unterminatedQuote !== undefined) {
    return [{ offset: p.unterminatedQuote, message: 'the quote opened here around --parameters is never closed: close it after the last "]}"' }];
  }
  const script = step.run!.value;
  const at = (i: number) => p.offsets[i] ?? (p.offsets.length > 0 ? p.offsets[p.offsets.length - 1] + 1 : p.start);
  const describeAt = (i: number) => (script.startsWith('${{', at(i)) ? `\${{ ${expressionSpans(script.slice(at(i)))[0]?.body ?? ''} }}` : undefined);
  const value = p.text.trimStart();
  if (value.startsWith('{') || value.startsWith('[')) {
    const errors = jsonSyntaxErrors(p.text, describeAt);
    if (errors.length > 0) {
      return errors.map((err) => {
        const offset = at(err.offset);
        return { offset, message: `--parameters is not valid JSON (${err.message}): ${advice(script, offset)}` };
      });
    }
    const parsed = JSON.parse(p.text) as unknown;
    if (!isCommandList(parsed)) {
      return [{ offset: at(0), message: '--parameters has no "commands" list of strings: write it as {"commands":["…","…"]}' }];
    }
    return [];
  }
  if (/^[A-Za-z0-9]+\s*=/.test(value)) {
    const err = shorthandSyntaxError(p.text, describeAt);
    if (err) {
      const offset = at(err.offset);
      return [{ offset, message: `--parameters is not valid AWS CLI shorthand (${err.message}): ${advice(script, offset)}` }];
    }
  }
  if (remoteCommands(cmd) === undefined) {
    return [{ offset: at(0), message: '--parameters holds no "commands" list written out in the workflow: write the commands inline, as the course does, \'{"commands":["…","…"]}\'' }];
  }
  return [];
}

function isCommandList(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const commands = (v as Record<string, unknown>).commands;
  return Array.isArray(commands) && commands.every((c) => typeof c === 'string');
}

/** What to change, judged from the script text around the error. */
function advice(script: string, offset: number): string {
  const before = script.slice(Math.max(0, offset - 3), offset + 1);
  if (/\\\\"/.test(before)) {
    return 'inside the quoted value a quote in a command is written \\" (one backslash), e.g. \\"$IMAGE\\"; \\\\" is markdown escaping copied from the course page';
  }
  if (script.startsWith('\\${{', offset)) return 'remove the backslash before ${{';
  if (script[offset] === '\\' && /^\\\r?\n/.test(script.slice(offset))) {
    return 'a backslash at the end of a line does not continue it inside quotes: keep each command on one line';
  }
  return 'each command must be a "quoted string" and a quote inside a command is written \\"';
}
