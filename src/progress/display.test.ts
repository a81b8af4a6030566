import { describe, expect, it } from 'vitest';
import { progressDisplay } from './display.js';
import { emitProgress, onProgress, type ProgressEvent } from './events.js';

const ev = (step: ProgressEvent['step'], detail: string, at: number, extra: Partial<ProgressEvent> = {}): ProgressEvent => ({ runId: 'r', step, detail, at, ...extra });

/** Compose building the api and the client at once, their output interleaved, as `rock-check fixtures/good` sees it. */
function twoBuilds(d: { onEvent(e: ProgressEvent): void }, clock: { t: number }) {
  const send = (e: ProgressEvent) => {
    clock.t = e.at;
    d.onEvent(e);
  };
  send(ev('static', '', 0));
  send(ev('build', 'api', 1_000, { phase: 'begins' }));
  send(ev('build', 'client', 1_100, { phase: 'begins' }));
  for (let n = 1; n <= 20; n++) {
    send(ev('build', 'api', 1_000 + n * 500, { line: `#${n} api` }));
    send(ev('build', 'client', 1_100 + n * 500, { line: `#${n} client` }));
  }
  send(ev('build', 'client', 9_000, { phase: 'ends' }));
  send(ev('build', 'api', 12_000, { phase: 'ends' }));
  send(ev('start', 'api, client, db', 12_100));
}

describe('progressDisplay', () => {
  it('redraws in place on a terminal and clears itself before the report', () => {
    let out = '';
    let t = 0;
    const d = progressDisplay({ write: (s) => (out += s), columns: 80 }, 'live', () => t);
    d.onEvent(ev('intake', '', 0));
    t = 1_000;
    d.onEvent(ev('static', '', 1_000));
    d.close();
    expect(out).toContain('reading the submission');
    expect(out).toContain('\u001b[2F\u001b[J');
    expect(out.endsWith('\u001b[J')).toBe(true);
  });

  it('writes plain lines in a log', () => {
    let out = '';
    const d = progressDisplay({ write: (s) => (out += s) }, 'lines', () => 0);
    d.onEvent(ev('intake', '', 0));
    d.onEvent(ev('build', 'api', 2_000));
    d.close();
    expect(out).toBe('[  0.0 s] reading the submission\n[  2.0 s] building api\n');
  });
});

describe('progressDisplay with two images building at once', () => {
  it('prints each build once as it begins and once as it ends with --verbose', () => {
    let out = '';
    const clock = { t: 0 };
    const d = progressDisplay({ write: (s) => (out += s) }, 'lines', () => clock.t);
    twoBuilds(d, clock);
    d.close();
    expect(out.split('\n')).toEqual([
      '[  0.0 s] static checks',
      '[  1.0 s] building api',
      '[  1.1 s] building client',
      '[  9.0 s] building client ended (7.9 s)',
      '[   12 s] building api ended (11 s)',
      '[   12 s] starting api, client, db',
      '',
    ]);
  });

  it('redraws one line per build on a terminal, each with its own time and latest line', () => {
    let out = '';
    const clock = { t: 0 };
    const d = progressDisplay({ write: (s) => (out += s), columns: 80 }, 'live', () => clock.t);
    const frames: string[] = [];
    const lastFrame = () => (out.includes('\u001b[J') ? out.slice(out.lastIndexOf('\u001b[J') + 3) : out);
    const counting = { onEvent: (e: ProgressEvent) => (d.onEvent(e), frames.push(lastFrame())) };
    twoBuilds(counting, clock);
    d.close();
    const whileBoth = frames.find((f) => f.includes('#10 client'))!;
    expect(whileBoth.split('\n').slice(0, 5)).toEqual([
      '  ✓ static checks (1.0 s)',
      expect.stringMatching(/^ {2}\S building api \(5\.1 s\)$/),
      '      #10 api',
      expect.stringMatching(/^ {2}\S building client \(5\.0 s\)$/),
      '      #10 client',
    ]);
    for (const frame of frames) {
      expect(frame.match(/building api/g)?.length ?? 0, frame).toBeLessThanOrEqual(1);
      expect(frame.match(/building client/g)?.length ?? 0, frame).toBeLessThanOrEqual(1);
    }
    expect(frames.at(-1)!.split('\n').slice(0, 4)).toEqual(['  ✓ static checks (1.0 s)', '  ✓ building api (11 s)', '  ✓ building client (7.9 s)', expect.stringMatching(/starting api, client, db/)]);
  });
});

describe('progress channel', () => {
  it('delivers only the listened run\'s events until unsubscribed', () => {
    const got: string[] = [];
    const off = onProgress('mine', (e) => got.push(e.detail));
    emitProgress({ runId: 'mine', step: 'build', detail: 'a' });
    emitProgress({ runId: 'other', step: 'build', detail: 'b' });
    off();
    emitProgress({ runId: 'mine', step: 'build', detail: 'c' });
    expect(got).toEqual(['a']);
  });
});
