import type { Copy, Instruction } from 'dockerfile-ast';
import { parseExecForm } from './command.js';

/** Sources and destination of a COPY or ADD, in shell or JSON form; flags left out. */
export interface Transfer {
  keyword: 'COPY' | 'ADD';
  sources: string[];
  dest: string;
  /** `COPY --from=stage`: copies from another image, not from the build context. */
  fromImage: boolean;
}

export function transferOf(instruction: Instruction): Transfer | undefined {
  const keyword = instruction.getKeyword();
  if (keyword !== 'COPY' && keyword !== 'ADD') return undefined;
  const flags = (instruction as Copy).getFlags();
  const text = instruction.getArgumentsContent() ?? '';
  const args = parseExecForm(text) ?? instruction.getArguments().map((a) => a.getValue());
  if (args.length < 2) return undefined;
  return {
    keyword,
    sources: args.slice(0, -1),
    dest: args[args.length - 1],
    fromImage: flags.some((f) => f.getName().toLowerCase() === 'from'),
  };
}

/** `.`, `./`, `*`: the whole build context. */
export function isWholeContext(source: string): boolean {
  return /^(\.\/?|\.\/\.|\*|\.\/\*)$/.test(source);
}
