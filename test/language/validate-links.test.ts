import { describe, expect, it } from 'vitest';
import { graphOf, spellCycle, stronglyConnected } from '../../server/src/language/validate-cycles';
import { element, load, only, show, shown, shownAll } from './validate-support';

describe('needs each', () => {
  it('pairs replicas of components with the same count', () => {
    const model = load(`component app { mtbf 10h mttr 1h replicas 3 needs each zone }
component zone { mtbf 10h mttr 1h replicas 3 }`);
    expect(shownAll(model)).toEqual([]);
    expect(element(model, 'app', 'component').needs).toEqual([{ kind: 'each', name: 'zone' }]);
  });

  it('reports different replica counts at the name, with both counts', () => {
    const model = load(`component app { mtbf 10h mttr 1h replicas 3 needs each zone }
component zone { mtbf 10h mttr 1h replicas 2 }`);
    const d = only(model, 'needs-each-replicas');
    expect(show(model, d)).toMatchObject({
      message: "'needs each zone': 'zone' has 2 replicas, 'app' has 3; they must be equal",
      at: '1:56-1:60',
    });
    expect(d.related?.[0]?.message).toBe("'zone' is declared here");
  });

  it('wants a component, not a group', () => {
    const model = load(`component app { mtbf 10h mttr 1h replicas 2 needs each zones }
group zones = parallel(a, b)
component a { mtbf 10h mttr 1h }
component b { mtbf 10h mttr 1h }`);
    expect(show(model, only(model, 'needs-each-not-component'))).toMatchObject({
      message: "'needs each' needs a replicated component; 'zones' is a group",
      text: 'zones',
      at: '1:56-1:61',
    });
  });

  it('is a syntax error on a system (reported once, by the parser)', () => {
    const model = load('system s { needs each a }\ncomponent a { mtbf 10h mttr 1h }');
    expect(shownAll(model).map((d) => d.code)).toEqual(['syntax-error', 'unused-component']);
  });
});

describe('common cause', () => {
  it('covers a group of identical components', () => {
    const model = load(`group disks = 2 of (d1, d2, d3) { ccf beta 2% }
component d1 { mtbf 1y mttr 8h }
component d2 { mtbf 1y mttr 8h }
component d3 { mttf 8760h mttr 480min }`);
    expect(shownAll(model)).toEqual([]);
    expect(element(model, 'disks', 'group').ccfBeta).toBe(0.02);
  });

  it("reports covered instances with a different law or MTTR' (ccf-mismatch)", () => {
    const model = load(`group disks = parallel(d1, d2) { ccf beta 2% }
component d1 { mtbf 1000h mttr 8h }
component d2 { mtbf 1000h mttr 4h }`);
    const d = only(model, 'ccf-mismatch');
    expect(show(model, d)).toMatchObject({
      message:
        "all instances under the 'ccf' of 'disks' must share law, parameters and MTTR': 'd1' has rate 0.001/h, MTTR' 8h, 'd2' has rate 0.001/h, MTTR' 4h",
      text: 'ccf beta 2%',
      at: '1:34-1:45',
    });
    expect(d.related?.map((r) => r.message)).toEqual(["law of 'd1'", "law of 'd2'"]);
  });

  it('reaches nested groups and replicas but not needs', () => {
    const model = load(`group all = series(inner, r) { ccf beta 1% }
group inner = parallel(a, b)
component a { rate 1e-3/h mttr 1h needs other }
component b { rate 1e-3/h mttr 1h }
component r { rate 1e-3/h mttr 1h replicas 3 }
component other { rate 5e-3/h mttr 9h }`);
    expect(shownAll(model)).toEqual([]);
  });

  it('reports an instance in two common-cause events at the later one (ccf-overlap)', () => {
    const model = load(`component app { mtbf 100h mttr 1h replicas 3 ccf beta 5% }
group g = parallel(app, b) { ccf beta 1% }
component b { mtbf 100h mttr 1h }`);
    const d = only(model, 'ccf-overlap');
    expect(show(model, d)).toMatchObject({
      message: "'app' is already covered by the 'ccf' of 'app' (an instance is in at most one common-cause event)",
      at: '2:30-2:41',
    });
    expect(d.related?.[0]?.message).toBe("the 'ccf' of 'app'");
  });

  it('needs at least two instances that can fail (ccf-too-few)', () => {
    const model = load(`group g = parallel(a, n) { ccf beta 1% }
component a { mtbf 100h mttr 1h }
component n { }`);
    expect(show(model, only(model, 'ccf-too-few'))).toMatchObject({
      message: "'ccf' on 'g' covers 1 component instance with a failure law; a common cause needs at least 2",
      text: 'ccf beta 1%',
      at: '1:28-1:39',
    });
  });

  it('cannot reach into a standby group', () => {
    const model = load(`group g = parallel(sb, c) { ccf beta 1% }
group sb = standby(a, b)
component a { mtbf 100h mttr 1h }
component b { mtbf 100h mttr 1h }
component c { mtbf 100h mttr 1h }`);
    expect(show(model, only(model, 'ccf-on-standby'))).toMatchObject({
      message: "'ccf' on 'g' would cover standby group 'sb'; its members fail through the standby logic and cannot share a common cause",
      text: 'ccf beta 1%',
      at: '1:29-1:40',
    });
  });
});

