import { expect, it } from 'vitest';
import { gradingSteps } from './grading-steps.js';

const event = (e: Record<string, unknown>) => JSON.stringify({ runId: 'r', ...e });

it("keeps a grading's row steady while its two images build at once, and says which builds", () => {
  const read = gradingSteps(() => 0);
  const rows: (string | undefined)[] = [];
  rows.push(read(event({ step: 'static', detail: '', at: 0 })));
  rows.push(read(event({ step: 'build', detail: 'api', phase: 'begins', at: 1_000 })));
  rows.push(read(event({ step: 'build', detail: 'client', phase: 'begins', at: 1_100 })));
  for (let n = 1; n <= 5; n++) {
    rows.push(read(event({ step: 'build', detail: 'api', line: `#${n} api`, at: 1_000 + n * 100 })));
    rows.push(read(event({ step: 'build', detail: 'client', line: `#${n} client`, at: 1_050 + n * 100 })));
  }
  expect(rows[0]).toBe('static checks');
  expect(rows[1]).toBe('building api');
  expect(new Set(rows.slice(2))).toEqual(new Set(['building api · building client']));
  expect(read(event({ step: 'build', detail: 'client', phase: 'ends', at: 3_000 }))).toBe('building api: #5 api');
  expect(read(event({ step: 'build', detail: 'api', line: 'exporting \u001b[2Jlayers\u009b', at: 3_100 }))).toBe('building api: exporting \\x1b[2Jlayers\\x9b');
  expect(read(event({ step: 'build', detail: 'api', phase: 'ends', at: 4_000 }))).toBe('');
  expect(read(event({ step: 'check', detail: 'RC-DF001', state: 'fail', at: 5_000 }))).toBe('checks: 1 criteria checked, 1 failing so far');
});

it('passes over a line that is not an event, and cuts a long row', () => {
  const read = gradingSteps(() => 0);
  expect(read('not json')).toBeUndefined();
  expect(read(JSON.stringify({ step: 7 }))).toBeUndefined();
  expect(read(event({ step: 'build', detail: 'api', line: 'x'.repeat(300) }))!.length).toBe(90);
});
