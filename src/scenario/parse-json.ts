/** A body read as JSON, or why it is not: cut short, empty, not JSON, or nested too deep to walk safely. */
export function parseJsonBody(text: string, cut: string | undefined, maxDepth: number, show: (s: string) => string): { value: unknown } | { absent: string } {
  if (cut) return { absent: `the body ${cut}, so it is not read as JSON` };
  if (text.trim() === '') return { absent: 'the body is empty, not JSON' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { absent: `the body is not JSON: ${show(text)}` };
  }
  return depthOf(value, maxDepth) > maxDepth ? { absent: `the body nests deeper than ${maxDepth} levels` } : { value };
}

/** The nesting depth of a JSON value, counted without recursion; stops once past `limit`. */
export function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    deepest = Math.max(deepest, d);
    if (deepest > limit) return deepest;
    if (v !== null && typeof v === 'object') for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}
