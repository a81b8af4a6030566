import { Keyword, type Instruction } from 'dockerfile-ast';
import type { Finding } from '../../model/finding.js';
import { closest } from '../../model/suggest.js';
import { defineRule, type Rule } from '../rule.js';
import { isBrokenExecForm, parseExecForm } from './command.js';
import { at, finding } from './findings.js';
import type { DockerfileInput } from './input.js';

const keywords: string[] = Object.values(Keyword);

export const presentAndParseable: Rule<DockerfileInput> = defineRule({
  id: 'RC-DF001',
  name: 'dockerfile/present-and-parseable',
  title: 'Dockerfile present and parseable',
  severity: 'error',
  docs:
    'Each component (api, client) needs a text file named exactly `Dockerfile` in its folder, ' +
    'starting with FROM and using only Dockerfile instructions; CMD and ENTRYPOINT in JSON form ' +
    'must be valid JSON (double quotes), or Docker runs them through the shell and they fail.',
  check(input) {
    const rule = presentAndParseable;
    if (input.missing) {
      const misnamed = input.misnamed
        ? `; ${input.misnamed} is there, but docker build looks for a file named exactly Dockerfile: rename it`
        : `; add one that builds the ${input.role} image`;
      return [finding(rule, input, undefined, `no Dockerfile in ${input.folder}${misnamed}`)];
    }
    if (input.binary) {
      const why = input.unreadable ?? 'is not a text file (binary content)';
      return [finding(rule, input, undefined, `Dockerfile ${why}${/save it/.test(why) ? '' : '; save it again as plain UTF-8 text'}`)];
    }
    if (input.unreadable) return [finding(rule, input, undefined, `Dockerfile ${input.unreadable}`)];
    if (input.empty || !input.ast) {
      return [finding(rule, input, undefined, `Dockerfile is empty; write the instructions that build the ${input.role} image, starting with FROM`)];
    }
    const instructions = input.ast.getInstructions();
    const out: Finding[] = [];
    const firstFrom = instructions.findIndex((i) => i.getKeyword() === 'FROM');
    if (firstFrom < 0) {
      out.push(
        instructions.length > 0
          ? finding(rule, input, at(instructions[0]), 'no FROM instruction: a Dockerfile must start with FROM <base image>, e.g. FROM python:3.11-slim')
          : finding(rule, input, undefined, 'no instructions, only comments: start the Dockerfile with FROM <base image>'),
      );
    } else {
      for (const i of instructions.slice(0, firstFrom)) {
        if (i.getKeyword() !== 'ARG' && keywords.includes(i.getKeyword())) {
          out.push(finding(rule, input, at(i), `${i.getKeyword()} comes before the first FROM; only ARG may come before FROM: move it below FROM`));
        }
      }
    }
    for (const i of instructions) {
      const problem = unknownInstruction(i) ?? missingArguments(i) ?? brokenExecForm(i);
      if (problem) out.push(finding(rule, input, at(i), problem));
    }
    return out;
  },
});

export function unknownInstruction(i: Instruction): string | undefined {
  const keyword = i.getKeyword();
  if (keywords.includes(keyword)) return undefined;
  const shown = JSON.stringify(i.getInstruction());
  const near = closest(keyword, keywords, { proportional: false });
  return near
    ? `unknown instruction ${shown}: did you mean ${near}?`
    : `unknown instruction ${shown}: use a Dockerfile instruction (FROM, RUN, COPY, ENV, EXPOSE, CMD, ...) or make the line a comment with #`;
}

export function missingArguments(i: Instruction): string | undefined {
  const keyword = i.getKeyword();
  const count = i.getArguments().length;
  if ((keyword === 'COPY' || keyword === 'ADD') && count === 1) {
    return `${keyword} needs a source and a destination: add where to put ${i.getArguments()[0].getValue()}, e.g. ${keyword} ${i.getArguments()[0].getValue()} /app/`;
  }
  if (count > 0 || (i.getArgumentsContent() ?? '').trim() !== '') return undefined;
  if (keyword === 'FROM') return 'FROM names no base image; write one, e.g. FROM python:3.11-slim';
  return `${keyword} has no arguments, so docker build stops here; complete the instruction or remove the line`;
}

export function brokenExecForm(i: Instruction): string | undefined {
  const keyword = i.getKeyword();
  if (keyword !== 'CMD' && keyword !== 'ENTRYPOINT') return undefined;
  const text = i.getArgumentsContent();
  if (text === null || !isBrokenExecForm(text)) return undefined;
  const requoted = text.replace(/'/g, '"');
  const example = parseExecForm(requoted) ? requoted.trim() : '["npm", "start"]';
  return `${keyword} is not a valid JSON array, so Docker runs it through /bin/sh as one string and it fails; write it with double quotes and commas: ${keyword} ${example}`;
}
