import { describe, expect, it } from 'vitest';
import { demuxDockerLog, splitDockerStreams, tailLines } from './container-logs.js';

function frame(stream: number, text: string): Buffer {
  const body = Buffer.from(text);
  const head = Buffer.alloc(8);
  head[0] = stream;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
}

describe('container logs', () => {
  it('demultiplexes stdout and stderr frames in order', () => {
    expect(demuxDockerLog(Buffer.concat([frame(1, 'one\n'), frame(2, 'two\n'), frame(1, 'three\n')]))).toBe('one\ntwo\nthree\n');
  });

  it('keeps stdout and stderr apart when asked; a TTY log is all stdout', () => {
    expect(splitDockerStreams(Buffer.concat([frame(1, 'one\n'), frame(2, 'two\n'), frame(1, 'three\n')]))).toEqual({ stdout: 'one\nthree\n', stderr: 'two\n' });
    expect(splitDockerStreams(Buffer.concat([frame(1, 'cut '), frame(2, 'off')]).subarray(0, 22))).toEqual({ stdout: 'cut ', stderr: 'of' });
    expect(splitDockerStreams(Buffer.from('plain text\n'))).toEqual({ stdout: 'plain text\n', stderr: '' });
  });

  it('reads a TTY log (no frames) as text', () => {
    expect(demuxDockerLog(Buffer.from('plain text\nmore\n'))).toBe('plain text\nmore\n');
  });

  it('keeps the last lines, without colours or CRs, each cut to a readable length', () => {
    const text = ['\u001b[31mred\u001b[0m', 'b\r', '', ...Array.from({ length: 50 }, (_, i) => `line ${i}`), 'x'.repeat(1000)].join('\n');
    const lines = tailLines(text, 5);
    expect(lines).toHaveLength(5);
    expect(lines.slice(0, 4)).toEqual(['line 46', 'line 47', 'line 48', 'line 49']);
    expect(lines[4]).toHaveLength(301);
    expect(tailLines('\u001b[31mred\u001b[0m\nb\r\n')).toEqual(['red', 'b']);
  });
});
