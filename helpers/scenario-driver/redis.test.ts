import { describe, expect, it } from 'vitest';
import type { ExecResult } from '../probes/exec.js';
import { redisCliArgv, redisReply } from './redis.js';

const ran = (stdout: string, over: Partial<ExecResult> = {}): ExecResult => ({ exitCode: 0, output: stdout, stdout, stderr: '', ...over });

describe('redis-cli', () => {
  it('sends the command as an argv after the options, and refuses one that would read as an option', () => {
    expect(redisCliArgv(['SET', 'k', '-h'], 6380)).toEqual(['redis-cli', '--json', '-2', '-p', '6380', 'SET', 'k', '-h']);
    expect(redisCliArgv(['DBSIZE'])).toEqual(['redis-cli', '--json', '-2', 'DBSIZE']);
    expect(redisCliArgv(['-h', 'elsewhere', 'GET', 'k'])).toEqual({ error: '"-h" is not a Redis command' });
    expect(redisCliArgv([])).toEqual({ error: 'there is no command to send' });
  });

  it('reads typed replies, and error replies as errors', () => {
    expect(redisReply(ran('7\n'), 1000)).toEqual({ reply: 7 });
    expect(redisReply(ran('"7"\n'), 1000)).toEqual({ reply: '7' });
    expect(redisReply(ran('null\n'), 1000)).toEqual({ reply: null });
    expect(redisReply(ran('["a","1"]\n'), 1000)).toEqual({ reply: ['a', '1'] });
    expect(redisReply(ran('error:"NOAUTH Authentication required."\n'), 1000)).toEqual({ error: 'NOAUTH Authentication required.' });
  });

  it('says why there is no reply', () => {
    expect(redisReply(ran('', { exitCode: null }), 5000)).toEqual({ error: 'no reply within 5 s' });
    expect(redisReply(ran('"aaa', { cut: true }), 1000)).toEqual({ error: 'the reply is larger than 1 MiB' });
    expect(redisReply(ran('', { exitCode: 1, stderr: 'Could not connect to Redis at 127.0.0.1:6379: Connection refused\n' }), 1000)).toEqual({
      error: 'Could not connect to Redis at 127.0.0.1:6379: Connection refused',
    });
    expect(redisReply(ran('OCI runtime exec failed: executable file not found', { exitCode: 126 }), 1000)).toEqual({ error: 'the container has no redis-cli to send the command with' });
    expect(redisReply(ran('Unrecognized option or bad number of args for: \'--json\'', { exitCode: 1 }), 1000)).toEqual({ error: "Unrecognized option or bad number of args for: '--json'" });
    expect(redisReply(ran('(integer) 7'), 1000)).toEqual({ error: 'redis-cli printed no reply it can read: (integer) 7' });
  });
});
