import { dirname, isAbsolute, join, sep } from 'node:path';
import type { Finding } from '../../src/model/finding.js';
import { linkRefusals, environmentSourceRefusals } from '../../src/rules/compose/hostile-links.js';
import { keyedEntries } from '../../src/rules/compose/hostile-paths.js';
import { serviceSettings } from '../../src/rules/compose/hostile.js';
import { isMapping } from '../../src/rules/compose/service-data.js';
import { RUN_LABEL } from '../../src/cleanup/labels.js';
import { OWN_LIMITS } from './derive-compose.js';
import { SHM_SIZE_MB, ULIMITS, type Limits } from './limits.js';

/**
 * The second look before anything builds: Compose's own model of the
 * derived file (`docker compose config --format json`), after substitution,
 * `extends` and `include`, where every path is absolute. Each path Docker
 * would read or mount must lie inside the private copy once links are
 * resolved; nothing may join the host or a container outside the stack; and
 * every service carries rock-check's limits and no other.
 */
export interface ModelContext {
  /** Real path of the private copy of the submission. */
  root: string;
  /** Real path of a path, or of the deepest part of it that exists followed by the rest; undefined when unreadable. */
  realpath: (path: string) => string | undefined;
  limits: Limits;
  /** The submission's compose file, where the findings point. */
  file: string;
}

export function resolvedModelRefusals(model: unknown, ctx: ModelContext): Finding[] {
  const out: Finding[] = [];
  const refuse = (message: string) =>
    out.push({ ruleId: 'RC-RT002', severity: 'error', file: ctx.file, message: `refused to start: ${message}`, hint: 'as Compose resolves the file (after variables, extends and include)' });
  if (!isMapping(model)) {
    refuse('Compose did not give a model of the compose file');
    return out;
  }
  const services = isMapping(model.services) ? model.services : {};
  const stack = new Set(Object.keys(services));
  const outside = (p: unknown) => typeof p !== 'string' || !isAbsolute(p) || !inside(ctx, p);
  const path = (what: string, p: unknown) => {
    if (outside(p)) refuse(`${what} lies outside the submission`);
  };
  for (const [name, svc] of Object.entries(services)) {
    if (!isMapping(svc)) continue;
    const s = `service "${name}"`;
    if (!isMapping(svc.labels) || svc.labels[RUN_LABEL] === undefined) {
      refuse(`${s} comes from an included file, where rock-check cannot set its limits and labels; define the service in ${ctx.file} itself`);
      continue;
    }
    serviceSettings(name, svc, (_p, message) => refuse(message));
    linkRefusals(name, svc, stack, (_p, message) => refuse(message));
    const build = isMapping(svc.build) ? svc.build : undefined;
    if (build) {
      path(`the build context of ${s}`, build.context);
      if (typeof build.dockerfile === 'string' && typeof build.context === 'string') {
        path(`the Dockerfile of ${s}`, isAbsolute(build.dockerfile) ? build.dockerfile : join(build.context, build.dockerfile));
      }
      for (const [key, value] of keyedEntries(build.additional_contexts, [])) {
        if (!/^(docker-image:\/\/|service:|target:)/.test(value)) path(`the build context "${key}" of ${s}`, value);
      }
      for (const [key, value] of keyedEntries(build.ssh, [])) if (value !== '') path(`the SSH key "${key}" of the build of ${s}`, value);
      for (const field of ['cache_from', 'cache_to']) {
        if (Array.isArray(build[field]) && build[field].some((c) => /(^|,)type=local(,|$)/.test(String(c)))) refuse(`${s} keeps a local build cache (${field})`);
      }
      if (build.tags !== undefined) refuse(`${s} tags its image beyond the run's own tag (build.tags)`);
    }
    const envFiles = Array.isArray(svc.env_file) ? svc.env_file : [];
    for (const e of envFiles) path(`an env_file of ${s}`, isMapping(e) ? e.path : e);
    const labelFiles = typeof svc.label_file === 'string' ? [svc.label_file] : Array.isArray(svc.label_file) ? svc.label_file : [];
    for (const f of labelFiles) path(`a label_file of ${s}`, f);
    for (const v of Array.isArray(svc.volumes) ? svc.volumes : []) {
      if (!isMapping(v)) continue;
      if (v.type === 'bind') path(`the mount source of ${s} at ${String(v.target)}`, v.source);
      else if (v.type !== 'volume' && v.type !== 'tmpfs' && v.type !== 'image') refuse(`${s} mounts a ${String(v.type)} at ${String(v.target)}`);
    }
    limitRefusals(s, svc, ctx.limits, refuse);
  }
  environmentSourceRefusals(model, (_p, message) => refuse(message));
  for (const kind of ['secrets', 'configs']) {
    for (const [key, def] of Object.entries(isMapping(model[kind]) ? model[kind] : {})) {
      if (isMapping(def) && def.file !== undefined) path(`the file of ${kind.slice(0, -1)} "${key}"`, def.file);
    }
  }
  for (const [key, def] of Object.entries(isMapping(model.volumes) ? model.volumes : {})) {
    const opts = isMapping(def) && isMapping(def.driver_opts) ? def.driver_opts : {};
    if (opts.device !== undefined && String(opts.o ?? '').split(',').includes('bind')) path(`the folder volume "${key}" binds`, opts.device);
  }
  return out;
}

