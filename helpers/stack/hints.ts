import type { Profile } from '../../src/profile/profile.js';

/**
 * What a container's failure most likely means, from its exit code and last
 * log lines, when the cause is one the course's students meet.
 */
export function hintFor(logText: string, exitCode: number | undefined, profile: Profile): string | undefined {
  const host = profile.env.hostKey;
  const alias = profile.database.alias;
  const ssl = profile.env.sslmodeKey;
  const script = profile.seed.script;
  if (/\$'\\r': command not found|bad interpreter|\^M\b|\\r': No such file/.test(logText)) {
    return `${script} has Windows (CRLF) line endings; save it with LF endings (e.g. git config core.autocrlf input, then re-checkout, or run dos2unix ${script})`;
  }
  if (/cannot execute: required file not found/.test(logText)) {
    return `the script's first line names an interpreter that does not exist; with "#!/bin/bash" this is almost always Windows (CRLF) line endings in ${script}: save it with LF endings`;
  }
  if (exitCode === 126 || /permission denied[^\n]*seed|seed[^\n]*permission denied/i.test(logText)) {
    return `${script} is not executable; run chmod +x ${script} and commit the mode (git update-index --chmod=+x ${script})`;
  }
  if (/server does not support SSL/i.test(logText)) {
    return `the local database has no SSL: set ${ssl}=disable in the env file for local runs and let settings.py read sslmode from ${ssl}`;
  }
  const unresolved = /could not translate host name "([^"]+)"/i.exec(logText);
  if (unresolved) {
    return `${host} names "${unresolved[1]}", which no container on the network is called; set ${host}=${alias}`;
  }
  if (/(localhost|127\.0\.0\.1|::1)[\s\S]{0,200}Connection refused|Connection refused[\s\S]{0,200}(localhost|127\.0\.0\.1|::1)/i.test(logText)) {
    return `${host} points at the api container itself (localhost); inside Docker the database is another container: set ${host}=${alias}`;
  }
  const auth = /password authentication failed for user "([^"]+)"/i.exec(logText);
  if (auth) {
    return `the database refused user "${auth[1]}": the env file's database user and password must match the database's (${profile.database.user} / the course's local password)`;
  }
  const noDb = /database "([^"]+)" does not exist/i.exec(logText);
  if (noDb) return `the database "${noDb[1]}" does not exist: the env file's database name must be ${profile.database.name}`;
  if (/DisallowedHost|Invalid HTTP_HOST header/i.test(logText)) {
    return 'Django refuses the host name: add "localhost" (or "*" for local runs) to ALLOWED_HOSTS';
  }
  if (/Error: That port is already in use|Address already in use/i.test(logText)) return 'another process in the container already uses the port';
  if (exitCode === 127 || /: not found$|command not found/m.test(logText)) {
    return 'a command the container runs does not exist in the image; check CMD and the packages the Dockerfile installs';
  }
  if (exitCode === 137) return 'the container was killed (out of memory, or stopped from outside)';
  return undefined;
}
