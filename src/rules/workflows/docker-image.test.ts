import { describe, expect, it } from 'vitest';
import { imageArgument, pullPolicy } from './docker-image.js';
import { shellCommands } from './shell-words.js';

/** The words after `docker run` / `docker pull` in a command line. */
const argsOf = (line: string) => shellCommands(line)[0].slice(2);

describe('imageArgument', () => {
  it('skips the options of docker run and their values', () => {
    const image = (line: string) => imageArgument('run', argsOf(line))?.text;
    expect(image('docker run -d --name api -p 80:8000 -e DB_NAME=x --env=DB_USER=y "$IMAGE"')).toBe('$IMAGE');
    expect(image('docker run -itd --rm -eDB_HOST=h -v /data:/data --restart always img:1 python manage.py')).toBe('img:1');
    expect(image('docker run --detach --pull always -dp 80:8000 registry.example/api')).toBe('registry.example/api');
    expect(image('docker run -d -- img')).toBe('img');
    expect(image('docker run -d --name api')).toBeUndefined();
  });

  it('skips the options of docker pull', () => {
    expect(imageArgument('pull', argsOf('docker pull -q --platform linux/amd64 "$IMAGE"'))?.text).toBe('$IMAGE');
    expect(imageArgument('pull', argsOf('docker pull --all-tags repo/img'))?.text).toBe('repo/img');
  });
});

describe('pullPolicy', () => {
  it('reads --pull before the image, missing by default', () => {
    expect(pullPolicy(argsOf('docker run -d --pull always img'))).toBe('always');
    expect(pullPolicy(argsOf('docker run -d --pull=never img'))).toBe('never');
    expect(pullPolicy(argsOf('docker run -d img'))).toBe('missing');
    expect(pullPolicy(argsOf('docker run -d img app --pull always'))).toBe('missing');
  });
});
