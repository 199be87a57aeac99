import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readXml, type XmlElement } from '../../server/src/cli/import/xml-reader';

function rootOf(text: string): XmlElement {
  const result = readXml(text);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.root;
}

function errorOf(text: string): { line: number; column: number; message: string } {
  const result = readXml(text);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('readXml: well-formed documents', () => {
  it('reads elements, attributes in either quote style, self-closing tags and positions', () => {
    const root = rootOf('<?xml version="1.0"?>\n<a x="1" y=\'two\'>\n  <b/>\n  <c z = "3" >t</c>\n</a>\n');
    expect(root.name).toBe('a');
    expect([...root.attributes]).toEqual([['x', '1'], ['y', 'two']]);
    expect(root.children.map((c) => [c.name, c.line, c.column])).toEqual([['b', 3, 3], ['c', 4, 3]]);
    expect(root.children[1]!.attributes.get('z')).toBe('3');
    expect(root.children[1]!.text).toBe('t');
  });

  it('decodes the predefined entities and decimal and hexadecimal character references', () => {
    const root = rootOf('<a v="&lt;&gt;&amp;&quot;&apos;">&#65;&#x42;&#x1F600; &amp;</a>');
    expect(root.attributes.get('v')).toBe('<>&"\'');
    expect(root.text).toBe('AB\u{1F600} &');
  });

  it('keeps CDATA verbatim and skips comments, processing instructions, a DOCTYPE and a byte-order mark', () => {
    const root = rootOf('\ufeff<!DOCTYPE a [ <!ELEMENT a ANY> ]>\n<!-- c --><a><?pi x?><![CDATA[<&>]]><!-- inner --></a>');
    expect(root.text).toBe('<&>');
    expect(root.children).toEqual([]);
  });

  it('records comments with their depth so that a license notice can be found', () => {
    const result = readXml('<!-- License: CC BY-SA -->\n<a><!-- one --><b><!-- two --></b></a>');
    expect(result.ok && result.comments.map((c) => [c.text, c.depth, c.line])).toEqual([
      [' License: CC BY-SA ', 0, 1],
      [' one ', 1, 2],
      [' two ', 2, 2],
    ]);
  });

  it('normalises tabs and newlines in attribute values to spaces', () => {
    expect(rootOf('<a v="x\ty\nz"/>').attributes.get('v')).toBe('x y z');
  });

  it('counts columns in UTF-16 units after CRLF line ends', () => {
    const root = rootOf('<a>\r\n  <é/>\r\n\t<b/></a>');
    expect(root.children.map((c) => [c.name, c.line, c.column])).toEqual([['é', 2, 3], ['b', 3, 2]]);
  });

  it('reads 100,000 nested elements without recursion', () => {
    const depth = 100_000;
    const root = rootOf('<e>'.repeat(depth) + '</e>'.repeat(depth));
    let element = root;
    let count = 1;
    while (element.children.length > 0) {
      element = element.children[0]!;
      count++;
    }
    expect(count).toBe(depth);
  });
});

describe('readXml: malformed documents give one error with its position', () => {
  it.each([
    ['<a><b></a>', 1, 7, 'closing tag </a> does not match <b> opened at line 1'],
    ['<a>\n<b>', 2, 4, 'unexpected end of file: <b> opened at line 2 is not closed'],
    ['<a></a><b/>', 1, 8, 'a second root element <b> (a document has exactly one)'],
    ['</a>', 1, 1, 'closing tag </a> has no matching opening tag'],
    ['', 1, 1, 'the document has no root element'],
    ['hello <a/>', 1, 1, 'text before the root element'],
    ['<a/>\n x', 2, 2, 'text after the root element'],
    ['<a x=1/>', 1, 6, 'the value of the attribute x must be quoted'],
    ['<a x="1" x="2"/>', 1, 12, 'the attribute x appears twice in the tag <a>'],
    ['<a x="1"y="2"/>', 1, 9, "expected whitespace, '>' or '/>' in the tag <a>"],
    ['<a x="<"/>', 1, 7, "'<' is not allowed in the value of the attribute x (write &lt;)"],
    ['<a x="1/>', 1, 6, 'unterminated value of the attribute x'],
    ['<a>x < y</a>', 1, 6, "expected an element name after '<' (write &lt; for a literal '<')"],
    ['<a>fish & chips</a>', 1, 9, "'&' must start a reference such as &amp; (write &amp; for a literal '&')"],
    ['<a>&nbsp;</a>', 1, 4, 'unknown or invalid reference &nbsp; (known: &lt; &gt; &amp; &quot; &apos; &#N; &#xN;)'],
    ['<a>&#0;</a>', 1, 4, 'unknown or invalid reference &#0; (known: &lt; &gt; &amp; &quot; &apos; &#N; &#xN;)'],
    ['<a><!-- open</a>', 1, 4, 'unterminated comment (no closing -->)'],
    ['<a><![CDATA[x</a>', 1, 4, 'unterminated CDATA section (no closing ]]>)'],
    ['<?xml version="1.0"', 1, 1, 'unterminated processing instruction (no closing ?>)'],
    ['<a', 1, 1, 'unexpected end of file inside the tag <a>'],
  ])('%j', (text, line, column, message) => {
    expect(errorOf(text)).toEqual({ line, column, message });
  });

  it('never throws on arbitrary text and reports positions inside the document', () => {
    const pieces = fc.constantFrom('<', '>', '/', 'a', 'b', '"', "'", '=', ' ', '\n', '&', ';', '<!--', '-->', '<![CDATA[', ']]>', '<?', '?>', '&amp;', '#');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const result = readXml(text);
        if (!result.ok) {
          const lines = text.split(/\r\n|\r|\n/);
          expect(result.error.line).toBeGreaterThanOrEqual(1);
          expect(result.error.line).toBeLessThanOrEqual(lines.length);
          expect(result.error.column).toBeGreaterThanOrEqual(1);
          expect(result.error.column).toBeLessThanOrEqual(lines[result.error.line - 1]!.length + 1);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back generated documents exactly (names, attribute values and text with special characters)', () => {
    const value = fc.string({ unit: fc.constantFrom('a', '<', '>', '&', '"', "'", ' ', 'é', '\u{1F600}'), maxLength: 8 });
    const escape = (s: string): string =>
      s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 5 }), (items) => {
        const body = items.map(([v, t]) => `<item v="${escape(v)}">${escape(t)}</item>`).join('\n');
        const root = rootOf(`<list>\n${body}\n</list>`);
        expect(root.children.map((c) => [c.attributes.get('v'), c.text])).toEqual(items);
      }),
    );
  });
});
