import type { HostConfig } from 'dockerode';
import type { BaseProfile } from '../../src/profile/profile.js';

export interface Limits {
  memoryMb: number;
  cpus: number;
  pids: number;
}

export function limitsOf(profile: Pick<BaseProfile, 'runtime'>): Limits {
  const r = profile.runtime;
  return { memoryMb: r.memoryMb, cpus: r.cpus, pids: r.pids };
}

/** /dev/shm of every container: Docker's own default, whatever the student's file says. */
export const SHM_SIZE_MB = 64;

/** Open files bounded (below any engine's default hard limit) and no core dumps handed to the host. */
export const ULIMITS = { nofile: { soft: 4096, hard: 4096 }, core: { soft: 0, hard: 0 } };

/** Bounded json-file logs: a container that floods its output cannot fill the disk. */
export const LOG_CONFIG = { Type: 'json-file', Config: { 'max-size': '5m', 'max-file': '2' } };

/**
 * The HostConfig every container rock-check starts gets: memory (no extra
 * swap), CPU, process, shared-memory and open-file limits, no core dumps,
 * bounded logs, never privileged.
 */
export function limitedHostConfig(limits: Limits): HostConfig {
  const bytes = limits.memoryMb * 1024 * 1024;
  return {
    Memory: bytes,
    MemorySwap: bytes,
    NanoCpus: Math.round(limits.cpus * 1e9),
    PidsLimit: limits.pids,
    ShmSize: SHM_SIZE_MB * 1024 * 1024,
    Ulimits: Object.entries(ULIMITS).map(([Name, l]) => ({ Name, Soft: l.soft, Hard: l.hard })),
    LogConfig: LOG_CONFIG,
    Privileged: false,
  };
}