function inside(ctx: ModelContext, p: string): boolean {
  const real = ctx.realpath(p);
  return real !== undefined && (real === ctx.root || real.startsWith(ctx.root.endsWith(sep) ? ctx.root : ctx.root + sep));
}

/** Each service has exactly rock-check's limits: a limit lent by `extends`, or one the derived file could not replace, refuses the file. */
function limitRefusals(s: string, svc: Record<string, unknown>, limits: Limits, refuse: (m: string) => void): void {
  const bytes = limits.memoryMb * 1024 * 1024;
  const expected: Record<string, number> = {
    mem_limit: bytes,
    memswap_limit: bytes,
    cpus: limits.cpus,
    pids_limit: limits.pids,
    shm_size: SHM_SIZE_MB * 1024 * 1024,
  };
  for (const k of OWN_LIMITS) {
    if (svc[k] === undefined || k === 'ulimits') continue;
    if (!(k in expected) || Number(svc[k]) !== expected[k]) refuse(`${s} sets ${k} itself (${String(svc[k])}); rock-check's own limits apply`);
  }
  for (const k of Object.keys(expected)) if (svc[k] === undefined) refuse(`${s} lost rock-check's ${k}`);
  const ulimits = isMapping(svc.ulimits) ? svc.ulimits : {};
  const same =
    Object.keys(ulimits).length === Object.keys(ULIMITS).length &&
    Object.entries(ULIMITS).every(([k, l]) => {
      const u = ulimits[k];
      const [soft, hard] = isMapping(u) ? [Number(u.soft ?? 0), Number(u.hard ?? 0)] : [Number(u ?? 0), Number(u ?? 0)];
      return soft === l.soft && hard === l.hard;
    });
  if (!same) refuse(`${s} sets ulimits itself; rock-check's own limits apply`);
  if (isMapping(svc.deploy) && svc.deploy.resources !== undefined) refuse(`${s} sets deploy.resources itself; rock-check's own limits apply`);
}

/** realpath for ModelContext: a path that does not exist yet (a bind mount Docker would create) is judged by its deepest existing folder. */
export function realpathOrParent(realpathSync: (p: string) => string): (p: string) => string | undefined {
  return (p) => {
    let rest = '';
    let at = p;
    for (let i = 0; i < 256; i++) {
      try {
        return join(realpathSync(at), rest);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
        const up = dirname(at);
        if (up === at) return undefined;
        rest = join(at.slice(up.length + 1), rest);
        at = up;
      }
    }
    return undefined;
  };
}
