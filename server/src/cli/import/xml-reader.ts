import { LineIndex } from '../../language/span';

/**
 * A small, strict XML reader: enough for Open-PSA MEF files, no dependency.
 * Elements, attributes, text, comments, processing instructions, CDATA, a
 * DOCTYPE without entity declarations, the five predefined entities and
 * numeric character references. One linear pass with an explicit stack of
 * open elements (no recursion, so nesting depth is not limited by the call
 * stack). Malformed input gives one error with its 1-based line and column.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: XmlElement[];
  /**
   * Concatenated character data directly inside this element (text and CDATA),
   * except whitespace-only runs after a child element (indentation, not text).
   */
  text: string;
  /** 1-based position of the `<` that opens the element. */
  readonly line: number;
  readonly column: number;
}

export interface XmlComment {
  readonly text: string;
  /** Number of elements open around the comment: 0 outside the root. */
  readonly depth: number;
  readonly line: number;
  readonly column: number;
}

export interface XmlError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export type XmlResult =
  | { readonly ok: true; readonly root: XmlElement; readonly comments: readonly XmlComment[] }
  | { readonly ok: false; readonly error: XmlError };

const NAME = /[A-Za-z_:\u00C0-\uFFFF][A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]*/y;
const WHITESPACE = /[ \t\r\n]*/y;
/** Shared by every element without attributes, to spare one map per element. */
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();
const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Thrown only inside this module and turned into an `XmlError` by `readXml`. */
class XmlSyntaxError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

export function readXml(text: string): XmlResult {
  try {
    return readDocument(text);
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    const p = new LineIndex(text).positionAt(e.offset);
    return { ok: false, error: { line: p.line + 1, column: p.character + 1, message: e.message } };
  }
}

/**
 * Line and column of non-decreasing offsets in one forward pass, so that
 * positioning every element costs O(length) in total. `\r\n`, `\n` and `\r`
 * each end a line, as in `LineIndex`.
 */
class ForwardPositions {
  private offset = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  at(offset: number): { line: number; column: number } {
    if (offset < this.offset) {
      this.offset = 0;
      this.line = 1;
      this.lineStart = 0;
    }
    const text = this.text;
    for (let i = this.offset; i < offset; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.offset = offset;
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}

function readDocument(text: string): XmlResult {
  const positions = new ForwardPositions(text);
  const stack: XmlElement[] = [];
  const comments: XmlComment[] = [];
  let root: XmlElement | undefined;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const fail = (offset: number, message: string): never => {
    throw new XmlSyntaxError(offset, message);
  };
  const at = (offset: number): { line: number; column: number } => positions.at(offset);
  // Character data between `from` and `to`; checked for blankness in place to spare garbage.
  const addText = (from: number, to: number): void => {
    const firstNonBlank = firstNonBlankOffset(text, from, to);
    const top = stack[stack.length - 1];
    if (top === undefined) {
      if (firstNonBlank !== -1) {
        fail(firstNonBlank, root === undefined ? 'text before the root element' : 'text after the root element');
      }
      return;
    }
    if (firstNonBlank === -1 && top.children.length > 0) return;
    top.text += decodeEntities(text.slice(from, to), from);
  };

  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    if (lt === -1) {
      addText(pos, text.length);
      break;
    }
    if (lt > pos) addText(pos, lt);

    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) fail(lt, 'unterminated comment (no closing -->)');
      comments.push({ text: text.slice(lt + 4, end), depth: stack.length, ...at(lt) });
      pos = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end === -1) fail(lt, 'unterminated CDATA section (no closing ]]>)');
      const top = stack[stack.length - 1];
      if (top === undefined) fail(lt, 'CDATA section outside the root element');
      else top.text += text.slice(lt + 9, end);
      pos = end + 3;
    } else if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) fail(lt, 'unterminated processing instruction (no closing ?>)');
      pos = end + 2;
    } else if (text.startsWith('<!DOCTYPE', lt)) {
      if (root !== undefined || stack.length > 0) fail(lt, 'DOCTYPE must come before the root element');
      pos = skipDoctype(text, lt, fail);
    } else if (text.startsWith('</', lt)) {
      const name = readName(text, lt + 2) ?? fail(lt + 2, 'expected an element name after </');
      const p = skipWhitespace(text, lt + 2 + name.length);
      if (text.charCodeAt(p) !== 62 /* > */) fail(p, `expected '>' to end the closing tag </${name}>`);
      const open = stack.pop();
      if (open === undefined) fail(lt, `closing tag </${name}> has no matching opening tag`);
      else if (open.name !== name) {
        fail(lt, `closing tag </${name}> does not match <${open.name}> opened at line ${open.line}`);
      }
      pos = p + 1;
    } else {
      pos = readStartTag(text, lt, stack, at, fail, (element) => {
        if (root !== undefined) fail(lt, `a second root element <${element.name}> (a document has exactly one)`);
        root = element;
      });
    }
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed !== undefined) {
    fail(text.length, `unexpected end of file: <${unclosed.name}> opened at line ${unclosed.line} is not closed`);
  }
  if (root === undefined) fail(text.length, 'the document has no root element');
  return { ok: true, root: root!, comments };
}

