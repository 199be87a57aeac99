import type { LayoutPlan } from './format-roles';

/**
 * The canonical layout, printed from the token stream (tokens and comments in
 * source order) and the roles the syntax tree gives some tokens. Tokens are
 * reprinted exactly as written (quantities, labels, names); only whitespace
 * changes. See docs/decisions.md for the rules.
 */

export interface SourcePiece {
  readonly kind: 'code' | 'line-comment' | 'block-comment';
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** A body stays on one line when the author wrote it so and it fits in this many columns. */
export const ONE_LINE_WIDTH = 100;
const INDENT = 2;

interface Line {
  readonly indent: number;
  code: string;
  /** A line comment at the end of the line (aligned with its neighbours'). */
  comment?: string;
}

function lineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13) {
      count++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return count;
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

const WORD_START = /^[A-Za-z_]/;

/** Whether a space goes between two adjacent pieces of one line. */
function spaceBetween(previous: SourcePiece, next: SourcePiece): boolean {
  if (next.kind === 'code' && (next.text === ')' || next.text === ',')) return false;
  if (previous.kind === 'code' && previous.text === '(') return false;
  if (next.kind === 'code' && next.text === '(' && previous.kind === 'code' && WORD_START.test(previous.text)) {
    return previous.text === 'of';
  }
  return true;
}

class Printer {
  private readonly lines: (Line | undefined)[] = [];
  private current: Line | undefined;
  private lastOnLine: SourcePiece | undefined;
  private inBody = false;
  private oneLineBody = false;
  private firstInBody = false;
  private openOffset = -1;
  /** Block comments that open a source line on which code follows: printed right before that code. */
  private leading: SourcePiece[] = [];
  /** Each one-line body printed, with its line, for the width check. */
  readonly oneLiners: { readonly open: number; readonly line: Line }[] = [];

  constructor(
    private readonly text: string,
    private readonly plan: LayoutPlan,
    private readonly oneLine: (open: number) => boolean,
  ) {}

  private get elementIndent(): number {
    return this.inBody && !this.oneLineBody ? INDENT : 0;
  }

  private closeLine(): void {
    if (this.current) this.lines.push(this.current);
    this.current = undefined;
    this.lastOnLine = undefined;
  }

  /** Opens a line for a new element, keeping one blank line where the author left some (not right after `{`). */
  private startLine(indent: number, blankBefore: boolean): void {
    this.closeLine();
    const hasPrevious = this.lines.length > 0;
    if (blankBefore && hasPrevious && !this.firstInBody) this.lines.push(undefined);
    this.current = { indent, code: '' };
  }

  /** Appends a piece (after any pending leading comments) to the open line, or to a new continuation line. */
  private append(piece: SourcePiece, separator?: string): void {
    if (!this.current) this.current = { indent: this.elementIndent + INDENT, code: '' };
    const pieces = [...this.leading.splice(0), piece];
    pieces.forEach((p, k) => this.appendRaw(p, k === 0 ? separator : undefined));
  }

  private appendRaw(piece: SourcePiece, separator: string | undefined): void {
    const line = this.current!;
    const text = piece.kind === 'block-comment' ? normalizeNewlines(piece.text) : piece.text;
    if (this.lastOnLine === undefined) line.code += text;
    else line.code += (separator ?? (spaceBetween(this.lastOnLine, piece) ? ' ' : '')) + text;
    this.lastOnLine = piece;
  }

  print(pieces: readonly SourcePiece[]): readonly (Line | undefined)[] {
    pieces.forEach((piece, i) => {
      const previous = pieces[i - 1];
      const gap = previous ? lineBreaks(this.text.slice(previous.end, piece.start)) : 1;
      if (piece.kind === 'code') this.code(piece, gap);
      else this.comment(piece, gap, pieces[i + 1]);
    });
    this.closeLine();
    return this.lines;
  }

  private code(piece: SourcePiece, gap: number): void {
    const blank = gap >= 2;
    switch (this.plan.roles.get(piece.start)) {
      case 'declaration':
        this.inBody = false;
        this.startLine(0, blank);
        this.append(piece);
        return;
      case 'body-open':
        this.openOffset = piece.start;
        this.oneLineBody = this.oneLine(piece.start);
        this.append(piece);
        this.inBody = true;
        this.firstInBody = true;
        return;
      case 'item':
        if (this.oneLineBody) this.append(piece, this.firstInBody ? ' ' : '  ');
        else {
          this.startLine(INDENT, blank);
          this.append(piece);
        }
        this.firstInBody = false;
        return;
      case 'body-close':
        this.bodyClose(piece);
        return;
      default:
        this.append(piece);
    }
  }

  private bodyClose(piece: SourcePiece): void {
    const empty = this.plan.emptyBodies.has(this.openOffset) && this.lastOnLine?.text === '{';
    if (empty) this.append(piece, '');
    else if (this.oneLineBody) {
      this.append(piece, ' ');
      this.oneLiners.push({ open: this.openOffset, line: this.current! });
    } else {
      this.firstInBody = false;
      this.startLine(0, false);
      this.append(piece);
    }
    this.inBody = false;
    this.oneLineBody = false;
    this.firstInBody = false;
  }

  private comment(piece: SourcePiece, gap: number, next: SourcePiece | undefined): void {
    if (gap === 0 && this.current !== undefined) {
      if (piece.kind === 'line-comment') {
        this.current.comment = piece.text;
        this.closeLine();
      } else this.append(piece);
      return;
    }
    const codeFollows = next !== undefined && lineBreaks(this.text.slice(piece.end, next.start)) === 0;
    if (piece.kind === 'block-comment' && codeFollows) {
      this.leading.push(piece);
      return;
    }
    const continuation = next?.kind === 'code' && !this.plan.roles.has(next.start);
    this.startLine(this.elementIndent + (continuation ? INDENT : 0), gap >= 2);
    this.append(piece);
    this.closeLine();
    this.firstInBody = false;
  }
}

/** Lines to text: trailing line comments of consecutive lines are aligned two spaces after the longest code. */
function render(lines: readonly (Line | undefined)[]): string {
  const out: string[] = [];
  const alignable = (l: Line | undefined): boolean => l?.comment !== undefined && !l.code.includes('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!alignable(line)) {
      out.push(line ? ' '.repeat(line.indent) + line.code : '');
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && alignable(lines[end])) end++;
    const run = lines.slice(i, end) as Line[];
    const width = Math.max(...run.map((l) => l.indent + l.code.length));
    for (const l of run) out.push(`${(' '.repeat(l.indent) + l.code).padEnd(width)}  ${l.comment}`);
    i = end;
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/**
 * Prints the pieces. Bodies in `sameLineBodies` (written on one line by the
 * author) stay on one line unless that line comes out wider than
 * `ONE_LINE_WIDTH`; those are printed again, expanded.
 */
export function printPieces(
  text: string,
  plan: LayoutPlan,
  pieces: readonly SourcePiece[],
  sameLineBodies: ReadonlySet<number>,
): string {
  const expanded = new Set<number>();
  for (;;) {
    const printer = new Printer(text, plan, (open) => sameLineBodies.has(open) && !expanded.has(open));
    const lines = printer.print(pieces);
    const tooWide = printer.oneLiners.filter(({ line }) => line.indent + line.code.length > ONE_LINE_WIDTH);
    if (tooWide.length === 0) return render(lines);
    for (const { open } of tooWide) expanded.add(open);
  }
}
