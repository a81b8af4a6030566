import { describe, expect, it } from 'vitest';
import { limit } from './slots.js';

describe('limit', () => {
  it('runs at most n jobs at once, each to its end, failures included', async () => {
    const slots = limit(2);
    let running = 0;
    let most = 0;
    const job = (i: number) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (i === 3) throw new Error('job 3');
      return i;
    };
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => slots(job(i))));
    expect(most).toBe(2);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([0, 1, 2, 'failed', 4, 5]);
  });
});
