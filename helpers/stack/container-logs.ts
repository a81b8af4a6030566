import type Dockerode from 'dockerode';

/** How many log lines a finding quotes, and how long each may be. */
export const LOG_TAIL_LINES = 30;
const MAX_LINE = 300;

/**
 * Docker's log endpoint multiplexes stdout and stderr of a container without
 * a TTY in frames: 1 byte stream, 3 zero bytes, 4 bytes big-endian length,
 * then the payload. A TTY container's log is the raw text.
 */
export function demuxDockerLog(buf: Buffer): string {
  const frames = logFrames(buf);
  return frames ? Buffer.concat(frames.map((f) => f.payload)).toString('utf8') : buf.toString('utf8');
}

/** stdout and stderr of a multiplexed stream apart (see demuxDockerLog); a TTY's raw text is all stdout. */
export function splitDockerStreams(buf: Buffer): { stdout: string; stderr: string } {
  const frames = logFrames(buf);
  if (!frames) return { stdout: buf.toString('utf8'), stderr: '' };
  const of = (err: boolean) => Buffer.concat(frames.filter((f) => (f.stream === 2) === err).map((f) => f.payload)).toString('utf8');
  return { stdout: of(false), stderr: of(true) };
}

/** The frames of a multiplexed stream, or undefined when it is raw text. */
function logFrames(buf: Buffer): { stream: number; payload: Buffer }[] | undefined {
  const frames: { stream: number; payload: Buffer }[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const stream = buf[i];
    if (stream > 2 || buf[i + 1] !== 0 || buf[i + 2] !== 0 || buf[i + 3] !== 0) return undefined;
    const len = buf.readUInt32BE(i + 4);
    frames.push({ stream, payload: buf.subarray(i + 8, Math.min(buf.length, i + 8 + len)) });
    i += 8 + len;
  }
  if (i < buf.length && frames.length === 0) return undefined;
  return frames;
}

/** The last lines of a log text, without colour codes, each cut to a readable length. */
export function tailLines(text: string, n = LOG_TAIL_LINES): string[] {
  const lines = text
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
    .split(/\r?\n/)
    .map((l) => l.replace(/\r/g, '').trimEnd())
    .filter((l) => l.trim() !== '');
  return lines.slice(-n).map((l) => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE)}…` : l));
}

/**
 * The last lines a container wrote. Docker reads only the tail of the log,
 * so a container that floods its output costs no more than a quiet one.
 */
export async function lastLogLines(container: Dockerode.Container, n = LOG_TAIL_LINES): Promise<string[]> {
  try {
    const raw = (await container.logs({ stdout: true, stderr: true, follow: false, tail: n * 4 })) as unknown as Buffer;
    return tailLines(demuxDockerLog(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw))), n);
  } catch {
    return [];
  }
}