/** Reads `<name attr="v" ...>` or `.../>` at `lt`; returns the offset after it. */
function readStartTag(
  text: string,
  lt: number,
  stack: XmlElement[],
  at: (offset: number) => { line: number; column: number },
  fail: (offset: number, message: string) => never,
  setRoot: (element: XmlElement) => void,
): number {
  const name = readName(text, lt + 1) ?? fail(lt, "expected an element name after '<' (write &lt; for a literal '<')");
  let attributes: Map<string, string> | undefined;
  let p = lt + 1 + name.length;
  for (;;) {
    const afterSpace = skipWhitespace(text, p);
    const c = text.charCodeAt(afterSpace);
    if (c === 62 /* > */ || (c === 47 /* / */ && text.charCodeAt(afterSpace + 1) === 62)) {
      const { line, column } = at(lt);
      const element: XmlElement = { name, attributes: attributes ?? NO_ATTRIBUTES, children: [], text: '', line, column };
      const parent = stack[stack.length - 1];
      if (parent === undefined) setRoot(element);
      else parent.children.push(element);
      if (c === 62) {
        stack.push(element);
        return afterSpace + 1;
      }
      return afterSpace + 2;
    }
    if (Number.isNaN(c)) fail(lt, `unexpected end of file inside the tag <${name}>`);
    if (afterSpace === p) fail(p, `expected whitespace, '>' or '/>' in the tag <${name}>`);
    p = afterSpace;
    const attr = readName(text, p) ?? fail(p, `expected an attribute name or '>' in the tag <${name}>`);
    p = skipWhitespace(text, p + attr.length);
    if (text.charCodeAt(p) !== 61 /* = */) fail(p, `expected '=' after the attribute ${attr}`);
    p = skipWhitespace(text, p + 1);
    const quote = text[p];
    if (quote !== '"' && quote !== "'") fail(p, `the value of the attribute ${attr} must be quoted`);
    const end = text.indexOf(quote!, p + 1);
    if (end === -1) fail(p, `unterminated value of the attribute ${attr}`);
    const raw = text.slice(p + 1, end);
    const lessThan = raw.indexOf('<');
    if (lessThan !== -1) fail(p + 1 + lessThan, `'<' is not allowed in the value of the attribute ${attr} (write &lt;)`);
    attributes ??= new Map<string, string>();
    if (attributes.has(attr)) fail(p, `the attribute ${attr} appears twice in the tag <${name}>`);
    attributes.set(attr, decodeEntities(raw, p + 1).replace(/[\t\r\n]/g, ' '));
    p = end + 1;
  }
}

/** Skips `<!DOCTYPE ...>`, including an internal subset in brackets. */
function skipDoctype(text: string, lt: number, fail: (offset: number, message: string) => never): number {
  const close = text.indexOf('>', lt);
  const bracket = text.indexOf('[', lt);
  if (bracket !== -1 && (close === -1 || bracket < close)) {
    const subsetEnd = text.indexOf(']', bracket);
    const end = subsetEnd === -1 ? -1 : text.indexOf('>', subsetEnd);
    if (end === -1) fail(lt, 'unterminated DOCTYPE');
    return end + 1;
  }
  if (close === -1) fail(lt, 'unterminated DOCTYPE');
  return close + 1;
}

/** Offset of the first character in [from, to) that is not XML whitespace, or -1. */
function firstNonBlankOffset(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return i;
  }
  return -1;
}

function readName(text: string, offset: number): string | undefined {
  NAME.lastIndex = offset;
  const m = NAME.exec(text);
  return m === null ? undefined : m[0];
}

function skipWhitespace(text: string, offset: number): number {
  WHITESPACE.lastIndex = offset;
  WHITESPACE.exec(text);
  return WHITESPACE.lastIndex;
}

/** Replaces entity and character references in `raw`, which starts at `offset` in the document. */
function decodeEntities(raw: string, offset: number): string {
  let amp = raw.indexOf('&');
  if (amp === -1) return raw;
  let out = '';
  let from = 0;
  while (amp !== -1) {
    out += raw.slice(from, amp);
    const semi = raw.indexOf(';', amp + 1);
    const body = semi === -1 ? '' : raw.slice(amp + 1, semi);
    const decoded = semi === -1 || body.length > 32 ? undefined : decodeReference(body);
    if (decoded === undefined) {
      const shown = semi === -1 || body.length > 32 ? '&' : `&${body};`;
      throw new XmlSyntaxError(
        offset + amp,
        shown === '&'
          ? "'&' must start a reference such as &amp; (write &amp; for a literal '&')"
          : `unknown or invalid reference ${shown} (known: &lt; &gt; &amp; &quot; &apos; &#N; &#xN;)`,
      );
    }
    out += decoded;
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

function decodeReference(body: string): string | undefined {
  const named = PREDEFINED_ENTITIES[body];
  if (named !== undefined) return named;
  const m = /^#(?:([0-9]+)|x([0-9A-Fa-f]+))$/.exec(body);
  if (m === null) return undefined;
  const code = m[1] !== undefined ? parseInt(m[1], 10) : parseInt(m[2]!, 16);
  const isXmlChar =
    code === 0x9 || code === 0xa || code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  return isXmlChar ? String.fromCodePoint(code) : undefined;
}
