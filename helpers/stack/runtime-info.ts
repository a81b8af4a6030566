import type { Finding } from '../../src/model/finding.js';
import type { ApiEnvPlan } from './api-env.js';

/**
 * What the runtime global setup hands the runtime suites (vitest
 * provide/inject): plain data only, so it crosses to the test workers.
 */
/** A role of the profile's stack: Rock of Ages' database, api and client, or another profile's own (redis, web). */
export type Role = string;

/** The criteria that report a failed build and a stack that did not get ready (RC-RT001 and RC-RT002 for Rock of Ages). */
export interface RuntimeIds {
  build: string;
  ready: string;
}

/** The IDs of a runtime description, Rock of Ages' when it names none. */
export function runtimeIds(info: Pick<RuntimeInfo, 'ids'>): RuntimeIds {
  return info.ids ?? { build: 'RC-RT001', ready: 'RC-RT002' };
}

export interface ComponentRuntime {
  role: Role;
  /** Compose service name (compose mode). */
  service?: string;
  containerId?: string;
  containerName?: string;
  image?: string;
  /** Names it answers to on the shared network, the first being its own. */
  names: string[];
  /** Its IP address on the shared network. */
  address?: string;
  /** The container port grading reaches, and the host port Docker mapped it to. */
  port?: number;
  hostPort?: number;
  ready: boolean;
  /** Why it is not ready, in one line, for the findings of the criteria that need it. */
  problem?: string;
  /** A boot finding already describes why it is not ready. */
  reported?: boolean;
  /** Where findings about it point: its build folder (or the compose file), relative to the submission root. */
  folder?: string;
}

export interface RuntimeInfo {
  runId: string;
  mode: 'compose' | 'network';
  /** Host where mapped ports listen. */
  host: string;
  /** Name of the network the stack shares. */
  network?: string;
  /** Where findings about the stack as a whole point (compose file, or the api folder). */
  stackFile: string;
  /** Criterion IDs of the build and boot findings (absent: Rock of Ages'). */
  ids?: RuntimeIds;
  build: { ok: boolean; seconds: number; findings: Finding[]; images: { role: Role; tag: string; seconds: number }[] };
  /** `refused`: hostile settings kept the stack from being started at all. */
  boot: { ok: boolean; seconds: number; findings: Finding[]; refused?: boolean };
  /** By role name. */
  components: Partial<Record<Role, ComponentRuntime>>;
  /** How to query the database the api uses (the password stays in memory, never printed). */
  database?: { name: string; user: string; password: string };
  compose?: { projectName: string; file: string; dir: string; changes: string[] };
  /** Network mode: where the api's environment came from and what rock-check supplied. */
  env?: Pick<ApiEnvPlan, 'file' | 'kind' | 'supplied' | 'passThrough'>;
  /** Docker itself failed (not the submission): runtime criteria cannot be graded. */
  error?: string;
  /** Grading runs without the runtime part (static mode). */
  skipped?: string;
}
