import { withPlaceholders } from './expressions.js';
import { shellCommands, type ShellWord } from './shell-words.js';
import type { Step } from './workflow-ast.js';

/**
 * An `aws ssm send-command` found in a step's `run` script, with its
 * `--parameters` argument as the AWS CLI receives it: shell quotes removed,
 * every `${{ … }}` replaced by a same-length placeholder (what GitHub puts
 * there is unknown until the run), and each character's offset in the
 * `run` value kept.
 */
export interface SsmCommand {
  /** Offset of the `aws` word in the `run` value. */
  start: number;
  /**
   * Offset of a line ending `\\` (two backslashes) inside the command: bash
   * reads an escaped backslash and ends the command there. The options below
   * are still read, as the author meant them.
   */
  brokenContinuation?: number;
  parameters?: {
    text: string;
    offsets: number[];
    start: number;
    unterminatedQuote?: number;
    unquotedAfterSingleQuote?: ShellWord['unquotedAfterSingleQuote'];
  };
}

export function ssmCommands(step: Step): SsmCommand[] {
  if (!step.run) return [];
  const commands = shellCommands(withPlaceholders(step.run.value));
  const out: SsmCommand[] = [];
  commands.forEach((words, k) => {
    for (let i = 0; i + 2 < words.length; i++) {
      if (!/(^|[(=`])aws$/.test(words[i].text)) continue;
      if (words[i + 1].text !== 'ssm' || words[i + 2].text !== 'send-command') continue;
      const args = words.slice(i + 3);
      let brokenContinuation: number | undefined;
      for (let next = k + 1; args.length > 0 && args[args.length - 1].text === '\\' && next < commands.length; next++) {
        const escaped = args.pop()!;
        brokenContinuation ??= escaped.offsets[0] - 1;
        args.push(...commands[next]);
      }
      out.push({
        start: words[i].offsets[words[i].text.length - 3],
        brokenContinuation,
        parameters: parametersArgument(args),
      });
    }
  });
  return out;
}

function parametersArgument(args: ShellWord[]): SsmCommand['parameters'] {
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w.text === '--parameters' && args[i + 1]) {
      const v = args[i + 1];
      return {
        text: v.text,
        offsets: v.offsets,
        start: v.start,
        unterminatedQuote: v.unterminatedQuote,
        unquotedAfterSingleQuote: v.unquotedAfterSingleQuote,
      };
    }
    if (w.text.startsWith('--parameters=')) {
      const cut = '--parameters='.length;
      return {
        text: w.text.slice(cut),
        offsets: w.offsets.slice(cut),
        start: w.offsets[cut] ?? w.start,
        unterminatedQuote: w.unterminatedQuote,
        unquotedAfterSingleQuote: w.unquotedAfterSingleQuote,
      };
    }
  }
  return undefined;
}
