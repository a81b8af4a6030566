import type { CriterionResult } from '../report.js';

/**
 * Platforms that take whole-number scores get each criterion's points times
 * one scale: 1 when every criterion's points are whole, else the smallest of
 * 10, 100 or 1000 that makes them whole (rounded past three decimals). A
 * criterion passes or fails whole, so scaled scores keep the report's ratios.
 */
export function integerScale(criteria: Pick<CriterionResult, 'points'>[]): number {
  for (const scale of [1, 10, 100]) {
    if (criteria.every((c) => Number.isInteger(Math.round(c.points * scale * 1e6) / 1e6))) return scale;
  }
  return 1000;
}

export function scaled(value: number, scale: number): number {
  return Math.round(value * scale);
}
