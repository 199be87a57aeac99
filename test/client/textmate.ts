/**
 * A small TextMate interpreter, enough for the Faultline grammar (match rules
 * with captures, begin/end rules with inner patterns, repository includes),
 * so tests can check which scope every piece of a `.ft` file gets.
 */
export interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

interface Rule {
  readonly name?: string;
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
  readonly captures?: Record<string, { name: string }>;
  readonly beginCaptures?: Record<string, { name: string }>;
  readonly endCaptures?: Record<string, { name: string }>;
  readonly patterns?: readonly Rule[];
  readonly include?: string;
}

export interface Grammar {
  readonly scopeName: string;
  readonly patterns: readonly Rule[];
  readonly repository: Record<string, Rule>;
}

export function tokenizeText(grammar: Grammar, text: string): Token[][] {
  const open: Rule[] = [];
  return text.split('\n').map((line) => tokenizeLine(grammar, line, open));
}

function flatten(grammar: Grammar, rules: readonly Rule[]): Rule[] {
  return rules.flatMap((r) => (r.include ? flatten(grammar, grammar.repository[r.include.slice(1)]!.patterns ?? [grammar.repository[r.include.slice(1)]!]) : [r]));
}

function tokenizeLine(grammar: Grammar, line: string, open: Rule[]): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const emit = (text: string, scopes: string[]) => {
    if (text.length > 0) tokens.push({ text, scopes });
  };
  const outer = () => open.map((r) => r.name).filter((n): n is string => !!n);
  while (pos <= line.length) {
    const inside = open[open.length - 1];
    const candidates = flatten(grammar, inside ? (inside.patterns ?? []) : grammar.patterns);
    let best: { rule: Rule | 'end'; m: RegExpExecArray } | undefined;
    if (inside) {
      const m = search(inside.end!, line, pos);
      if (m) best = { rule: 'end', m };
    }
    for (const rule of candidates) {
      const m = search((rule.match ?? rule.begin)!, line, pos);
      if (m && (!best || m.index < best.m.index)) best = { rule, m };
    }
    if (!best) {
      emit(line.slice(pos), outer());
      break;
    }
    emit(line.slice(pos, best.m.index), outer());
    const m = best.m;
    if (best.rule === 'end') {
      const rule = inside!;
      withCaptures(m, rule.endCaptures, [...outer()], emit);
      open.pop();
    } else if (best.rule.match) {
      withCaptures(m, best.rule.captures, [...outer(), ...(best.rule.name ? [best.rule.name] : [])], emit);
    } else {
      open.push(best.rule);
      withCaptures(m, best.rule.beginCaptures, outer(), emit);
    }
    const next = m.index + m[0].length;
    if (next === pos && m[0].length === 0) {
      if (best.rule === 'end') continue;
      emit(line.slice(pos, pos + 1), outer());
      pos++;
    } else pos = next;
    if (pos >= line.length && !open.length) break;
    if (pos >= line.length) {
      // Only an end rule that can match at end of line ($) may still apply.
      const last = open[open.length - 1]!;
      const m2 = search(last.end!, line, pos);
      if (m2 && m2.index === pos && m2[0].length === 0) open.pop();
      break;
    }
  }
  return tokens;
}

function search(source: string, line: string, from: number): RegExpExecArray | null {
  const re = new RegExp(source, 'dgu');
  re.lastIndex = from;
  return re.exec(line);
}

function withCaptures(
  m: RegExpExecArray,
  captures: Record<string, { name: string }> | undefined,
  base: string[],
  emit: (text: string, scopes: string[]) => void,
): void {
  if (!captures) {
    emit(m[0], base);
    return;
  }
  if (captures['0']) {
    emit(m[0], [...base, captures['0'].name]);
    return;
  }
  let at = m.index;
  const indices = m.indices!;
  for (let g = 1; g < m.length; g++) {
    const span = indices[g];
    if (!span || !captures[String(g)]) continue;
    emit(m.input.slice(at, span[0]), base);
    emit(m.input.slice(span[0], span[1]), [...base, captures[String(g)]!.name]);
    at = span[1];
  }
  emit(m.input.slice(at, m.index + m[0].length), base);
}
