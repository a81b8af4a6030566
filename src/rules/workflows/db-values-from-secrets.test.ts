import { describe, expect, it } from 'vitest';
import { judgeDbValue } from './db-values-from-secrets.js';

describe('judgeDbValue', () => {
  it('accepts secrets, alone or inside a larger expression', () => {
    expect(judgeDbValue('DB_PASSWORD', '${{ secrets.DB_PASSWORD }}', false)).toEqual({ ok: true });
    expect(judgeDbValue('DB_HOST', "${{ secrets['DB_HOST'] }}", false)).toEqual({ ok: true });
  });

  it('accepts a shell variable in a script, not in env:', () => {
    expect(judgeDbValue('DB_PASSWORD', '$DB_PASSWORD', true)).toEqual({ ok: true });
    expect(judgeDbValue('DB_PASSWORD', '${DB_PASSWORD}', true)).toEqual({ ok: true });
    expect(judgeDbValue('DB_PASSWORD', '$DB_PASSWORD', false).ok).toBe(false);
  });

  it('rejects literals with the value redacted', () => {
    const v = judgeDbValue('DB_PASSWORD', 'localpassword123', false);
    expect(v).toEqual({
      ok: false,
      message: 'DB_PASSWORD is written into the workflow (lo********23): store it as a repository secret and pass ${{ secrets.DB_PASSWORD }}',
    });
  });

  it('rejects variables and other contexts', () => {
    expect(judgeDbValue('DB_USER', '${{ vars.DB_USER }}', true)).toEqual({
      ok: false,
      message: 'DB_USER comes from ${{ vars.DB_USER }}, a repository variable, which is not secret: use ${{ secrets.DB_USER }}',
    });
    expect(judgeDbValue('DB_USER', '${{ secrets.A || vars.B }}', true).ok).toBe(false);
    expect(judgeDbValue('DB_USER', '${{ inputs.user }}', true)).toMatchObject({ ok: false, message: expect.stringContaining('not a secret') });
  });
});
