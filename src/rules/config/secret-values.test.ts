import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../../profile/load.js';
import { disclosedSecret, isPlaceholder } from './secret-values.js';

describe('secret-values', () => {
  it('knows placeholders from real values', () => {
    for (const p of ['', 'your-secure-password-here', 'changeme', '<password>', '${DB_PASSWORD}', 'xxxx', 'your_password', 'example-password']) {
      expect(isPlaceholder(p), p).toBe(true);
    }
    for (const real of ['localpassword123', 'YourActualRDSPassword123!', 'Gr4nite-Quarry-77', 'hunter2']) {
      expect(isPlaceholder(real), real).toBe(false);
    }
  });

  it('finds secrets under secret-looking keys and inside connection URLs', () => {
    const profile = defaultProfile();
    expect(disclosedSecret('DB_PASSWORD', 'localpassword123', profile)).toEqual({ secret: 'localpassword123', inUrl: false });
    expect(disclosedSecret('DB_PASSWORD', 'changeme', profile)).toBeUndefined();
    expect(disclosedSecret('DB_HOST', 'postgres-db', profile)).toBeUndefined();
    expect(disclosedSecret('DATABASE_URL', 'postgres://u:s3cr3t-pw@h/db', profile)).toEqual({ secret: 's3cr3t-pw', inUrl: true });
    expect(disclosedSecret('DATABASE_URL', 'postgres://u@h/db', profile)).toBeUndefined();
  });
});
