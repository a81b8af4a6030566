import type { CliIo } from './io.js';

/** An in-memory CliIo for tests: collects what the CLI writes. */
export function memoryIo(over: Partial<CliIo> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
    env: { NO_COLOR: '1' } as Record<string, string | undefined>,
    isTTY: false,
    cwd: process.cwd(),
    ...over,
  };
  return io;
}