describe('dependency cycles', () => {
  it('are spelled out in full, reported at the first edge with related information at each edge', () => {
    const model = load(`component a { mtbf 10h mttr 1h needs b }
component b { mtbf 10h mttr 1h needs g }
group g = parallel(a, c)
component c { mtbf 10h mttr 1h }`);
    const d = only(model, 'dependency-cycle');
    expect(show(model, d)).toMatchObject({ message: 'dependency cycle: a → b → g → a', at: '1:38-1:39', text: 'b' });
    expect(d.related?.map((r) => r.message)).toEqual(["'a' depends on 'b' here", "'b' depends on 'g' here", "'g' depends on 'a' here"]);
    expect(d.related?.[2]?.span).toEqual({ start: 101, end: 102 });
  });

  it('include a component that needs itself', () => {
    const model = load('component a { mtbf 10h mttr 1h needs a }');
    expect(shown(model, 'dependency-cycle').map((d) => d.message)).toEqual(['dependency cycle: a → a']);
  });

  it('are reported once per tangle, with its shortest cycle', () => {
    const model = load(`group a = series(b, c)
group b = series(a)
group c = series(a, b)`);
    expect(shown(model, 'dependency-cycle').map((d) => d.message)).toEqual(['dependency cycle: a → b → a']);
  });

  it('are found without recursion on a chain of 100,000 elements', () => {
    const n = 100_000;
    const lines = Array.from({ length: n }, (_, i) => `component e${i} { mtbf 10h mttr 1h needs e${(i + 1) % n} }`);
    const model = load(lines.join('\n'));
    const cycles = shown(model, 'dependency-cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.message.startsWith('dependency cycle: e0 → e1 → e2 → ')).toBe(true);
    expect(cycles[0]!.message).toContain(' → e49 → … 99,900 more … → e99950 → ');
    expect(cycles[0]!.message.endsWith(' → e99999 → e0')).toBe(true);
  });

  it('are absent from a 100,000-element chain without a back edge', () => {
    const n = 100_000;
    const lines = Array.from({ length: n }, (_, i) => (i + 1 < n ? `component e${i} { needs e${i + 1} }` : `component e${i} { mtbf 10h mttr 1h }`));
    const model = load(lines.join('\n'));
    expect(shownAll(model)).toEqual([]);
  });
});

describe('spelling a cycle', () => {
  it('shows every name up to 100, and the two ends of a longer one', () => {
    expect(spellCycle(['a', 'b'])).toBe('a → b → a');
    const hundred = Array.from({ length: 100 }, (_, i) => `n${i}`);
    expect(spellCycle(hundred).split(' → ')).toHaveLength(101);
    const long = Array.from({ length: 101 }, (_, i) => `n${i}`);
    expect(spellCycle(long)).toContain('n49 → … 1 more … → n51');
  });
});

describe('strongly connected components', () => {
  it('match a brute-force reachability answer on small graphs', () => {
    for (let seed = 1; seed <= 200; seed++) {
      let state = seed;
      const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const n = 1 + Math.floor(random() * 7);
      const targets = Array.from({ length: n }, () => Array.from({ length: n }, (_, j) => j).filter(() => random() < 0.25));
      const reach = targets.map((out) => new Set(out));
      for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) if (reach[i]!.has(k)) for (const j of reach[k]!) reach[i]!.add(j);
      const onCycle = Array.from({ length: n }, (_, i) => reach[i]!.has(i));
      const found = stronglyConnected(graphOf(targets));
      const covered = new Set(found.flat());
      for (let i = 0; i < n; i++) expect(covered.has(i)).toBe(onCycle[i]);
      for (const component of found) for (const i of component) for (const j of component) expect(i === j || reach[i]!.has(j)).toBe(true);
    }
  });
});

describe('the basic-event limit', () => {
  it('reports the element at which the model passes 1,000,000 events', () => {
    const lines = Array.from({ length: 101 }, (_, i) => `component c${i} { mtbf 10h mttr 1h replicas 10000 }`);
    const model = load(lines.join('\n'));
    const d = only(model, 'too-many-events');
    expect(show(model, d)).toMatchObject({
      message:
        "the model has 1,010,000 basic events (component instances, common-cause events and standby groups); the limit is 1,000,000, reached at 'c100'",
      at: '101:11-101:15',
    });
  });

  it('allows exactly 1,000,000, not counting components without a law and counting a standby group once', () => {
    const lines = Array.from({ length: 99 }, (_, i) => `component c${i} { mtbf 10h mttr 1h replicas 10000 }`);
    lines.push(
      'component c99 { mtbf 10h mttr 1h replicas 9998 }',
      'component free { replicas 10000 }',
      'group sb = standby(p, q)',
      'component p { mtbf 1h mttr 1h }',
      'component q { mtbf 1h mttr 1h }',
      'component pair { mtbf 1h mttr 1h replicas 2 ccf beta 1% }',
    );
    // 990,000 + 9,996 + 1 (sb) + 2 (pair) + 1 (ccf(pair)) = 1,000,000; `free`, p and q add nothing.
    const atLimit = load(lines.join('\n').replace('replicas 9998', 'replicas 9996'));
    expect(shown(atLimit, 'too-many-events')).toEqual([]);
    const over = load(lines.join('\n').replace('replicas 9998', 'replicas 9997'));
    expect(shown(over, 'too-many-events').map((d) => d.message)).toEqual([
      "the model has 1,000,001 basic events (component instances, common-cause events and standby groups); the limit is 1,000,000, reached at 'pair'",
    ]);
  });
});
