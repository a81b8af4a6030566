/**
 * An env file read exactly as `docker run --env-file` reads it: leading
 * blanks dropped, `#` lines skipped, the key is what precedes the first `=`,
 * and the value is everything after it, untouched: no quote removal, no
 * inline-comment stripping, trailing blanks kept. A line ending's CR is
 * dropped (Go's line scanner does so). A key containing blanks makes Docker
 * refuse the file; a key without `=` is taken from the caller's environment,
 * which a grader does not share, so it is left unset.
 */
export interface DockerEnvEntry {
  key: string;
  value: string;
  line: number;
}

export interface DockerEnvFile {
  entries: DockerEnvEntry[];
  /** Keys given without `=` (pass-through from the shell that runs docker). */
  passThrough: { key: string; line: number }[];
  /** Why `docker run` would refuse the file, if it would. */
  error?: { line: number; message: string };
}

const BLANKS = /^[ \t]+/;

export function readDockerEnvFile(text: string): DockerEnvFile {
  const entries: DockerEnvEntry[] = [];
  const passThrough: DockerEnvFile['passThrough'] = [];
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const lines = body.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = lines[i];
    if (line.endsWith('\r')) line = line.slice(0, -1);
    line = line.replace(BLANKS, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = (eq < 0 ? line : line.slice(0, eq)).replace(BLANKS, '');
    if (key === '') return { entries, passThrough, error: { line: lineNo, message: `no variable name on line '${line}'` } };
    if (/[ \t]/.test(key)) {
      return { entries, passThrough, error: { line: lineNo, message: `variable '${key}' contains whitespaces` } };
    }
    if (eq < 0) passThrough.push({ key, line: lineNo });
    else entries.push({ key, value: line.slice(eq + 1), line: lineNo });
  }
  return { entries, passThrough };
}

/** The environment the container gets: later lines win, as with Docker. */
export function envRecord(file: DockerEnvFile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of file.entries) out[e.key] = e.value;
  return out;
}
