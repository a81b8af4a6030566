import type { Position } from '../model/finding.js';

/**
 * Offset to line:column bookkeeping for the hand-written parsers: each parser
 * records the offsets it meets while scanning and turns them into 1-based
 * positions here. A line ends at '\n'; a '\r' before it belongs to the line.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

export interface SourceProblem {
  position: Position;
  message: string;
}
