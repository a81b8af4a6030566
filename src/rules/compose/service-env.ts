import type { Finding } from '../../model/finding.js';
import { parseDotenv } from './dotenv.js';
import { resolveInside } from './host-paths.js';
import type { AnyProfile } from '../../profile/profile.js';
import { locate, type ComposeInput } from './input.js';
import { interpolate } from './interpolate.js';
import { envFileRefs, environmentEntries, type EnvFileRef } from './service-data.js';

/** One variable a service's container gets, and where it is set. */
export interface EnvValue {
  key: string;
  /** After `${VAR}` substitution; undefined when compose would take it from the shell. */
  value: string | undefined;
  /** As written, before substitution. */
  written: string | undefined;
  /** Variables used without a default that the `.env` next to the compose file does not set. */
  unsetVariables: string[];
  where: Pick<Finding, 'file' | 'line' | 'column'>;
}

export interface ServiceEnv {
  values: Map<string, EnvValue>;
  /** env_file entries whose file is not in the submission. */
  missingFiles: EnvFileRef[];
}

/** The variables a service gets from its env_file files (later files win) and its environment (wins over both). */
export function serviceEnvironment(input: ComposeInput<AnyProfile>, name: string): ServiceEnv {
  const service = input.services[name] ?? {};
  const base = ['services', name];
  const values = new Map<string, EnvValue>();
  const missingFiles: EnvFileRef[] = [];
  const set = (key: string, written: string | undefined, where: EnvValue['where']) => {
    const sub = written === undefined ? undefined : interpolate(written, input.variables);
    values.set(key, { key, written, value: sub?.value, unsetVariables: sub?.missing ?? [], where });
  };
  for (const ref of envFileRefs(service, base)) {
    const path = resolveInside(input.dir, ref.written);
    const text = path === undefined ? undefined : input.files[path]?.text;
    if (path === undefined || text === undefined) {
      missingFiles.push(ref);
      continue;
    }
    for (const e of parseDotenv(text)) set(e.key, e.value, { file: path, line: e.line, column: e.column });
  }
  for (const e of environmentEntries(service, base)) set(e.key, e.value, locate(input, e.path));
  return { values, missingFiles };
}
