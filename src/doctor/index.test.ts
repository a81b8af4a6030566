import { expect, it } from 'vitest';
import { renderDoctor } from './index.js';

it("shows the control characters of a profile's or a submission's image name as escapes", () => {
  const text = renderDoctor(
    [{ status: 'fail', title: 'image evil\u009b2J:1', detail: 'the image evil\u001b[31m:1\n::error::x is missing', fix: 'docker load \u202e-i x.tar' }],
    { id: 'course\u0085', version: 1 },
  );
  expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  expect(text).toContain('profile course\\x85 v1?');
  expect(text).toContain('✗ image evil\\x9b2J:1: the image evil\\x1b[31m:1\\n::error::x is missing');
  expect(text).toContain('fix: docker load \\u202e-i x.tar');
});
