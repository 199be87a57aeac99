/**
 * Test-only reader for the `.ft` subset that `faultline import` writes, kept
 * independent of the product's parser: it checks the layout line by line and
 * evaluates success logic, so tests can compare an imported model with the
 * fault tree it came from.
 */

const NAME = '[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*';
const NUM = '[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?';
const LABEL = '(?: "(?:[^"\\\\]|\\\\["\\\\])*")?';
const COMPONENT = new RegExp(
  `^component (${NAME})${LABEL} \\{ (?:probability (${NUM})|rate ${NUM}/[hy]|fit ${NUM}|weibull shape ${NUM} scale ${NUM}[hy]) \\}(?:  // MEF name: (.*))?$`,
);
const GROUP_HEAD = new RegExp(`^group (${NAME})${LABEL} = (.*)$`);
const SYSTEM = new RegExp(`^system (${NAME})${LABEL} \\{$`);
const RESERVED = new Set(['use', 'system', 'component', 'group']);

export interface FtReading {
  readonly system: string;
  readonly needs: string;
  readonly mission: string | undefined;
  /** Group name → expression text. */
  readonly groups: ReadonlyMap<string, string>;
  /** Component name → fixed probability (undefined for time-based laws). */
  readonly components: ReadonlyMap<string, number | undefined>;
  /** Declared name → the MEF name given in a trailing `// MEF name:` comment, or itself. */
  readonly mefNames: ReadonlyMap<string, string>;
}

/** Reads the text or throws with the offending line. */
export function readImportedFt(text: string): FtReading {
  const lines = text.split('\n');
  const groups = new Map<string, string>();
  const components = new Map<string, number | undefined>();
  let system: string | undefined;
  let needs: string | undefined;
  let mission: string | undefined;
  const declared = new Set<string>();
  const mefNames = new Map<string, string>();
  const declare = (name: string, line: string): void => {
    if (RESERVED.has(name)) throw new Error(`reserved word as a name: ${line}`);
    if (declared.has(name)) throw new Error(`declared twice: ${name}`);
    declared.add(name);
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    i++;
    if (line === '' || line.startsWith('//')) continue;
    const sys = SYSTEM.exec(line);
    if (sys !== null) {
      system = sys[1]!;
      declare(system, line);
      for (; lines[i] !== '}'; i++) {
        const item = lines[i];
        if (item === undefined) throw new Error('unterminated system');
        const need = new RegExp(`^  needs (${NAME})$`).exec(item);
        const mis = new RegExp(`^  mission (${NUM}[hy])$`).exec(item);
        if (need !== null) needs = need[1]!;
        else if (mis !== null) mission = mis[1]!;
        else if (!item.startsWith('  //')) throw new Error(`unexpected system item: ${item}`);
      }
      i++;
      continue;
    }
    const comp = COMPONENT.exec(line);
    if (comp !== null) {
      declare(comp[1]!, line);
      components.set(comp[1]!, comp[2] === undefined ? undefined : Number(comp[2]));
      mefNames.set(comp[1]!, comp[3] ?? comp[1]!);
      continue;
    }
    const group = GROUP_HEAD.exec(line);
    if (group !== null) {
      declare(group[1]!, line);
      let expression = group[2]!;
      while (lines[i]?.startsWith('    ')) expression += ` ${lines[i++]!.trim()}`;
      const renamed = /  \/\/ MEF name: (.*)$/.exec(expression);
      mefNames.set(group[1]!, renamed?.[1] ?? group[1]!);
      groups.set(group[1]!, expression.replace(/  \/\/ .*$/, ''));
      continue;
    }
    throw new Error(`unexpected line: ${line}`);
  }
  if (system === undefined || needs === undefined) throw new Error('no system with needs');
  const reading = { system, needs, mission, groups, components, mefNames };
  for (const [name, expression] of groups) {
    for (const ref of expressionNames(expression)) {
      if (!groups.has(ref) && !components.has(ref)) throw new Error(`group ${name} uses undeclared ${ref}`);
    }
  }
  if (!groups.has(needs) && !components.has(needs)) throw new Error(`system needs undeclared ${needs}`);
  return reading;
}

type Token = { kind: 'name'; text: string } | { kind: 'int'; value: number } | { kind: 'punct'; text: string };

const tokenCache = new Map<string, Token[]>();

function tokenize(expression: string): Token[] {
  const cached = tokenCache.get(expression);
  if (cached !== undefined) return cached;
  const tokens: Token[] = [];
  const re = new RegExp(`\\s*(?:(${NAME})|([0-9]+)|([(),]))`, 'y');
  let m: RegExpExecArray | null;
  while (re.lastIndex < expression.length && (m = re.exec(expression)) !== null) {
    if (m[1] !== undefined) tokens.push({ kind: 'name', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'int', value: Number(m[2]) });
    else tokens.push({ kind: 'punct', text: m[3]! });
  }
  if (re.lastIndex !== expression.length && expression.slice(re.lastIndex).trim() !== '') {
    throw new Error(`cannot tokenize: ${expression}`);
  }
  tokenCache.set(expression, tokens);
  return tokens;
}

function expressionNames(expression: string): string[] {
  const tokens = tokenize(expression);
  return tokens.flatMap((t, k) => {
    const next = tokens[k + 1];
    const isCombinator = next?.kind === 'punct' && next.text === '(';
    return t.kind === 'name' && !isCombinator && t.text !== 'of' ? [t.text] : [];
  });
}

/** Whether `name` works, given which components work; groups memoised in `memo`. */
export function works(
  reading: FtReading,
  name: string,
  componentWorks: (component: string) => boolean,
  memo: Map<string, boolean> = new Map(),
): boolean {
  const known = memo.get(name);
  if (known !== undefined) return known;
  const expression = reading.groups.get(name);
  const value = expression === undefined ? componentWorks(name) : evaluate(tokenize(expression), reading, componentWorks, memo);
  memo.set(name, value);
  return value;
}

function evaluate(
  tokens: Token[],
  reading: FtReading,
  componentWorks: (component: string) => boolean,
  memo: Map<string, boolean>,
): boolean {
  let pos = 0;
  const expectPunct = (text: string): void => {
    const t = tokens[pos++];
    if (t?.kind !== 'punct' || t.text !== text) throw new Error(`expected ${text}`);
  };
  const members = (): boolean[] => {
    expectPunct('(');
    const values = [expr()];
    while (tokens[pos]?.kind === 'punct' && (tokens[pos] as { text: string }).text === ',') {
      pos++;
      values.push(expr());
    }
    expectPunct(')');
    return values;
  };
  const expr = (): boolean => {
    const t = tokens[pos++];
    if (t === undefined) throw new Error('unexpected end of expression');
    if (t.kind === 'int') {
      const of = tokens[pos++];
      if (of?.kind !== 'name' || of.text !== 'of') throw new Error('expected of');
      return members().filter((v) => v).length >= t.value;
    }
    if (t.kind !== 'name') throw new Error('expected a name');
    const next = tokens[pos];
    if (next?.kind === 'punct' && next.text === '(' && (t.text === 'series' || t.text === 'parallel')) {
      const values = members();
      return t.text === 'series' ? values.every((v) => v) : values.some((v) => v);
    }
    return works(reading, t.text, componentWorks, memo);
  };
  const value = expr();
  if (pos !== tokens.length) throw new Error('trailing tokens');
  return value;
}
