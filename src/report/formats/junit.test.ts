import { describe, expect, it } from 'vitest';
import { renderFinding } from '../../model/finding.js';
import type { Report } from '../report.js';
import { sampleKinds, sampleReport, withoutPassingAdvice } from '../sample.js';
import { formatJunit, xmlAttr, xmlText } from './junit.js';

/**
 * A strict parser for the XML subset the JUnit format writes (declaration,
 * elements, attributes, text, the five entities and character references).
 * It throws on anything that is not well-formed: mismatched or unclosed tags,
 * a bare `&` or `<`, unknown entities, duplicate attributes, characters XML 1.0
 * forbids, text outside the root, a second root.
 */
interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

const xmlChar = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string): string {
  if (raw.includes('<')) throw new Error(`raw "<" in ${JSON.stringify(raw)}`);
  return raw.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new Error(`bare "&" in ${JSON.stringify(raw)}`);
    if (ref in entities) return entities[ref];
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
    if (!m) throw new Error(`unknown entity &${ref};`);
    const ch = String.fromCodePoint(m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]));
    if (!xmlChar.test(ch)) throw new Error(`reference to a forbidden character &${ref};`);
    return ch;
  });
}

function parseXml(xml: string): El {
  if (!xmlChar.test(xml)) throw new Error('character not allowed in XML 1.0');
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*/.exec(xml);
  if (!decl) throw new Error('missing XML declaration');
  let i = decl[0].length;
  const stack: El[] = [];
  let root: El | undefined;
  const place = (el: El) => {
    if (stack.length > 0) stack[stack.length - 1].children.push(el);
    else if (root) throw new Error('second root element');
    else root = el;
  };
  while (i < xml.length) {
    const rest = xml.slice(i);
    if (rest.startsWith('</')) {
      const m = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(rest);
      const open = stack.pop();
      if (!m || !open || open.name !== m[1]) throw new Error(`mismatched closing tag at ${i}`);
      i += m[0].length;
    } else if (rest.startsWith('<')) {
      const m = /^<([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*="[^"]*")*)\s*(\/?)>/.exec(rest);
      if (!m) throw new Error(`malformed tag at ${i}: ${rest.slice(0, 40)}`);
      const el: El = { name: m[1], attrs: {}, children: [], text: '' };
      for (const [, name, value] of m[2].matchAll(/\s+([\w.:-]+)="([^"]*)"/g)) {
        if (name in el.attrs) throw new Error(`duplicate attribute ${name}`);
        el.attrs[name] = decode(value);
      }
      place(el);
      if (m[3] !== '/') stack.push(el);
      i += m[0].length;
    } else {
      const end = xml.indexOf('<', i) === -1 ? xml.length : xml.indexOf('<', i);
      const raw = xml.slice(i, end);
      if (raw.includes(']]>')) throw new Error('"]]>" in text');
      if (stack.length === 0) {
        if (raw.trim() !== '') throw new Error('text outside the root element');
      } else stack[stack.length - 1].text += decode(raw);
      i = end;
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

const decl = '<?xml version="1.0" encoding="UTF-8"?>\n';
const kids = (el: El, name: string) => el.children.filter((c) => c.name === name);
const props = (el: El) => Object.fromEntries(kids(el, 'properties').flatMap((p) => p.children.map((c) => [c.attrs.name, c.attrs.value])));

describe('the test XML parser', () => {
  it('reads what is well-formed', () => {
    const root = parseXml(`${decl}<a x="1 &amp; &#10;2"><b/>t&lt;&#x41;</a>\n`);
    expect(root).toEqual({ name: 'a', attrs: { x: '1 & \n2' }, children: [{ name: 'b', attrs: {}, children: [], text: '' }], text: 't<A' });
  });

  it.each([
    ['a mismatched tag', '<a><b></a>'],
    ['an unclosed tag', '<a><b/>'],
    ['a bare ampersand', '<a>x & y</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a "<" in an attribute', '<a x="<"/>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['a control character', '<a>\u001b</a>'],
    ['a reference to a control character', '<a>&#27;</a>'],
    ['an unpaired surrogate', '<a>\ud800</a>'],
    ['two roots', '<a/><b/>'],
    ['text outside the root', '<a/>x'],
    ['"]]>" in text', '<a>]]></a>'],
  ])('rejects %s', (_name, body) => {
    expect(() => parseXml(decl + body)).toThrow();
  });
});

describe('xml escaping', () => {
  it('escapes markup in text and attributes', () => {
    expect(xmlText('a < b && c > d "q"')).toBe('a &lt; b &amp;&amp; c &gt; d "q"');
    expect(xmlAttr('say "hi" <now> & tab\there\nline')).toBe('say &quot;hi&quot; &lt;now&gt; &amp; tab&#9;here&#10;line');
  });

  it('writes characters XML forbids as visible \\uXXXX and keeps the rest', () => {
    expect(xmlText('nul\u0000 esc\u001b ff\u000c noncharacter\uffff lone\ud800 pair😀 cr\r')).toBe(
      'nul\\u0000 esc\\u001b ff\\u000c noncharacter\\uffff lone\\ud800 pair😀 cr&#13;',
    );
  });
});

describe('formatJunit', () => {
  it.each(sampleKinds)('matches the golden output for the %s sample', async (kind) => {
    await expect(formatJunit(sampleReport(kind))).toMatchFileSnapshot(`./__snapshots__/junit.${kind}.xml`);
  });

  it.each(sampleKinds)('is well-formed, with counts that add up (%s)', (kind) => {
    const report = sampleReport(kind);
    const root = parseXml(formatJunit(report));
    expect(root.name).toBe('testsuites');
    const suites = kids(root, 'testsuite');
    const cases = suites.flatMap((s) => kids(s, 'testcase'));
    for (const key of ['tests', 'failures', 'errors', 'skipped'] as const) {
      expect(Number(root.attrs[key]), key).toBe(suites.reduce((a, s) => a + Number(s.attrs[key]), 0));
    }
    expect(Number(root.attrs.tests)).toBe(cases.length);
    expect(cases.length).toBe(report.criteria.length + report.errors.length);
    expect(root.attrs.time).toBe((report.durationMs / 1000).toFixed(3));
    expect(root.attrs.timestamp).toBe(report.startedAt);
  });

  it('has a testsuite per area with its score, and a testcase per criterion in profile order', () => {
    const report = sampleReport('fail');
    const root = parseXml(formatJunit(report));
    const suites = kids(root, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(['Dockerfiles', 'Compose', 'Workflows', 'Configuration', 'Runtime']);
    expect(props(suites[0])).toMatchObject({ area: 'dockerfile', 'area.earned': '5', 'area.possible': '9', 'score.earned': '12', 'score.possible': '30', status: 'fail' });
    const cases = suites.flatMap((s) => kids(s, 'testcase'));
    expect(cases.map((c) => c.attrs.name)).toEqual(report.criteria.map((c) => `${c.id} ${c.title}`));
    expect(props(cases[1])).toEqual({ level: 'advice', points: '1', earned: '0' });
  });

  it('gives failures their finding lines and hints, skips not-applicable criteria, errors the unchecked ones', () => {
    const report = sampleReport('fail');
    const cases = kids(parseXml(formatJunit(report)), 'testsuite').flatMap((s) => kids(s, 'testcase'));
    report.criteria.forEach((c, n) => {
      const tc = cases[n];
      expect(kids(tc, 'failure')).toHaveLength(c.status === 'fail' ? 1 : 0);
      expect(kids(tc, 'skipped')).toHaveLength(c.status === 'not-applicable' ? 1 : 0);
      expect(kids(tc, 'error')).toHaveLength(c.status === 'error' ? 1 : 0);
      if (c.status === 'fail') {
        const failure = kids(tc, 'failure')[0];
        expect(failure.attrs.type).toBe(c.level);
        expect(failure.attrs.message).toBe(renderFinding(c.findings[0]));
        for (const f of c.findings) {
          expect(failure.text).toContain(renderFinding(f));
          if (f.hint) expect(failure.text).toContain(`  hint: ${f.hint}`);
        }
      }
    });
    expect(kids(cases[12], 'skipped')[0].attrs.message).toBe('not applicable: skipped by --static');
  });

  it("puts a passing criterion's advice in the system-out of its passing testcase, changing no count", () => {
    const report = sampleReport('advice');
    const root = parseXml(formatJunit(report));
    const cases = kids(root, 'testsuite').flatMap((s) => kids(s, 'testcase'));
    const df010 = cases.find((c) => c.attrs.name.startsWith('RC-DF010'))!;
    const [advice] = report.criteria.find((c) => c.id === 'RC-DF010')!.findings;
    expect(df010.children.map((c) => c.name)).toEqual(['properties', 'system-out']);
    expect(kids(df010, 'system-out')[0].text).toBe(`advice: ${renderFinding(advice)}`);
    expect(props(df010)).toEqual({ level: 'required', points: '3', earned: '3' });
    const df002 = cases.find((c) => c.attrs.name.startsWith('RC-DF002'))!;
    expect(kids(df002, 'failure')[0].attrs.type).toBe('advice');
    expect(kids(df002, 'system-out')).toEqual([]);
    const plain = parseXml(formatJunit(withoutPassingAdvice(report)));
    expect(root.attrs).toEqual(plain.attrs);
    expect(kids(root, 'testsuite').map((s) => s.attrs)).toEqual(kids(plain, 'testsuite').map((s) => s.attrs));
  });

  it('turns run errors into a last "Run errors" testsuite', () => {
    const report = sampleReport('error');
    const suites = kids(parseXml(formatJunit(report)), 'testsuite');
    const last = suites[suites.length - 1];
    expect(last.attrs).toMatchObject({ name: 'Run errors', tests: '1', errors: '1' });
    expect(kids(kids(last, 'testcase')[0], 'error')[0].text).toBe(report.errors[0].message);
    const rt002 = suites.flatMap((s) => kids(s, 'testcase')).find((c) => c.attrs.name.startsWith('RC-RT002'))!;
    expect(kids(rt002, 'error')[0].attrs.message).toBe('not run');
  });

  it('stays well-formed whatever a message holds', () => {
    const report: Report = sampleReport('fail');
    const nasty = 'bad \u0000nul \u001b[31m esc ]]> <tag attr="v"> & &amp; \'q\' \ud800 lone\r\nCRLF\ttab 😀';
    report.criteria[1].findings[0].message = nasty;
    report.criteria[1].findings[0].file = 'a "b" <c>.yml';
    report.criteria[1].title = 'Title with "quotes" & <angle>';
    report.errors.push({ message: nasty, where: 'w<>"' });
    const root = parseXml(formatJunit(report));
    const tc = kids(root, 'testsuite')[0].children.filter((c) => c.name === 'testcase')[1];
    expect(tc.attrs.name).toBe('RC-DF002 Title with "quotes" & <angle>');
    const failure = kids(tc, 'failure')[0];
    const expected = 'bad \\u0000nul \\u001b[31m esc ]]> <tag attr="v"> & &amp; \'q\' \\ud800 lone\r\nCRLF\ttab 😀';
    expect(failure.attrs.message).toBe(`a "b" <c>.yml:1:6: ${expected} [RC-DF002]`);
    expect(failure.text).toContain(expected);
  });
});
