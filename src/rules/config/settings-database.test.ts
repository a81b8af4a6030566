import { describe, expect, it } from 'vitest';
import { renderFinding } from '../../model/finding.js';
import { settingsDatabase } from './settings-database.js';
import { apiInput } from './test-input.js';

const check = (databases: string) =>
  settingsDatabase.check(apiInput({ 'rockproject/settings.py': `import os\n${databases}\n` })).map(renderFinding);

describe('RC-CF001 settings database', () => {
  it('accepts every usual way of reading the environment', () => {
    expect(
      check(`from os import getenv
from decouple import config
import environ
env = environ.Env()
DATABASES = {'default': {
    'ENGINE': os.getenv('DB_ENGINE', 'django.db.backends.postgresql'),
    'NAME': config('DB_NAME'),
    'USER': env.str('DB_USER'),
    'PASSWORD': os.environ['DB_PASSWORD'],
    'HOST': getenv('DB_HOST') or 'localhost',
    'PORT': str(os.environ.get('DB_PORT', 5432)),
}}`),
    ).toEqual([]);
  });

  it('fails settings that read the environment through a name they never import, at the read', () => {
    const databases = "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': os.getenv('DB_NAME'), 'USER': getenv('DB_USER'), 'PASSWORD': os.environ['DB_PASSWORD'], 'HOST': os.getenv('DB_HOST'), 'PORT': os.getenv('DB_PORT')}}";
    const read = (head: string, tail = '') => settingsDatabase.check(apiInput({ 'rockproject/settings.py': `${head}${databases}\n${tail}` })).map(renderFinding);
    expect(read('from pathlib import Path\n')).toEqual([
      'rockproject/settings.py:2:77: os (for os.getenv) is never imported in rockproject/settings.py: Django stops loading it with "NameError: name \'os\' is not defined"; add import os at the top of the file [RC-CF001]',
      'rockproject/settings.py:2:107: getenv is never imported in rockproject/settings.py: Django stops loading it with "NameError: name \'getenv\' is not defined"; add from os import getenv at the top of the file [RC-CF001]',
    ]);
    expect(read('import os as system\nfrom os import path, getenv\n')).toEqual([
      expect.stringMatching(/^rockproject\/settings\.py:3:77: os \(for os\.getenv\) is never imported in rockproject\/settings\.py/),
    ]);
    expect(read('', 'import os\nfrom os import getenv\n')).toEqual([
      expect.stringMatching(/^rockproject\/settings\.py:1:77: os \(for os\.getenv\) is used here but defined only at line 2: Python runs rockproject\/settings\.py from the top/),
      expect.stringMatching(/^rockproject\/settings\.py:1:107: getenv is used here but defined only at line 3: .*; move from os import getenv above this line \[RC-CF001\]$/),
    ]);
    // import os.path binds os too; a star import may bring anything.
    expect(read('import os.path\nfrom os import getenv\n')).toEqual([]);
    expect(read('from .base import *\n')).toEqual([]);
  });

  it('flags a hard-coded fallback password, redacted, but not a placeholder one', () => {
    const base = (fallback: string) => `DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': os.getenv('DB_NAME'),
 'USER': os.getenv('DB_USER'), 'PASSWORD': os.getenv('DB_PASSWORD', ${fallback}), 'HOST': os.getenv('DB_HOST'), 'PORT': os.getenv('DB_PORT')}}`;
    const found = check(base("'localpassword123'"));
    expect(found).toEqual([
      "rockproject/settings.py:3:69: hard-coded fallback password 'lo********23'; drop the default so the password comes only from DB_PASSWORD [RC-CF001]",
    ]);
    expect(found.join('')).not.toContain('localpassword123');
    expect(check(base("''"))).toEqual([]);
    expect(check(base("'changeme'"))).toEqual([]);
  });

  it('grades the PostgreSQL block when SQLite is kept for tests', () => {
    const found = check(`DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': os.getenv('DB_NAME'),
 'USER': os.getenv('DB_USER'), 'PASSWORD': os.getenv('DB_PASSWORD'), 'HOST': os.getenv('DB_HOST'), 'PORT': os.getenv('DB_PORT')}}
if 'test' in sys.argv:
    DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'test.db'}}`);
    expect(found).toEqual([]);
  });

  it('says what is missing when keys or the default entry are absent', () => {
    expect(check("DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': os.getenv('DB_NAME')}}")).toEqual([
      "rockproject/settings.py:2:25: DATABASES['default'] has no USER; add 'USER': os.getenv('DB_USER') [RC-CF001]",
      "rockproject/settings.py:2:25: DATABASES['default'] has no PASSWORD; add 'PASSWORD': os.getenv('DB_PASSWORD') [RC-CF001]",
      "rockproject/settings.py:2:25: DATABASES['default'] has no HOST; add 'HOST': os.getenv('DB_HOST') [RC-CF001]",
      "rockproject/settings.py:2:25: DATABASES['default'] has no PORT; add 'PORT': os.getenv('DB_PORT') [RC-CF001]",
    ]);
    expect(check("DATABASES = {'other': {}}")).toEqual(["rockproject/settings.py:2:13: DATABASES has no 'default' entry, the connection Django uses [RC-CF001]"]);
    expect(check('DATABASES = dj_database_url.config()')).toEqual([
      "rockproject/settings.py:2:13: DATABASES is not a dict literal: write it as {'default': {...}} with every value read from the environment [RC-CF001]",
    ]);
  });

  it('names an unknown engine', () => {
    expect(check("DATABASES = {'default': {'ENGINE': 'django.db.backends.mysql'}}")[0]).toContain(
      "ENGINE is 'django.db.backends.mysql'; use 'django.db.backends.postgresql'",
    );
  });

  it('finds the settings of a project not named rockproject', () => {
    const input = apiInput({ 'myproject/settings.py': "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3'}}\n" });
    expect(input.settings.path).toBe('myproject/settings.py');
    expect(settingsDatabase.check(input).map((f) => f.file)).toEqual(['myproject/settings.py']);
  });
});
