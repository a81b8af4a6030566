import { describe, expect, it } from 'vitest';
import { isSecretName } from './no-baked-secrets.js';

describe('isSecretName', () => {
  it('recognises passwords, secrets, tokens and keys', () => {
    for (const name of ['DB_PASSWORD', 'POSTGRES_PASSWORD', 'AWS_SECRET_ACCESS_KEY', 'SECRET_KEY', 'DJANGO_SECRET_KEY', 'GITHUB_TOKEN', 'API_KEY', 'apikey', 'dbPassword'.toUpperCase()]) {
      expect(isSecretName(name), name).toBe(true);
    }
  });
  it('leaves other names alone', () => {
    for (const name of ['PYTHONDONTWRITEBYTECODE', 'PIPENV_VENV_IN_PROJECT', 'DB_USER', 'TOKENIZERS_PARALLELISM', 'GPG_KEY', 'SECRET_KEY_FILE', 'KEYBOARD', 'AWS_ACCESS_KEY_ID']) {
      expect(isSecretName(name), name).toBe(false);
    }
  });
});
