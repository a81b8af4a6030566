/** Sums points without the float noise of fractional values (0.1 + 0.2). */
export function sumPoints(values: number[]): number {
  return Math.round(values.reduce((a, b) => a + b, 0) * 1000) / 1000;
}
