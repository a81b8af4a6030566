import { describe, expect, it } from 'vitest';
import { urlAuthority } from './url-authority.js';

describe('urlAuthority', () => {
  it('reads the host and port of a URL, credentials and path aside', () => {
    expect(urlAuthority('postgresql://app:s3cret@db:5433/notes')).toEqual({ host: 'db', port: 5433 });
    expect(urlAuthority(' redis://cache/0 ')).toEqual({ host: 'cache' });
    expect(urlAuthority('http://[::1]:8000')).toEqual({ host: '[::1]', port: 8000 });
  });

  it('gives no port that is not a port, and nothing for a value that is not a URL', () => {
    expect(urlAuthority('redis://cache:abc')).toEqual({ host: 'cache' });
    expect(urlAuthority('http://api:70000/')).toEqual({ host: 'api' });
    expect(urlAuthority('db:5432')).toBeUndefined();
    expect(urlAuthority('db')).toBeUndefined();
  });
});
