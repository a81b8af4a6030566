/** Everything the CLI touches of its process, so that it can be tested without one. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal. */
  isTTY: boolean;
  /** stderr's width, when it is a terminal. */
  columns?: number;
  cwd: string;
}

export const ExitCode = { pass: 0, fail: 1, usage: 2, internal: 3 } as const;

/** Colour is decided once: --color/--no-color, then NO_COLOR, then FORCE_COLOR, then the TTY. */
export function decideColor(flag: boolean | undefined, io: CliIo): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.isTTY && io.env.TERM !== 'dumb';
}
