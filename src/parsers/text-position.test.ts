import { describe, expect, it } from 'vitest';
import { LineIndex } from './text-position.js';

describe('LineIndex', () => {
  it('turns offsets into 1-based line:column, a CR belonging to its line', () => {
    const idx = new LineIndex('ab\r\ncd\n\nx');
    expect(idx.position(0)).toEqual({ line: 1, column: 1 });
    expect(idx.position(2)).toEqual({ line: 1, column: 3 });
    expect(idx.position(4)).toEqual({ line: 2, column: 1 });
    expect(idx.position(7)).toEqual({ line: 3, column: 1 });
    expect(idx.position(8)).toEqual({ line: 4, column: 1 });
  });
});
