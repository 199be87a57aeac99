import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import { elementFigureLine } from './hover';
import { KEYWORD_DOCS, UNIT_DOCS } from './keyword-docs';
import { completionPlace, type CompletionPlace } from './completion-context';
import { lineIndexOf } from './lines';
import type { DocumentContext } from './project';
import { tokensAround } from './tokens';

/** Completion: keywords valid at the position, element names, units after a number, snippets. */
export function completions(ctx: DocumentContext, offset: number): CompletionItem[] {
  const place = completionPlace(ctx.file.syntax, tokensAround(ctx.file, offset), offset);
  return itemsFor(place, ctx, offset);
}

function itemsFor(place: CompletionPlace, ctx: DocumentContext, offset: number): CompletionItem[] {
  switch (place.kind) {
    case 'top-level':
      return [...keywords(['use', 'system', 'component', 'group']), ...TOP_SNIPPETS];
    case 'item':
      return itemKeywords(place.declaration, place.standby);
    case 'expression':
      return [
        ...names(ctx, offset, false),
        ...COMBINATOR_SNIPPETS.filter((s) => place.groupHead || s.label !== 'standby'),
        ...(place.afterNeeds ? keywords(['each']) : []),
      ];
    case 'each-target':
      return names(ctx, offset, true);
    case 'words':
      return keywords(place.words);
    case 'unit':
      return unitItems(ctx, place.start, offset, place.expects);
    case 'none':
      return [];
  }
}

function keywords(words: readonly string[]): CompletionItem[] {
  return words.map((word) => {
    const item: CompletionItem = { label: word, kind: CompletionItemKind.Keyword };
    const doc = KEYWORD_DOCS[word];
    if (doc) item.documentation = { kind: 'markdown', value: doc };
    return item;
  });
}

const ITEM_SNIPPETS: Readonly<Record<string, string>> = {
  mtbf: 'mtbf ${1:50000h}',
  mttf: 'mttf ${1:5y}',
  rate: 'rate ${1:1e-4/h}',
  fit: 'fit ${1:1000}',
  probability: 'probability ${1:0.001}',
  availability: 'availability ${1:99.9%}',
  weibull: 'weibull shape ${1:1.5} scale ${2:50000h}',
  mttr: 'mttr ${1:1h}',
  replicas: 'replicas ${1:3}',
  quorum: 'quorum ${1:2}',
  needs: 'needs ',
  recovery: 'recovery ${1|restart 2min,retry|} coverage ${2:90%}',
  ccf: 'ccf beta ${1:5%}',
  accept: 'accept spof "${1:reason}"',
  failover: 'failover ${1:30s}',
  coverage: 'coverage ${1:99%}',
  dormancy: 'dormancy ${1:0%}',
  mission: 'mission ${1:1y}',
  default: 'default mttr ${1:4h}',
  require: 'require ${1|availability,unavailability,reliability,unreliability,mttf,downtime,outages,tolerance|} ${2|>=,<=,>,<|} ${3:99.9%}',
};

const ITEMS_BY_DECLARATION = {
  component: ['mtbf', 'mttf', 'rate', 'fit', 'probability', 'availability', 'weibull', 'mttr', 'replicas', 'quorum', 'needs', 'recovery', 'ccf', 'accept'],
  group: ['needs', 'ccf', 'accept'],
  standby: ['needs', 'failover', 'coverage', 'dormancy', 'accept'],
  system: ['needs', 'mission', 'default', 'require'],
} as const;

function itemKeywords(declaration: 'system' | 'component' | 'group', standby: boolean): CompletionItem[] {
  const words = declaration === 'group' && standby ? ITEMS_BY_DECLARATION.standby : ITEMS_BY_DECLARATION[declaration];
  return words.map((word) => ({
    label: word,
    kind: CompletionItemKind.Keyword,
    insertText: ITEM_SNIPPETS[word] ?? word,
    insertTextFormat: InsertTextFormat.Snippet,
    documentation: { kind: 'markdown', value: KEYWORD_DOCS[word] ?? '' },
  }));
}

