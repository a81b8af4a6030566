import type { Finding } from '../../model/finding.js';
import { isIgnored } from '../../parsers/gitignore.js';
import { defineRule } from '../rule.js';
import type { ConfigInput } from './input.js';
import { findingOf } from './report-finding.js';

export const gitignoreEnv = defineRule<ConfigInput>({
  id: 'RC-CF005',
  title: '.gitignore covers the env files',
  severity: 'error',
  docs:
    'The api repository\'s .gitignore must keep .env and .env.local out of git (lines such as .env, .env*, *.local or ' +
    '.env.local), while .env.example stays committable (add !.env.example after a .env* pattern).',
  check({ gitignore, profile, envExample }): Finding[] {
    const at = (pos: Parameters<typeof findingOf>[2], message: string) => findingOf(gitignoreEnv, gitignore.path, pos, message);
    const names = profile.env.localFiles;
    if (!gitignore.file) return [at(undefined, `.gitignore is missing: add one with the lines ${names.join(' and ')}`)];
    if (!gitignore.parsed) return [at(undefined, '.gitignore is not a text file')];
    const out: Finding[] = [];
    for (const name of names) {
      const verdict = isIgnored(gitignore.parsed, name);
      if (verdict.ignored) continue;
      if (verdict.decidedBy) {
        out.push(at(verdict.decidedBy.pos, `'!${verdict.decidedBy.pattern}' re-includes ${name}, so git would commit it; remove that line`));
      } else {
        const folderOnly = gitignore.parsed.patterns.find((p) => p.dirOnly && !p.negated && p.regex.test(name));
        out.push(
          folderOnly
            ? at(folderOnly.pos, `'${folderOnly.pattern}' only matches a folder, so the file ${name} is not ignored; add a line ${name}`)
            : at(undefined, `.gitignore does not cover ${name}; add a line ${name}`),
        );
      }
    }
    const example = profile.env.exampleFile;
    const exampleVerdict = isIgnored(gitignore.parsed, example);
    const exampleTracked = envExample.file?.git?.tracked === true;
    if (exampleVerdict.ignored && exampleVerdict.decidedBy && !exampleTracked) {
      out.push(at(exampleVerdict.decidedBy.pos, `'${exampleVerdict.decidedBy.pattern}' also ignores ${example}, which should be committed; add a line !${example} after it`));
    }
    return out;
  },
});
