import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from './events.js';
import { advance, newProgress, plainEndLine, plainLine, renderLive, runningLine, type GradingProgress } from './steps.js';

const ev = (step: ProgressEvent['step'], detail: string, at: number, extra: Partial<ProgressEvent> = {}): ProgressEvent => ({ runId: 'r', step, detail, at, ...extra });

describe('progress steps', () => {
  it('closes a step when the next begins and times each', () => {
    let p = newProgress(0);
    p = advance(p, ev('intake', 'cloning https://example.test/a.git', 0));
    p = advance(p, ev('build', 'api', 1_500));
    p = advance(p, ev('build', 'api', 4_000, { line: 'Step 5/9 : RUN pipenv install' }));
    const lines = renderLive(p, 6_000);
    expect(lines[0]).toBe('  ✓ cloning https://example.test/a.git (1.5 s)');
    expect(lines[1]).toMatch(/^ {2}. building api \(4\.5 s\)$/);
    expect(lines[2]).toBe('      Step 5/9 : RUN pipenv install');
    expect(lines.at(-1)).toBe('  elapsed 6.0 s');
  });

  it('counts checks and failures without adding steps', () => {
    let p = newProgress(0);
    p = advance(p, ev('checks', '', 0));
    for (const state of ['pass', 'fail', 'error', 'pass']) p = advance(p, ev('check', 'RC-X', 1, { state }));
    expect(p.steps).toHaveLength(1);
    expect(renderLive(p, 2_000)).toContain('    4 criteria checked, 2 failing so far');
  });

  it('never lets a build line move the cursor or ring the bell', () => {
    let p = advance(newProgress(0), ev('build', 'api', 0));
    p = advance(p, ev('build', 'api', 1, { line: 'evil \u001b[2J\u0007 line' }));
    expect(renderLive(p, 10).join('\n')).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it('shows control characters of a build line or a service name as escapes, live and in plain lines', () => {
    let p = advance(newProgress(0), ev('build', 'the image of service "db\u001b[2J\n::error::x"', 0));
    p = advance(p, ev('build', 'api', 1, { line: 'evil \u001b[2J\u0007 line' }));
    const live = renderLive(p, 10, 200).join('\n');
    expect(live).toContain('building the image of service "db\\x1b[2J\\n::error::x"');
    expect(live).toContain('evil \\x1b[2J\\x07 line');
    expect(plainLine(p, p.steps[0])).toContain('"db\\x1b[2J\\n::error::x"');
  });

  it('cuts lines to the width', () => {
    const p = advance(newProgress(0), ev('build', 'x'.repeat(200), 0));
    for (const l of renderLive(p, 10, 40)) expect(l.length).toBeLessThanOrEqual(40);
  });

  it('gives a step its plain line, timed from the start of the grading', () => {
    const p = advance(newProgress(0), ev('start', 'api, postgres-db', 2_345));
    expect(plainLine(p, p.steps[0])).toBe('[  2.3 s] starting api, postgres-db');
  });

  it('opens the checks step with the first criterion checked, and adds no step for a build line', () => {
    let p = advance(newProgress(0), ev('build', 'api', 0));
    p = advance(p, ev('build', 'api', 1, { line: 'Step 1' }));
    expect(p.steps).toHaveLength(1);
    p = advance(p, ev('check', 'RC-DF001', 2, { state: 'pass' }));
    expect(p.steps.map((s) => s.label)).toEqual(['building api', 'checks']);
  });

  it('gives a step that runs beside another its own end line', () => {
    let p = advance(newProgress(0), ev('build', 'api', 1_000, { phase: 'begins' }));
    p = advance(p, ev('build', 'api', 3_500, { phase: 'ends' }));
    expect(plainEndLine(p, { ...p.steps[0], endedAt: p.steps[0].endedAt! })).toBe('[  3.5 s] building api ended (2.5 s)');
  });

  it('ignores the end of a step that is not running', () => {
    const p = advance(newProgress(0), ev('static', '', 0));
    expect(advance(p, ev('build', 'api', 1, { phase: 'ends' }))).toBe(p);
  });
});

describe('two images building at once', () => {
  /** Compose building the api and the client at once: their output interleaves line by line. */
  function interleaved(): GradingProgress[] {
    const frames: GradingProgress[] = [];
    let p = advance(newProgress(0), ev('static', '', 0));
    const step = (e: ProgressEvent) => frames.push((p = advance(p, e)));
    step(ev('build', 'api', 1_000, { phase: 'begins' }));
    step(ev('build', 'client', 1_200, { phase: 'begins' }));
    for (let n = 1; n <= 11; n++) {
      step(ev('build', 'api', 1_000 + n * 1_000, { line: `api step ${n}/11` }));
      step(ev('build', 'client', 1_500 + n * 1_000, { line: `client step ${n}/11` }));
    }
    step(ev('build', 'client', 12_400, { phase: 'ends' }));
    step(ev('build', 'api', 12_900, { line: 'api exporting layers' }));
    step(ev('build', 'api', 17_000, { phase: 'ends' }));
    step(ev('start', 'api, client, db', 17_100));
    return frames;
  }

  it('keeps one line per image, however the output interleaves', () => {
    for (const p of interleaved()) {
      const labels = p.steps.map((s) => s.label);
      expect(labels.filter((l) => l === 'building api').length).toBeLessThanOrEqual(1);
      expect(labels.filter((l) => l === 'building client').length).toBeLessThanOrEqual(1);
    }
    expect(interleaved().at(-1)!.steps.map((s) => s.label)).toEqual(['static checks', 'building api', 'building client', 'starting api, client, db']);
  });

  it('shows each running build with its own elapsed time and latest line', () => {
    const frames = interleaved();
    const both = frames.find((p) => p.steps.some((s) => s.line === 'client step 6/11'))!;
    expect(renderLive(both, 7_600).slice(0, 5)).toEqual([
      '  ✓ static checks (1.0 s)',
      expect.stringMatching(/^ {2}\S building api \(6\.6 s\)$/),
      '      api step 6/11',
      expect.stringMatching(/^ {2}\S building client \(6\.4 s\)$/),
      '      client step 6/11',
    ]);
  });

  it('ends each build at its own time, the one still running keeping its line', () => {
    const frames = interleaved();
    const clientDone = frames.find((p) => p.steps.some((s) => s.label === 'building client' && s.endedAt !== undefined))!;
    const live = renderLive(clientDone, 12_800);
    expect(live).toContain('  ✓ building client (11 s)');
    expect(live).toContainEqual(expect.stringMatching(/^ {2}\S building api \(12 s\)$/));
    expect(live).toContain('      api step 11/11');
    expect(live).not.toContain('      client step 11/11');
    const last = renderLive(frames.at(-1)!, 18_000);
    expect(last.slice(0, 3)).toEqual(['  ✓ static checks (1.0 s)', '  ✓ building api (16 s)', '  ✓ building client (11 s)']);
  });

  it('says in one line what runs at once, for the batch display', () => {
    const frames = interleaved();
    expect(runningLine(frames[1])).toBe('building api · building client');
    expect(runningLine(frames[5])).toBe('building api · building client');
    const clientDone = frames.findIndex((p) => p.steps.some((s) => s.label === 'building client' && s.endedAt !== undefined));
    expect(runningLine(frames[clientDone + 1])).toBe('building api: api exporting layers');
  });
});