/** Components and groups of the model, without the declaration the cursor is in (it cannot need itself). */
function names(ctx: DocumentContext, offset: number, componentsOnly: boolean): CompletionItem[] {
  const own = ctx.file.syntax.declarations.find((d) => d.span.start <= offset && offset <= d.span.end && d.kind !== 'use');
  const ownName = own && own.kind !== 'use' ? own.name?.text : undefined;
  const items: CompletionItem[] = [];
  for (const element of ctx.model.elements.values()) {
    if (element.name === ownName || (componentsOnly && element.kind !== 'component')) continue;
    const figure = elementFigureLine(ctx.figures, element.name);
    const item: CompletionItem = {
      label: element.name,
      kind: element.kind === 'component' ? CompletionItemKind.Class : CompletionItemKind.Module,
      detail: [element.kind, element.label ? `"${element.label}"` : undefined, figure].filter(Boolean).join(' · '),
    };
    items.push(item);
  }
  return items;
}

const TOP_SNIPPETS: CompletionItem[] = [
  snippet('component', 'component ${1:name} "${2:label}" {\n  mtbf ${3:50000h}\n  mttr ${4:1h}\n}', 'A component with an exponential law and a repair time'),
  snippet('component (replicated)', 'component ${1:name} {\n  mtbf ${2:8760h}\n  mttr ${3:15min}\n  replicas ${4:3}\n  quorum ${5:2}\n}', 'A replicated component: n instances, k needed'),
  snippet('group', 'group ${1:name} = ${2|parallel,series|}(${3:a}, ${4:b})', 'A redundancy group'),
  snippet('group (k of n)', 'group ${1:name} = ${2:2} of (${3:a}, ${4:b}, ${5:c})', 'At least k of the members must work'),
  snippet('group (standby)', 'group ${1:name} = standby(${2:primary}, ${3:spare}) {\n  failover ${4:30s}\n  coverage ${5:99%}\n  dormancy ${6:0%}\n}', 'A standby group: primary, then spares switched in order'),
  snippet('system', 'system ${1:name} "${2:label}" {\n  needs ${3}\n  mission ${4:1y}\n  require availability >= ${5:99.9%}\n}', 'The system to analyse'),
  snippet('use', 'use "${1:file.ft}"', 'Use the elements of another file'),
];

const COMBINATOR_SNIPPETS: CompletionItem[] = [
  snippet('parallel', 'parallel(${1:a}, ${2:b})', 'Works when any one member works'),
  snippet('series', 'series(${1:a}, ${2:b})', 'Works when all members work'),
  snippet('k of', '${1:2} of (${2:a}, ${3:b}, ${4:c})', 'Works when at least k members work'),
  snippet('standby', 'standby(${1:primary}, ${2:spare})', 'Primary active, spares switched in order (a whole group only)'),
];

function snippet(label: string, body: string, doc: string): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Snippet,
    insertText: body,
    insertTextFormat: InsertTextFormat.Snippet,
    documentation: doc,
    filterText: label.split(' ')[0],
  };
}

function unitItems(ctx: DocumentContext, start: number, offset: number, expects: 'duration' | 'rate' | 'probability'): CompletionItem[] {
  const lines = lineIndexOf(ctx.file);
  const range = { start: lines.positionAt(start), end: lines.positionAt(offset) };
  const item = (text: string, doc: string, sort: number): CompletionItem => ({
    label: text,
    kind: CompletionItemKind.Unit,
    detail: doc,
    textEdit: { range, newText: text },
    filterText: text,
    sortText: String(sort).padStart(2, '0'),
  });
  const units = Object.entries(UNIT_DOCS);
  if (expects === 'probability') return [item('%', 'percent', 0)];
  if (expects === 'rate') return units.map(([u, doc], i) => item(`/${u}`, `per ${doc}`, i));
  return units.map(([u, doc], i) => item(u, doc, i));
}
