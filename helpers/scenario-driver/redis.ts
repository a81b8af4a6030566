import type { RedisAnswer } from '../../src/scenario/driver.js';
import type { ExecResult } from '../probes/exec.js';

/** A reply (as redis-cli prints it) larger than this is not read. */
export const MAX_REPLY_BYTES = 1024 * 1024;

/**
 * redis-cli's argv for one command, run inside the role's container. RESP2
 * (`-2`), the protocol every Redis speaks and most clients use; `--json`
 * prints the reply with its type (integer, string, nil, array). redis-cli
 * stops reading options at the command's name, so the arguments after it
 * are sent as they are, whatever they begin with.
 */
export function redisCliArgv(command: string[], port?: number): string[] | { error: string } {
  if (command.length === 0 || command[0] === '') return { error: 'there is no command to send' };
  if (command[0].startsWith('-')) return { error: `"${command[0]}" is not a Redis command` };
  return ['redis-cli', '--json', '-2', ...(port === undefined ? [] : ['-p', String(port)]), ...command];
}

/** The reply redis-cli printed: a JSON value, or `error:"…"` for an error reply. */
export function redisReply(r: ExecResult, timeoutMs: number): RedisAnswer {
  if (r.exitCode === null) return { error: `no reply within ${Math.round(timeoutMs / 1000)} s` };
  if (r.cut) return { error: `the reply is larger than ${MAX_REPLY_BYTES / 1024 / 1024} MiB` };
  if (r.exitCode === 126 || r.exitCode === 127) return { error: 'the container has no redis-cli to send the command with' };
  const out = r.stdout.trim();
  if (r.exitCode !== 0) return { error: firstLine(r.stderr) || firstLine(out) || `redis-cli ended with exit code ${r.exitCode}` };
  if (out.startsWith('error:')) return { error: jsonString(out.slice('error:'.length)) };
  try {
    return { reply: JSON.parse(out) };
  } catch {
    return { error: `redis-cli printed no reply it can read: ${firstLine(out) || '(nothing)'}` };
  }
}

function jsonString(text: string): string {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'string' ? v : text;
  } catch {
    return text;
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
