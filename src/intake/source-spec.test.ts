import { describe, expect, it } from 'vitest';
import { IntakeError } from './intake-error.js';
import { parseSource, refProblem, scrubCredentials, stripCredentials, type GitSource } from './source-spec.js';

describe('parseSource: accepted git URLs', () => {
  it.each([
    ['https://github.com/student/rock-of-ages-api.git', 'https://github.com/student/rock-of-ages-api.git', undefined, undefined],
    ['https://github.com/student/rock-of-ages-api#main', 'https://github.com/student/rock-of-ages-api', 'main', undefined],
    ['https://github.com/s/api.git#v1.2', 'https://github.com/s/api.git', 'v1.2', undefined],
    ['https://github.com/s/api.git#feature/compose', 'https://github.com/s/api.git', 'feature/compose', undefined],
    ['ssh://git@github.com/student/api.git', 'ssh://git@github.com/student/api.git', undefined, 'ssh://github.com/student/api.git'],
    [
      'ssh://git@host:2222/srv/api.git#0123456789abcdef0123456789abcdef01234567',
      'ssh://git@host:2222/srv/api.git',
      '0123456789abcdef0123456789abcdef01234567',
      'ssh://host:2222/srv/api.git#0123456789abcdef0123456789abcdef01234567',
    ],
    ['git@github.com:student/api.git', 'git@github.com:student/api.git', undefined, undefined],
    ['git@github.com:student/api.git#dev', 'git@github.com:student/api.git', 'dev', undefined],
    ['file:///srv/repos/api.git', 'file:///srv/repos/api.git', undefined, undefined],
    ['file:///srv/repos/api.git#main', 'file:///srv/repos/api.git', 'main', undefined],
    ['file://localhost/srv/repos/api.git', 'file://localhost/srv/repos/api.git', undefined, undefined],
    ['HTTPS://example.com/a/b', 'HTTPS://example.com/a/b', undefined, undefined],
  ])('%s', (named, url, ref, display) => {
    const spec = parseSource(named) as GitSource;
    expect(spec.kind).toBe('git');
    expect(spec.url).toBe(url);
    expect(spec.ref).toBe(ref);
    expect(spec.display).toBe(display ?? named);
  });
});

describe('parseSource: credentials never shown', () => {
  it.each([
    ['https://student:s3cretPass@github.com/student/api.git', 'https://github.com/student/api.git', ['s3cretPass']],
    ['https://ghp_abcdefghijklmnop@github.com/s/api#main', 'https://github.com/s/api#main', ['ghp_abcdefghijklmnop']],
    ['https://user:p%40ssword@host.example/r.git', 'https://host.example/r.git', ['p%40ssword', 'p@ssword']],
    ['ssh://git:hunter22@host/r.git', 'ssh://host/r.git', ['hunter22']],
    ['https://ab:cd@host/r.git', 'https://host/r.git', []],
  ])('%s', (named, display, secrets) => {
    const spec = parseSource(named) as GitSource;
    expect(spec.display).toBe(display);
    expect(spec.url).toBe(named.replace(/#.*/, ''));
    expect(spec.secrets.sort()).toEqual(secrets.sort());
  });

  it('keeps credentials out of refusal messages', () => {
    expect(() => parseSource('http://u:topsecret@host/r.git')).toThrow(/^refused source http:\/\/host\/r\.git: /);
    expect(() => parseSource('https://u:topsecret@host/r.git#-x')).not.toThrow(/topsecret/);
    expect(() => parseSource('https://u:topsecret@host/r.git#-x')).toThrow(/starts with "-"/);
  });

  it('stripCredentials and scrubCredentials remove user information', () => {
    expect(stripCredentials('https://a:b@c@host/x')).toBe('https://host/x');
    expect(stripCredentials('git@github.com:s/a.git')).toBe('git@github.com:s/a.git');
    expect(scrubCredentials("fatal: unable to access 'https://u:pw@host/x/': failed", ['pw'])).toBe(
      "fatal: unable to access 'https://host/x/': failed",
    );
    expect(scrubCredentials('token tok3nvalue leaked', ['tok3nvalue'])).toBe('token *** leaked');
    expect(scrubCredentials('could not connect', ['u', 'on'])).toBe('could not connect');
  });
});

describe('parseSource: refused forms', () => {
  it.each([
    ['ext::sh -c touch% /tmp/pwned', /a URL may not contain whitespace/],
    ['ext::ssh', /remote-helper transports \("ext::"\) are not accepted/],
    ['fd::17', /remote-helper transports \("fd::"\)/],
    ['persistent-https::host/repo', /remote-helper transports/],
    ['http://github.com/s/api.git', /plain http:\/\/ sends the repository unencrypted; use https:\/\//],
    ['git://github.com/s/api.git', /the "git:\/\/" scheme is not accepted/],
    ['ftp://host/repo', /the "ftp:\/\/" scheme is not accepted/],
    ['--upload-pack=touch /tmp/x', /starts with "-" and could be read as an option/],
    ['-oProxyCommand=x', /starts with "-"/],
    ['ssh://-oProxyCommand=calc/x', /host or user name starts with "-"/],
    ['ssh://-u@host/x', /host or user name starts with "-"/],
    ['-u@host:x', /starts with "-"/],
    ['git@-host:x', /host or user name starts with "-"/],
    ['git@host:-x', /repository path starts with "-"/],
    ['https://github.com/s/api.git#--upload-pack=x', /the ref "--upload-pack=x" starts with "-"/],
    ['https://github.com/s/api.git#', /the ref after "#" is empty/],
    ['https://github.com/s/api.git#a..b', /not a valid branch, tag or commit name/],
    ['https://github.com/s/api.git#ma:in', /not a valid branch, tag or commit name/],
    ['https://github.com/s/a b.git', /may not contain whitespace/],
    ['https://github.com/s/api.git\n--upload-pack=x', /control characters/],
    ['https://github.com/s/api%0a.git', /may not contain whitespace or control characters/],
    ['git@github.com:s/api.git#dev\tx', /control characters/],
    ['ssh:///srv/repo.git', /names no host/],
    ['https://github.com', /names no repository path/],
    ['file://otherhost/srv/repo', /must name a local path/],
    ['file://u:pass@localhost/srv/repo', /^refused source file:\/\/localhost\/srv\/repo: it is not a valid URL$/],
    ['', /the source is empty/],
    ['   ', /the source is empty/],
  ])('%j', (named, why) => {
    expect(() => parseSource(named)).toThrow(IntakeError);
    expect(() => parseSource(named)).toThrow(why);
  });
});

describe('parseSource: local folders', () => {
  it.each(['.', './rock-of-ages-development', '/home/me/My Submissions/student 1', 'folder#1', './-odd', 'C-drive:stuff'])(
    '%s',
    (named) => {
      expect(parseSource(named)).toEqual({ kind: 'local', path: named, display: named });
    },
  );
});

describe('refProblem', () => {
  it.each(['main', 'v1.0.0', 'feature/x', 'release-2024', '0123abc'])('accepts %s', (ref) => {
    expect(refProblem(ref)).toBeUndefined();
  });
  it.each(['-b', 'a b', 'a..b', 'a~1', 'a^', 'x:y', '*', 'a[1]', '@', 'x@{1}', '/x', 'x/', 'x.', 'x.lock', 'a//b', 'a\\b'])(
    'refuses %j',
    (ref) => {
      expect(refProblem(ref)).toBeDefined();
    },
  );
});
