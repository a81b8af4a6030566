import type { HostConfig } from 'dockerode';
import type { Profile } from '../../src/profile/profile.js';

export interface Limits {
  memoryMb: number;
  cpus: number;
  pids: number;
}

export function limitsOf(profile: Profile): Limits {
  const r = profile.runtime;
  return { memoryMb: r.memoryMb, cpus: r.cpus, pids: r.pids };
}

/** Bounded json-file logs: a container that floods its output cannot fill the disk. */
export const LOG_CONFIG = { Type: 'json-file', Config: { 'max-size': '5m', 'max-file': '2' } };

/**
 * The HostConfig every container rock-check starts gets: memory (no extra
 * swap), CPU and process limits, bounded logs, never privileged.
 */
export function limitedHostConfig(limits: Limits): HostConfig {
  const bytes = limits.memoryMb * 1024 * 1024;
  return {
    Memory: bytes,
    MemorySwap: bytes,
    NanoCpus: Math.round(limits.cpus * 1e9),
    PidsLimit: limits.pids,
    LogConfig: LOG_CONFIG,
    Privileged: false,
  };
}
