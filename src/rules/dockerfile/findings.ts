import type { Instruction } from 'dockerfile-ast';
import type { Finding, Position, Severity } from '../../model/finding.js';
import type { Profile } from '../../profile/profile.js';
import type { RuleMeta } from '../rule.js';
import type { DockerfileInput } from './input.js';
import type { StartCommand } from './start-command.js';

/** A 0-based dockerfile-ast position. */
interface AstPosition {
  line: number;
  character: number;
}

/**
 * A finding in the input's Dockerfile; `at` is a dockerfile-ast position
 * (0-based), reported 1-based, or undefined for the whole file.
 */
export function finding(rule: RuleMeta, input: DockerfileInput, at: AstPosition | undefined, message: string, hint?: string): Finding {
  return {
    ruleId: rule.id,
    severity: severityOf(input.profile, rule),
    file: input.path,
    ...(at ? { line: at.line + 1, column: at.character + 1 } : {}),
    message,
    ...(hint ? { hint } : {}),
  };
}

/** A finding in another file of the submission (a script the CMD runs), at a parser's 1-based position. */
export function findingInFile(rule: RuleMeta, input: DockerfileInput, file: string, pos: Position | undefined, message: string): Finding {
  return {
    ruleId: rule.id,
    severity: severityOf(input.profile, rule),
    file,
    ...(pos ? { line: pos.line, column: pos.column } : {}),
    message,
  };
}

/** A finding at a command of the start command: its line in the script the CMD runs, else the CMD (or ENTRYPOINT) itself. */
export function findingAtCommand(rule: RuleMeta, input: DockerfileInput, start: StartCommand, index: number, message: string): Finding {
  const site = start.sites[index];
  return site?.script.file ? findingInFile(rule, input, site.script.file.path, site.pos, message) : finding(rule, input, at(start.instruction), message);
}

export function at(instruction: Instruction): AstPosition {
  return instruction.getRange().start;
}

/** The profile decides whether a criterion is required (error) or advice (warning). */
function severityOf(profile: Profile, rule: RuleMeta): Severity {
  const level = profile.criteria.find((c) => c.check === rule.name)?.level;
  return level === undefined ? rule.severity : level === 'required' ? 'error' : 'warning';
}

/** Line of an instruction as people count it, for messages. */
export function lineOf(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}
