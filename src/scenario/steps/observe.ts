import type { Observation } from '../observation.js';
import type { ConnectSpec, ExecSpec, HttpSpec, IsolationSpec, RecreateSpec, RedisSpec, RoleRef, SqlSpec, StepKind } from '../types.js';
import { observeChange } from './change.js';
import { observeConnect } from './connect.js';
import type { StepEnv } from './env.js';
import { observeExec } from './exec.js';
import { observeHttp } from './http.js';
import { observeInspect } from './inspect.js';
import { observeIsolation } from './isolation.js';
import { observeRedis } from './redis.js';
import { observeSql } from './sql.js';

/** One attempt of a step of any kind but `use`, its body already rendered. */
export function observe(kind: Exclude<StepKind, 'use'>, body: unknown, env: StepEnv): Promise<Observation> {
  switch (kind) {
    case 'http':
      return observeHttp(body as HttpSpec, env);
    case 'sql':
      return observeSql(body as SqlSpec, env);
    case 'redis':
      return observeRedis(body as RedisSpec, env);
    case 'exec':
      return observeExec(body as ExecSpec, env);
    case 'inspect':
      return observeInspect(body as RoleRef, env);
    case 'connect':
      return observeConnect(body as ConnectSpec, env);
    case 'isolation':
      return observeIsolation(body as IsolationSpec, env);
    case 'recreate':
    case 'restart':
      return observeChange(kind, body as RecreateSpec | RoleRef, env);
  }
}

/** The roles a step touches. */
export function rolesOf(kind: StepKind, body: unknown): string[] {
  if (kind === 'use' || kind === 'isolation') return [];
  if (kind === 'connect') return [(body as ConnectSpec).from, (body as ConnectSpec).to];
  return [(body as RoleRef).role];
}
