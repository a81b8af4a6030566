import { randomBytes } from 'node:crypto';
import { follow, MissingValue, type Ref } from './template.js';

/**
 * The values templates of one step list can use: the list's own captures,
 * the captures of fixtures it used, and the run's id. `{{$rand}}` is new at
 * each use (each attempt of a step sends fresh values).
 */
export class Scope {
  private readonly captures = new Map<string, unknown>();
  private readonly fixtures = new Map<string, Record<string, unknown>>();

  constructor(private readonly runId: string) {}

  set(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.captures.set(k, v);
  }

  useFixture(name: string, captures: Record<string, unknown>): void {
    this.fixtures.set(name, captures);
  }

  has(name: string): boolean {
    return this.captures.has(name) || this.fixtures.has(name);
  }

  resolve = (ref: Ref): unknown => {
    if (ref.root === '$run') return this.runId;
    if (ref.root === '$rand') return randomBytes(6).toString('hex');
    const base = this.captures.has(ref.root) ? this.captures.get(ref.root) : this.fixtures.get(ref.root);
    const v = follow(base, ref.fields);
    if (v === undefined) throw new MissingValue(`{{${ref.text}}} has no value`);
    return v;
  };
}
