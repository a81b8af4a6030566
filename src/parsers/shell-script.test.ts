import { describe, expect, it } from 'vitest';
import { parseShellScript } from './shell-script.js';

const words = (text: string) => parseShellScript('s.sh', text).commands.map((c) => c.words.map((w) => w.text));

describe('shell-script', () => {
  it('splits commands on newlines and operators, with word positions', () => {
    const s = parseShellScript('s.sh', '#!/bin/bash\nset -a; source .env\npython3 manage.py migrate && echo "done"\n');
    expect(s.shebang).toBe('#!/bin/bash');
    expect(s.commands.map((c) => c.words.map((w) => w.text))).toEqual([['set', '-a'], ['source', '.env'], ['python3', 'manage.py', 'migrate'], ['echo', 'done']]);
    expect(s.commands[2].words[2].pos).toEqual({ line: 3, column: 19 });
  });

  it('removes quotes and escapes, keeps expansions, drops comments', () => {
    expect(words(`echo 'a # b' "c \\"d\\" $X" e\\ f # comment\n`)).toEqual([['echo', 'a # b', 'c "d" $X', 'e f']]);
    expect(words('echo "$(cat x | wc -l)" ${A:-b} `date`\n')).toEqual([['echo', '$(cat x | wc -l)', '${A:-b}', '`date`']]);
    expect(words('python manage.py \\\n  loaddata users\n')).toEqual([['python', 'manage.py', 'loaddata', 'users']]);
  });

  it('drops redirections with their targets and skips here-documents', () => {
    expect(words('python manage.py loaddata users > /dev/null 2>&1\n')).toEqual([['python', 'manage.py', 'loaddata', 'users']]);
    expect(words('cat <<EOF > out\npython manage.py flush\nEOF\necho ok\n')).toEqual([['cat'], ['echo', 'ok']]);
  });

  it('counts carriage returns and reads them as blanks', () => {
    const s = parseShellScript('s.sh', '#!/bin/bash\r\npython3 manage.py migrate\r\n');
    expect(s.crCount).toBe(2);
    expect(s.firstCr).toEqual({ line: 1, column: 12 });
    expect(s.shebang).toBe('#!/bin/bash');
    expect(s.commands[0].words.map((w) => w.text)).toEqual(['python3', 'manage.py', 'migrate']);
  });

  it('notes a byte order mark, a missing shebang and unclosed quotes', () => {
    const bom = parseShellScript('s.sh', '\ufeff#!/bin/bash\n');
    expect(bom.bom).toBe(true);
    const s = parseShellScript('s.sh', 'echo "unclosed\n');
    expect(s.shebang).toBeUndefined();
    expect(s.problems).toEqual([{ position: { line: 1, column: 6 }, message: 'double quote is never closed' }]);
    expect(parseShellScript('s.sh', '').commands).toEqual([]);
  });
});
