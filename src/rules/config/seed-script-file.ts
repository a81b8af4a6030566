import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import type { ConfigInput } from './input.js';
import { findingOf, shortName } from './report-finding.js';

const SYMLINK_MODE = '120000';

/** A git (or stat) mode string such as 100755 grants execution to someone. */
function isExecutable(mode: string): boolean {
  const bits = parseInt(mode, 8);
  return mode === SYMLINK_MODE || (!Number.isNaN(bits) && (bits & 0o111) !== 0);
}

export const seedScriptFile = defineRule<ConfigInput>({
  id: 'RC-CF007',
  name: 'rock-of-ages/seed-script-file',
  title: 'Seed script present, executable, with LF line endings',
  severity: 'error',
  docs:
    'The api container runs ./seed_database.sh at every start. It must be committed with the executable bit (git mode 100755; ' +
    'a bind mount of the source over /app hides the image\'s chmod +x), start with a shebang such as #!/bin/bash, and use LF ' +
    'line endings: with CRLF, bash reads "migrate\\r" and "/bin/bash\\r" and the script fails.',
  check({ seed, apiDir }): Finding[] {
    const name = shortName(seed.path, apiDir);
    const at = (pos: Parameters<typeof findingOf>[2], message: string, hint?: string) => findingOf(seedScriptFile, seed.path, pos, message, hint);
    if (!seed.file) return [at(undefined, `${name} is missing: the api runs it to migrate the database and load the fixtures`)];
    if (!seed.parsed) return [at(undefined, `${name} ${seed.unreadable ?? 'is not a text file'}`)];
    const script = seed.parsed;
    if (script.text.trim() === '') return [at(undefined, `${name} is empty: it should migrate the database and load the fixtures`)];
    const out: Finding[] = [];
    const git = seed.file.git;
    if (git && !git.tracked) {
      out.push(at(undefined, `${name} is not committed: git add ${name}`));
    } else if (git?.mode !== undefined && !isExecutable(git.mode)) {
      out.push(
        at(undefined, `${name} is not executable (git mode ${git.mode}); run git update-index --chmod=+x ${name} and chmod +x ${name}, then commit`),
      );
    } else if (!git && seed.file.executable === false) {
      out.push(at(undefined, `${name} is not executable; run chmod +x ${name} (a bind mount of the source over /app keeps this file's mode)`));
    }
    if (script.bom) {
      out.push(at({ line: 1, column: 1 }, `${name} starts with a byte order mark, which hides the shebang; save it as UTF-8 without BOM`));
    } else if (script.shebang === undefined) {
      out.push(at({ line: 1, column: 1 }, `${name} does not start with a shebang; make the first line #!/bin/bash`));
    }
    if (script.firstCr) {
      const count = script.crCount === 1 ? '1 carriage return' : `${script.crCount} carriage returns`;
      out.push(
        at(
          script.firstCr,
          `${name} has Windows line endings (${count}): bash then fails on the stray \\r; convert it to LF (dos2unix ${name}, or set your editor to LF)`,
        ),
      );
    }
    return out;
  },
});
