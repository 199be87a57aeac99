import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeLabel, modelToMermaid, type Diagram } from '../../server/src/diagram/mermaid';
import { loadModel } from '../../server/src/language/workspace';
import { analyzeText } from '../support/analyze-text';
import { memoryHost } from '../support/memory-host';

const webShop = readFileSync(join(__dirname, '../../samples/web-shop.ft'), 'utf8');

function diagramOf(text: string, maxNodes?: number): Diagram {
  const { model, analysis } = analyzeText(text);
  return modelToMermaid(model, analysis, maxNodes === undefined ? {} : { maxNodes });
}

const idOf = (d: Diagram, name: string) => d.nodes.find((n) => n.name === name && n.kind !== 'junction')!.id;
const lines = (d: Diagram) => d.text.split('\n').map((l) => l.trim());

describe('the architecture as a Mermaid flowchart', () => {
  it('uses generated node ids only; names appear inside labels', () => {
    const d = diagramOf(webShop);
    for (const n of d.nodes) expect(n.id).toMatch(/^(n\d+|sys|j\d+)$/);
    expect(d.nodes.map((n) => n.name).sort()).toEqual(['app', 'cache', 'db', 'dns', 'edge', 'lb_a', 'lb_b', 'shop']);
    expect(d.text).not.toMatch(/^\s*(lb_a|cache|app)\b/m);
  });

  it('draws replicas as one node, "app ×6 (3 needed)", with the component availability', () => {
    const d = diagramOf(webShop);
    const app = lines(d).find((l) => l.startsWith(`${idOf(d, 'app')}[`))!;
    expect(app).toContain('app ×6 (3 needed)<br/><i>Storefront app</i>');
    expect(lines(d).find((l) => l.startsWith(`${idOf(d, 'lb_a')}[`))).toContain('99.9980%');
  });

  it('draws a group as a subgraph labelled with its rule, its members inside', () => {
    const d = diagramOf(webShop);
    const text = lines(d);
    const open = text.findIndex((l) => l.startsWith(`subgraph ${idOf(d, 'edge')}[`));
    expect(text[open]).toContain('edge · <i>Edge tier</i> · parallel');
    expect(text.slice(open + 1, open + 3).map((l) => l.slice(0, l.indexOf('[')))).toEqual([idOf(d, 'lb_a'), idOf(d, 'lb_b')]);
    expect(text[open + 3]).toBe('end');
  });

  it('draws needs as arrows, from the system and between components', () => {
    const d = diagramOf(webShop);
    const text = lines(d);
    expect(text).toContain(`sys --> ${idOf(d, 'dns')}`);
    expect(text).toContain(`sys --> ${idOf(d, 'edge')}`);
    expect(text).toContain(`${idOf(d, 'app')} --> ${idOf(d, 'cache')}`);
    expect(text).toContain(`${idOf(d, 'app')} --> ${idOf(d, 'db')}`);
  });

  it('marks the SPOFs with the red class and the system node with its headline figures', () => {
    const d = diagramOf(webShop);
    const spofs = ['cache', 'db', 'dns'].map((n) => idOf(d, n));
    expect(lines(d)).toContain(`class ${spofs.join(',')} spof`);
    expect(d.nodes.filter((n) => n.spof).map((n) => n.name).sort()).toEqual(['cache', 'db', 'dns']);
    expect(d.text).toContain('classDef spof fill:#fde2e1,stroke:#c62828');
    const system = lines(d).find((l) => l.startsWith('sys(['))!;
    expect(system).toMatch(/Web shop storefront<br\/>availability 99\.93\d*%<br\/>downtime .*\/y<br\/>3 SPOFs/);
  });

  it('escapes user text so no HTML or Mermaid syntax survives in a label', () => {
    const d = diagramOf('system s { needs web }\ncomponent web "<img src=x onerror=alert(1)> [x] {y} |z| #w" { mtbf 1000h  mttr 1h }\n');
    expect(d.text).not.toContain('<img');
    expect(d.text).toContain('#60;img src=x onerror=alert#40;1#41;#62; #91;x#93; #123;y#125; #124;z#124; #35;w');
    expect(escapeLabel('a"b\nc')).toBe('a#34;b c');
  });

  it('draws a group whose members belong to other groups too as a node with dotted edges', () => {
    const d = diagramOf(
      [
        'system s { needs g1, g2 }',
        'component a { mtbf 1000h  mttr 1h }',
        'component b { mtbf 1000h  mttr 1h }',
        'group g1 = parallel(a, b)',
        'group g2 = series(a, b)',
      ].join('\n'),
    );
    expect(d.text).not.toContain('subgraph');
    expect(lines(d)).toContain(`${idOf(d, 'g1')} -.-> ${idOf(d, 'a')}`);
    expect(lines(d).find((l) => l.startsWith(`${idOf(d, 'g2')}[/`))).toContain('series');
  });

  it('labels a standby group with its failover and coverage, and an inline k-of-n as a junction', () => {
    const d = diagramOf(
      [
        'system s { needs db_ha, 2 of (x, y, z) }',
        'component p { mtbf 30000h  mttr 2h }',
        'component q { mtbf 30000h  mttr 2h }',
        'group db_ha = standby(p, q) { failover 30s  coverage 99% }',
        'component x { mtbf 1000h  mttr 1h }',
        'component y { mtbf 1000h  mttr 1h }',
        'component z { mtbf 1000h  mttr 1h }',
      ].join('\n'),
    );
    expect(lines(d).find((l) => l.startsWith(`subgraph ${idOf(d, 'db_ha')}[`))).toContain('standby, failover 30 s, coverage 99%');
    const junction = d.nodes.find((n) => n.kind === 'junction')!;
    expect(junction.name).toBe('2 of 3');
    expect(lines(d)).toContain(`sys --> ${junction.id}`);
    expect(lines(d)).toContain(`${junction.id} --> ${idOf(d, 'z')}`);
  });

  it('records where each element is declared: the name and the whole declaration', () => {
    const text = 'system s { needs a }\ncomponent a "A" { mtbf 1000h  mttr 1h }\n';
    const d = diagramOf(text);
    const a = d.nodes.find((n) => n.name === 'a')!;
    expect(text.slice(a.span!.start, a.span!.end)).toBe('a');
    expect(text.slice(a.declarationSpan!.start, a.declarationSpan!.end)).toBe('component a "A" { mtbf 1000h  mttr 1h }');
  });
});

