import { describe, expect, it } from 'vitest';
import { compileStructure, dependencyOrder, elementRoot, SYSTEM_ROOT } from '../../server/src/analysis/structure';
import { loadModel } from '../../server/src/language/workspace';
import { memoryHost } from '../support/memory-host';

const load = (text: string) => loadModel('/m.ft', memoryHost({ '/m.ft': text }));

describe('the structure compiler', () => {
  it('makes one basic event per instance, named app[i], and shares a dependency instead of copying it', () => {
    const structure = compileStructure(
      load(`system s { needs app }
        component db { mtbf 1000h mttr 1h }
        component app { mtbf 100h mttr 1h replicas 1000 quorum 600 needs db }`),
    );
    const names = structure.graph.events.map((e) => e.name);
    expect(names.filter((n) => n === 'db')).toHaveLength(1);
    expect(names).toContain('app[1]');
    expect(names).toContain('app[1000]');
    expect(structure.graph.events).toHaveLength(1001);
    // One threshold gate over the replicas plus one OR with the shared database.
    expect(structure.graph.gates.length).toBeLessThanOrEqual(3);
  });

  it('lists gates in topological order: a gate only refers to earlier gates', () => {
    const structure = compileStructure(
      load(`system s { needs top }
        component a { probability 0.1 }
        component b { probability 0.1 needs a }
        group mid = parallel(a, b)
        group top = series(mid, parallel(b, mid))`),
    );
    structure.graph.gates.forEach((gate, i) => {
      for (const input of gate.inputs) if (input.kind === 'gate') expect(input.index).toBeLessThan(i);
    });
    expect(structure.graph.roots.has(SYSTEM_ROOT)).toBe(true);
    expect(structure.graph.roots.has(elementRoot('mid'))).toBe(true);
  });

  it('folds components without a law: they never fail', () => {
    const structure = compileStructure(
      load(`system s { needs svc }
        component db { mtbf 1000h mttr 1h }
        component svc { needs db }`),
    );
    expect(structure.graph.events.map((e) => e.name)).toEqual(['db']);
    expect(structure.graph.roots.get(elementRoot('svc'))).toEqual({ kind: 'event', index: 0 });
  });

  it('orders 100,000 chained elements without overflowing the stack', () => {
    const lines = ['system s { needs c0 }'];
    for (let i = 0; i < 100_000; i++) lines.push(`component c${i} { probability 0.001${i + 1 < 100_000 ? ` needs c${i + 1}` : ''} }`);
    const model = load(lines.join('\n'));
    const order = dependencyOrder(model);
    expect(order[0]).toBe('c99999');
    expect(order[order.length - 1]).toBe('c0');
  });
});
