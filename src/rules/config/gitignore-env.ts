import type { Finding } from '../../model/finding.js';
import { isIgnored } from '../../parsers/gitignore.js';
import { defineRule } from '../rule.js';
import { ignoreFact, secretEnvFiles } from './ignore-facts.js';
import type { ConfigInput } from './input.js';
import { findingOf, shortName } from './report-finding.js';

export const gitignoreEnv = defineRule<ConfigInput>({
  id: 'RC-CF005',
  name: 'rock-of-ages/gitignore-env',
  title: '.gitignore covers the env files',
  severity: 'error',
  docs:
    'An env file with real values (.env, .env.local: a password that is not a placeholder) must be kept out of git by ' +
    'the api repository\'s .gitignore (a line such as .env, .env*, *.local or .env.local). GitHub\'s Python template, which ' +
    'ignores .env, is enough as long as no other env file with real values lies in the folder. Fails only where such a ' +
    'file is present (or tracked) and not ignored, so that a plain git add would commit it. A .gitignore that also ignores ' +
    'an uncommitted .env.example fails too (add !.env.example after the pattern).',
  check(input): Finding[] {
    const { gitignore, profile, envExample, apiDir } = input;
    const at = (pos: Parameters<typeof findingOf>[2], message: string) => findingOf(gitignoreEnv, gitignore.path, pos, message);
    const out: Finding[] = [];
    for (const env of secretEnvFiles(input)) {
      const name = shortName(env.path, apiDir);
      const fact = ignoreFact(input, env.path);
      const holds = `${name} holds real values`;
      switch (fact.kind) {
        case 'ignored':
          break;
        case 'no-gitignore':
          out.push(at(undefined, `${holds} and there is no .gitignore, so git add would commit it; add a .gitignore with the line ${name}`));
          break;
        case 'unreadable-gitignore':
          out.push(at(undefined, `${holds} and .gitignore ${gitignore.unreadable ?? 'is not a text file'}, so git cannot read it; write it again as text with the line ${name}`));
          break;
        case 'not-ignored':
          if (fact.reIncludedBy) out.push(at(fact.reIncludedBy.pos, `'!${fact.reIncludedBy.pattern}' re-includes ${name}, which holds real values, so git would commit it; remove that line`));
          else if (fact.folderOnly) out.push(at(fact.folderOnly.pos, `'${fact.folderOnly.pattern}' only matches a folder, so ${name}, which holds real values, is not ignored; add a line ${name}`));
          else out.push(at(undefined, `.gitignore does not cover ${name}, which holds real values, so git add would commit it; add a line ${name}`));
      }
    }
    if (!gitignore.parsed || !envExample.file || envExample.file.git?.tracked === true) return out;
    const example = profile.env.exampleFile;
    const exampleVerdict = isIgnored(gitignore.parsed, shortName(envExample.path, apiDir));
    if (exampleVerdict.ignored && exampleVerdict.decidedBy) {
      out.push(at(exampleVerdict.decidedBy.pos, `'${exampleVerdict.decidedBy.pattern}' also ignores ${example}, which should be committed; add a line !${example} after it`));
    }
    return out;
  },
});
