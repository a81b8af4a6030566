import { describe, expect, it } from 'vitest';
import { parseShellScript } from '../../parsers/shell-script.js';
import { fixtureLabel, manageCommands } from './manage-commands.js';

const commands = (text: string) =>
  manageCommands(parseShellScript('seed_database.sh', text)).map((c) => [c.subcommand, ...c.args.map((a) => a.text)].join(' '));

describe('manage-commands', () => {
  it('finds manage.py whatever runs it, without options', () => {
    expect(
      commands(
        'pipenv run python manage.py migrate --noinput\n./manage.py loaddata users\nDJANGO_SETTINGS_MODULE=x django-admin loaddata tokens\nif true; then python3 /app/manage.py loaddata types; fi\n',
      ),
    ).toEqual(['migrate', 'loaddata users', 'loaddata tokens', 'loaddata types']);
  });

  it('expands a for loop over fixture names', () => {
    expect(commands('for f in users tokens; do\n  python manage.py loaddata "$f"\ndone\npython manage.py loaddata ${f}\n')).toEqual([
      'loaddata users tokens',
      'loaddata ${f}',
    ]);
  });

  it('ignores commented-out commands', () => {
    expect(commands('# python manage.py migrate\necho "python manage.py migrate"\n')).toEqual([]);
  });

  it('reduces fixture arguments to labels', () => {
    expect(['users', 'users.json', 'rockapi/fixtures/rocks.json', 'types.json.gz', 'tokens.yaml'].map(fixtureLabel)).toEqual([
      'users',
      'users',
      'rocks',
      'types',
      'tokens',
    ]);
  });
});
