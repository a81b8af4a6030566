import type { Arg, Env, Property } from 'dockerfile-ast';
import type { Finding } from '../../model/finding.js';
import { redact } from '../../model/redact.js';
import { defineRule, type Rule } from '../rule.js';
import { finding } from './findings.js';
import type { DockerfileInput } from './input.js';
import { needsDockerfileText } from './requires.js';

export const noBakedSecrets: Rule<DockerfileInput> = defineRule({
  id: 'RC-DF005',
  name: 'dockerfile/no-baked-secrets',
  title: 'No secrets baked into the image',
  severity: 'error',
  docs:
    'ENV and ARG values are stored in the image: anyone who pulls it can read them with docker inspect ' +
    'or docker history. Passwords, secret keys and tokens (DB_PASSWORD, SECRET_KEY, AWS_SECRET_ACCESS_KEY, ...) ' +
    'must come at run time, from --env-file / env_file or the deploy workflow\'s secrets, never from the Dockerfile.',
  requires: needsDockerfileText,
  check(input) {
    const out: Finding[] = [];
    for (const i of input.ast?.getInstructions() ?? []) {
      const keyword = i.getKeyword();
      if (keyword !== 'ENV' && keyword !== 'ARG') continue;
      const properties = keyword === 'ENV' ? (i as Env).getProperties() : [(i as Arg).getProperty()];
      for (const p of properties) {
        if (!p || !isSecretName(p.getName())) continue;
        const value = literalValue(p);
        if (value === undefined) continue;
        const what = keyword === 'ENV' ? `ENV ${p.getName()} stores a secret in the image` : `ARG ${p.getName()} has a secret default, kept in the image history`;
        out.push(
          finding(
            noBakedSecrets,
            input,
            p.getNameRange().start,
            `${what} ("${redact(value)}"); remove the value from the Dockerfile and pass it at run time (--env-file .env.local, env_file in compose, or a secret in the deploy workflow)`,
          ),
        );
      }
    }
    return out;
  },
});

const secretWords = /(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL)S?$/;
const secretKeys = new Set(['KEY', 'APIKEY', 'ACCESSKEY', 'PRIVATEKEY', 'AUTHKEY', 'SECRETKEY']);
/** Names that hold where a secret is, or a public value, not the secret itself. */
const notSecret = new Set(['FILE', 'PATH', 'DIR', 'URL', 'ID', 'GPG', 'PUBLIC', 'FINGERPRINT']);

export function isSecretName(name: string): boolean {
  const words = name.toUpperCase().split(/[_.-]+/);
  if (words.some((w) => notSecret.has(w))) return false;
  return words.some((w) => secretWords.test(w) || secretKeys.has(w));
}

/** The value when it is written out in the Dockerfile; undefined when empty or taken from a variable. */
function literalValue(p: Property): string | undefined {
  const value = p.getValue();
  if (value === null || value.trim() === '' || value.includes('$')) return undefined;
  return value;
}
