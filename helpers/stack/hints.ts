import { isCourseProfile, type AnyProfile, type Profile } from '../../src/profile/profile.js';

interface KnownCause {
  /** What in the log (or exit code) shows the cause; returns the hint, or undefined. */
  match: (logText: string, exitCode: number | undefined, profile: Profile) => string | undefined;
  /** Its hint speaks of Rock of Ages' settings (seed script, env keys, database): only that profile's students get it. */
  course?: boolean;
  /**
   * The process cannot get past it by retrying: the configuration is wrong,
   * so waiting out the readiness budget would only delay the verdict.
   */
  fatal?: boolean;
}

const when =
  (test: (logText: string, exitCode: number | undefined) => boolean, hint: (profile: Profile) => string) =>
  (logText: string, exitCode: number | undefined, profile: Profile) =>
    test(logText, exitCode) ? hint(profile) : undefined;

/** The causes of a failed start that the course's students meet, most specific first. */
const KNOWN_CAUSES: KnownCause[] = [
  {
    course: true,
    match: when(
      (log) => /\$'\\r': command not found|bad interpreter|\^M\b|\\r': No such file/.test(log),
      (p) => `${p.seed.script} has Windows (CRLF) line endings; save it with LF endings (e.g. git config core.autocrlf input, then re-checkout, or run dos2unix ${p.seed.script})`,
    ),
  },
  {
    course: true,
    match: when(
      (log) => /cannot execute: required file not found/.test(log),
      (p) => `the script's first line names an interpreter that does not exist; with "#!/bin/bash" this is almost always Windows (CRLF) line endings in ${p.seed.script}: save it with LF endings`,
    ),
  },
  {
    course: true,
    match: when(
      (log, code) => code === 126 || /permission denied[^\n]*seed|seed[^\n]*permission denied/i.test(log),
      (p) => `${p.seed.script} is not executable; run chmod +x ${p.seed.script} and commit the mode (git update-index --chmod=+x ${p.seed.script})`,
    ),
  },
  {
    course: true,
    fatal: true,
    match: when(
      (log) => /server does not support SSL/i.test(log),
      (p) => `the local database has no SSL: set ${p.env.sslmodeKey}=disable in the env file for local runs and let settings.py read sslmode from ${p.env.sslmodeKey}`,
    ),
  },
  {
    course: true,
    fatal: true,
    match: (log, _code, p) => {
      const unresolved = /could not translate host name "([^"]+)"/i.exec(log);
      return unresolved ? `${p.env.hostKey} names "${unresolved[1]}", which no container on the network is called; set ${p.env.hostKey}=${p.database.alias}` : undefined;
    },
  },
  {
    course: true,
    fatal: true,
    match: when(
      (log) => /(localhost|127\.0\.0\.1|::1)[\s\S]{0,200}Connection refused|Connection refused[\s\S]{0,200}(localhost|127\.0\.0\.1|::1)/i.test(log),
      (p) => `${p.env.hostKey} points at the api container itself (localhost); inside Docker the database is another container: set ${p.env.hostKey}=${p.database.alias}`,
    ),
  },
  {
    course: true,
    fatal: true,
    match: (log, _code, p) => {
      const auth = /password authentication failed for user "([^"]+)"/i.exec(log);
      return auth
        ? `the database refused user "${auth[1]}": the env file's database user and password must match the database's (${p.database.user} / the course's local password)`
        : undefined;
    },
  },
  {
    course: true,
    fatal: true,
    match: (log, _code, p) => {
      const noDb = /database "([^"]+)" does not exist/i.exec(log);
      return noDb ? `the database "${noDb[1]}" does not exist: the env file's database name must be ${p.database.name}` : undefined;
    },
  },
  {
    match: when(
      (log) => /DisallowedHost|Invalid HTTP_HOST header/i.test(log),
      () => 'Django refuses the host name: add "localhost" (or "*" for local runs) to ALLOWED_HOSTS',
    ),
  },
  {
    match: when(
      (log) => /Error: That port is already in use|Address already in use/i.test(log),
      () => 'another process in the container already uses the port',
    ),
  },
  {
    match: when(
      (log, code) => code === 127 || /: not found$|command not found/m.test(log),
      () => 'a command the container runs does not exist in the image; check CMD and the packages the Dockerfile installs',
    ),
  },
  {
    fatal: true,
    match: when(
      (log) => /can't fork|cannot fork|fork: retry|fork: Resource temporarily unavailable|Cannot allocate memory[^\n]*fork/i.test(log),
      (p) => `a process could not start another: the container ran out of its ${p.runtime.pids} processes (a fork bomb, or a server spawning workers without bound)`,
    ),
  },
  {
    match: when(
      (_log, code) => code === 137,
      () => 'the container was killed (out of memory, or stopped from outside)',
    ),
  },
];

function firstHint(causes: KnownCause[], logText: string, exitCode: number | undefined, profile: AnyProfile): string | undefined {
  for (const cause of causes) {
    if (cause.course && !isCourseProfile(profile)) continue;
    // A cause not marked `course` reads only what every profile has (runtime).
    const hint = cause.match(logText, exitCode, profile as Profile);
    if (hint) return hint;
  }
  return undefined;
}

/**
 * What a container's failure most likely means, from its exit code and last
 * log lines, when the cause is one the course's students meet.
 */
export function hintFor(logText: string, exitCode: number | undefined, profile: AnyProfile): string | undefined {
  return firstHint(KNOWN_CAUSES, logText, exitCode, profile);
}

/** The hint for a cause in a running container's log that no amount of waiting gets past, if there is one. */
export function fatalHint(logText: string, profile: AnyProfile): string | undefined {
  return firstHint(
    KNOWN_CAUSES.filter((c) => c.fatal),
    logText,
    undefined,
    profile,
  );
}