describe('the readable fallback for large models', () => {
  const pairs = (n: number) =>
    [
      `system big { needs ${Array.from({ length: n }, (_, i) => `g${i}`).join(', ')} }`,
      'component shared { mtbf 9000h  mttr 1h }',
      ...Array.from({ length: n }, (_, i) => [
        `component a${i} { mtbf 1000h  mttr 1h  needs shared }`,
        `component b${i} { mtbf 1000h  mttr 1h }`,
        `group g${i} = parallel(a${i}, b${i})`,
      ]).flat(),
    ].join('\n');

  it('changes nothing while the model has at most maxNodes elements', () => {
    const d = diagramOf(pairs(3), 10);
    expect(d.collapsed).toBe(false);
    expect(d.text).toBe(diagramOf(pairs(3)).text);
  });

  it('collapses every group into one node beyond maxNodes, redirecting edges without self-loops or duplicates', () => {
    const d = diagramOf(pairs(5), 10);
    expect(d.collapsed).toBe(true);
    expect(d.text).not.toContain('subgraph');
    expect(d.nodes.map((n) => n.name).sort()).toEqual(['big', 'g0', 'g1', 'g2', 'g3', 'g4', 'shared']);
    const g0 = lines(d).find((l) => l.startsWith(`${idOf(d, 'g0')}[[`))!;
    expect(g0).toContain('g0<br/>parallel');
    expect(g0).toContain('2 elements inside');
    // a0 needs shared: the collapsed group points at shared, once.
    expect(lines(d).filter((l) => l === `${idOf(d, 'g0')} --> ${idOf(d, 'shared')}`)).toHaveLength(1);
    for (const l of lines(d)) {
      const edge = /^(\S+) -\S+ (\S+)$/.exec(l);
      if (edge) expect(edge[1]).not.toBe(edge[2]);
    }
  });

  it('handles deeply nested groups without recursion', () => {
    const depth = 3000;
    const text = [
      `system s { needs g${depth} }`,
      'component c0 { mtbf 1000h  mttr 1h }',
      'group g1 = series(c0)',
      ...Array.from({ length: depth - 1 }, (_, i) => `group g${i + 2} = series(g${i + 1})`),
    ].join('\n');
    const model = loadModel('/deep.ft', memoryHost({ '/deep.ft': text }));
    const d = modelToMermaid(model, undefined);
    expect(d.text.match(/subgraph/g)).toHaveLength(depth);
    expect(d.text.match(/^\s*end$/gm)).toHaveLength(depth);
    expect(modelToMermaid(model, undefined, { maxNodes: 10 }).nodes).toHaveLength(2); // g3000 and the system
  });
});
