import { describe, expect, it } from 'vitest';
import { contains, nodeAtCursor, type LocatedNode } from '../../client/src/preview/node-at-cursor';

const range = (sl: number, sc: number, el: number, ec: number) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
const node = (id: string, name: string, kind: LocatedNode['kind'], decl: ReturnType<typeof range> | null, uri: string | null = '/m.ft'): LocatedNode => ({
  id,
  name,
  kind,
  uri,
  range: decl,
  declarationRange: decl,
});

const nodes: LocatedNode[] = [
  node('sys', 'shop', 'system', range(0, 0, 3, 1)),
  node('n1', 'cache', 'component', range(5, 0, 8, 1)),
  node('n2', 'db-primary', 'component', range(10, 0, 10, 40)),
  node('n3', 'edge', 'group', range(12, 0, 12, 30)),
  node('j4', 'parallel', 'junction', null, null),
  node('n5', 'zone', 'component', range(0, 0, 1, 0), '/other.ft'),
];
const here = (uri: string) => uri === '/m.ft';

describe('which node the editor cursor is on', () => {
  it('is the declaration the cursor is inside', () => {
    expect(nodeAtCursor(nodes, here, { line: 6, character: 4 }, 'mtbf')).toBe('n1');
    expect(nodeAtCursor(nodes, here, { line: 2, character: 2 }, undefined)).toBe('sys');
  });

  it('is the element named under the cursor, so a reference highlights what it refers to', () => {
    expect(nodeAtCursor(nodes, here, { line: 1, character: 10 }, 'cache')).toBe('n1');
    expect(nodeAtCursor(nodes, here, { line: 1, character: 10 }, 'db-primary')).toBe('n2');
  });

  it('never picks a junction by its combinator word', () => {
    expect(nodeAtCursor(nodes, here, { line: 12, character: 14 }, 'parallel')).toBe('n3');
  });

  it('ignores declarations of other files and blank space between declarations', () => {
    expect(nodeAtCursor(nodes, here, { line: 4, character: 0 }, undefined)).toBeNull();
    expect(nodeAtCursor([nodes[5]!], here, { line: 0, character: 3 }, undefined)).toBeNull();
  });

  it('prefers the innermost declaration when ranges nest', () => {
    const nested = [node('outer', 'a', 'group', range(0, 0, 20, 0)), node('inner', 'b', 'component', range(3, 0, 4, 0))];
    expect(nodeAtCursor(nested, here, { line: 3, character: 5 }, undefined)).toBe('inner');
  });

  it('treats range ends as inside (the cursor right after `}`)', () => {
    expect(contains(range(5, 0, 8, 1), { line: 8, character: 1 })).toBe(true);
    expect(contains(range(5, 0, 8, 1), { line: 8, character: 2 })).toBe(false);
    expect(contains(range(5, 2, 8, 1), { line: 5, character: 1 })).toBe(false);
  });
});
