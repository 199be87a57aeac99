/**
 * Deterministic generators of `.ft` models for the benchmarks.
 *
 * - `generateLinesModel`: a model of a requested number of lines that uses
 *   every construct of the language, for parse + validate timings.
 * - `generateServiceModel`: a layered service architecture of a requested
 *   number of component instances, for analysis timings: replicated services
 *   with quorums, shared lower-layer dependencies, zones, standby and
 *   common-cause groups, parallel and k-of-n groups.
 *
 * Both are pure: the same arguments give the same text (seeded mulberry32).
 */

// ---------------------------------------------------------------- seeded randomness

/** mulberry32: 32-bit state, period 2^32; identical on every platform. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Random {
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  return {
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

const DEFAULT_SEED = 20260101;

// ---------------------------------------------------------------- shared text helpers

/** An exponential law as a user would write it, in one of the four notations. */
function exponentialLaw(rnd: Random): string {
  switch (rnd.int(0, 3)) {
    case 0:
      return `mtbf ${rnd.pick([2190, 4380, 8760, 17520, 50000])}h`;
    case 1:
      return `mttf ${rnd.pick([1, 2, 5, 10])}y`;
    case 2:
      return `rate ${rnd.pick(['1.2e-4/h', '5e-5/h', '3/y', '0.5/y'])}`;
    default:
      return `fit ${rnd.pick([500, 1000, 5000, 20000])}`;
  }
}

function mttrText(rnd: Random): string {
  return rnd.pick(['10min', '15min', '30min', '1h', '2h', '4h']);
}

/** `needs a, b, c` split into lines of at most `perLine` names. */
function needsLines(names: readonly string[], perLine: number, indent: string): string[] {
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += perLine) {
    lines.push(`${indent}needs ${names.slice(i, i + perLine).join(', ')}`);
  }
  return lines;
}

// ---------------------------------------------------------------- lines model

const SYSTEM_NEEDS_PER_LINE = 10;

/** Lines of the system block (plus its leading comment and trailing blank line) for `units` units. */
function systemBlockLength(units: number): number {
  return 7 + Math.ceil(units / SYSTEM_NEEDS_PER_LINE);
}

function linesSystemBlock(units: number, seed: number): string[] {
  const names = Array.from({ length: units }, (_, i) => `u${i + 1}`);
  return [
    `// Generated benchmark model: ${units} units, seed ${seed}.`,
    'system bench "Generated benchmark model" {',
    ...needsLines(names, SYSTEM_NEEDS_PER_LINE, '  '),
    '  mission 1y',
    '  default mttr 4h                    // used by the caches, which give no mttr',
    '  require availability >= 90%',
    '}',
    '',
  ];
}

/**
 * One self-contained unit `u<i>`: a replicated app spread over zones, a cache,
 * a standby database pair, Weibull disks with a CCF, a link pair with a group
 * CCF, two third parties. The top group `u<i>` may be needed by later units.
 */
function linesUnit(i: number, rnd: Random): string[] {
  const u = `u${i}`;
  const replicas = rnd.pick([3, 3, 5]);
  const quorum = rnd.int(Math.ceil(replicas / 2), replicas - 1);
  const appNeeds = [`${u}_cache`];
  if (i > 1 && rnd.chance(0.7)) appNeeds.push(`u${rnd.int(Math.max(1, i - 20), i - 1)}`);
  const linkLaw = exponentialLaw(rnd);
  const weibull = rnd.chance(0.5) ? 'weibull shape 1.2 scale 620000h' : 'weibull scale 580000h shape 1.1';
  return [
    `// ---------------------------------------------------------------- unit ${i}`,
    `/* Service ${i}: a replicated app over ${replicas} zones, a standby database,`,
    '   disks with a common cause, a redundant link pair and two third parties. */',
    `component ${u}_zone "Zone set ${i}" {`,
    '  mtbf 17520h',
    '  mttr 3h',
    `  replicas ${replicas}`,
    '}',
    '',
    `component ${u}_app "Service ${i}" {`,
    `  ${exponentialLaw(rnd)}`,
    `  mttr ${mttrText(rnd)}`,
    `  replicas ${replicas}`,
    `  quorum ${quorum}`,
    `  needs each ${u}_zone`,
    `  needs ${appNeeds.join(', ')}`,
    `  recovery restart ${rnd.pick(['30s', '1min', '2min'])} coverage ${rnd.pick(['80%', '90%', '95%'])}`,
    '}',
    `component ${u}_cache { fit ${rnd.pick([2000, 5000])}  recovery retry coverage 50% }`,
    '',
    `component ${u}_db_a { mtbf 30000h  mttr 2h }`,
    `component ${u}_db_b { mtbf 30000h  mttr 2h }`,
    `group ${u}_db "Database ${i}" = standby(${u}_db_a, ${u}_db_b) {`,
    '  failover 30s',
    '  coverage 99%',
    '  dormancy 10%',
    '}',
    '',
    `component ${u}_disk "Disks ${i}" {`,
    `  ${weibull}`,
    '  mttr 24h',
    '  replicas 6',
    '  quorum 4',
    '  ccf beta 2%',
    '}',
    '',
    `component ${u}_link_a { ${linkLaw}  mttr 1h }`,
    `component ${u}_link_b { ${linkLaw}  mttr 1h }`,
    `group ${u}_net = parallel(${u}_link_a, ${u}_link_b) { ccf beta 5% }`,
    '',
    `component ${u}_vendor "Vendor ${i}" { probability 0.1% }`,
    `component ${u}_sla "Provider ${i}" {`,
    '  availability 99.95%',
    '  mttr 1h',
    '  accept spof "provider SLA"',
    '}',
    '',
    `group ${u} "Unit ${i}" = series(${u}_app, ${u}_db, 2 of (${u}_disk, ${u}_net, ${u}_vendor)) {`,
    `  needs ${u}_sla`,
    '}',
    '',
  ];
}

/**
 * A valid single-file model of exactly `targetLines` lines (counting the line
 * after the final newline as none), built from units of ~50 lines and padded
 * with comment lines. Below one unit plus the system (~60 lines) the model is
 * that minimum instead.
 */
export function generateLinesModel(targetLines: number, seed: number = DEFAULT_SEED): string {
  const rnd = createRandom(seed);
  const units: string[][] = [];
  let unitLines = 0;
  for (;;) {
    const next = linesUnit(units.length + 1, rnd);
    const total = unitLines + next.length + systemBlockLength(units.length + 1);
    if (units.length > 0 && total > targetLines) break;
    units.push(next);
    unitLines += next.length;
  }
  const lines = [...linesSystemBlock(units.length, seed), ...units.flat()];
  while (lines.length < targetLines) lines.push('// padding to the requested size');
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------- service model

/** Something a service can `needs`: a service component or a group, living in one layer. */
interface Target {
  readonly name: string;
  readonly layer: number;
}

interface Service {
  readonly name: string;
  readonly label: string;
  readonly layer: number;
  replicas: number;
  /** Fraction of replicas needed; the quorum is recomputed from it after resizing. */
  readonly quorumShare: number;
  readonly law: string;
  readonly mttr: string;
  readonly restart: string | undefined;
  readonly ccf: string | undefined;
  /** `needs each zone`: then replicas is fixed to the zone count. */
  readonly inZones: boolean;
  readonly needs: string[];
}

/** Components with no replicas that live in a standby or CCF group. */
interface SingleComponent {
  readonly name: string;
  readonly law: string;
  readonly mttr: string;
  readonly needs: string[];
}

interface GroupDecl {
  readonly name: string;
  readonly label: string;
  readonly expr: string;
  readonly options: readonly string[];
}

interface Architecture {
  readonly layers: number;
  readonly services: Service[];
  readonly singles: SingleComponent[];
  readonly groups: GroupDecl[];
  /** Every possible need target, in creation order. */
  readonly targets: Target[];
  readonly top: string[];
}

const ZONES = 3;
const LAYER_NAMES = ['data', 'storage', 'core', 'domain', 'aggregation', 'api', 'bff', 'edge'];
const SHARED_KINDS = ['db', 'cache', 'queue', 'search', 'blob'];

function quorumOf(service: Service): number {
  return Math.min(service.replicas, Math.max(1, Math.ceil(service.replicas * service.quorumShare)));
}

/** Picks a need target below `layer`, biased to the layer just below and to "popular" early targets (fan-in). */
function pickLowerTarget(byLayer: readonly Target[][], layer: number, rnd: Random): Target {
  const below = rnd.chance(0.6) ? layer - 1 : rnd.int(0, layer - 1);
  const pool = byLayer[below]!;
  const skew = rnd.int(0, 99) / 100;
  return pool[Math.floor(skew * skew * pool.length)]!;
}

function newService(name: string, label: string, layer: number, rnd: Random, inZones: boolean, shared: boolean): Service {
  return {
    name,
    label,
    layer,
    replicas: inZones ? ZONES : rnd.int(3, 10),
    quorumShare: shared ? rnd.pick([0.5, 0.6]) : rnd.pick([0.3, 0.5, 0.6, 0.75]),
    law: exponentialLaw(rnd),
    mttr: mttrText(rnd),
    restart: rnd.chance(0.5) ? `recovery restart ${rnd.pick(['30s', '1min', '2min'])} coverage ${rnd.pick(['80%', '90%', '95%'])}` : undefined,
    ccf: shared && rnd.chance(0.3) ? `ccf beta ${rnd.pick(['1%', '2%', '5%'])}` : undefined,
    inZones,
    needs: [],
  };
}

/** How many services each layer gets: a small edge on top, a broad middle, shared data at the bottom. */
function layerSizes(services: number, layers: number): number[] {
  const weights = Array.from({ length: layers }, (_, l) => (l === layers - 1 ? 0.4 : l === 0 ? 1.2 : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.max(2, Math.round((services * w) / sum)));
}

function buildArchitecture(instances: number, rnd: Random): Architecture {
  const layers = rnd.int(5, 8);
  // ~6.5 replicas per service on average, plus small groups every 100 services.
  const serviceCount = Math.max(layers * 2, Math.round(instances / 6.6));
  const sizes = layerSizes(serviceCount, layers);
  const services: Service[] = [];
  const singles: SingleComponent[] = [];
  const groups: GroupDecl[] = [];
  const targets: Target[] = [];
  const byLayer: Target[][] = Array.from({ length: layers }, () => []);
  const addTarget = (t: Target): void => {
    targets.push(t);
    byLayer[t.layer]!.push(t);
  };
  let made = 0;

  for (let layer = 0; layer < layers; layer++) {
    const layerName = LAYER_NAMES[layer]!;
    const layerServices: Service[] = [];
    for (let k = 1; k <= sizes[layer]!; k++) {
      const kind = layer === 0 ? SHARED_KINDS[(k - 1) % SHARED_KINDS.length]! : 'svc';
      const name = `${layerName}_${kind}${k}`;
      const service = newService(name, `${layerName} ${kind} ${k}`, layer, rnd, rnd.chance(0.2), layer === 0);
      if (layer > 0) {
        const count = rnd.int(1, 3);
        for (let n = 0; n < count; n++) {
          const t = pickLowerTarget(byLayer, layer, rnd);
          if (!service.needs.includes(t.name)) service.needs.push(t.name);
        }
      }
      layerServices.push(service);
      services.push(service);
      addTarget({ name, layer });
      made++;
      // With the first service and then every 100: a standby pair and a common-cause group, low in the stack.
      if (made === 1 || made % 100 === 0) {
        addSpecials(services.length, Math.min(layer, 1), rnd, singles, groups, addTarget, byLayer);
      }
    }
    // Top-layer services are needed by the system itself; groups there would be unused.
    if (layer < layers - 1) addRedundancyGroups(layerServices, layer, layerName, rnd, groups, addTarget);
  }
  const top = byLayer[layers - 1]!.map((t) => t.name);
  return { layers, services, singles, groups, targets, top };
}

/** A standby database pair and a 2-of-3 gateway group with a CCF, both usable as need targets. */
function addSpecials(
  id: number,
  layer: number,
  rnd: Random,
  singles: SingleComponent[],
  groups: GroupDecl[],
  addTarget: (t: Target) => void,
  byLayer: readonly Target[][],
): void {
  const db = `ha_db${id}`;
  const dbLaw = `mtbf ${rnd.pick([4380, 8760, 30000])}h`;
  singles.push({ name: `${db}_primary`, law: dbLaw, mttr: '2h', needs: [] });
  singles.push({ name: `${db}_standby`, law: dbLaw, mttr: '2h', needs: [] });
  groups.push({
    name: db,
    label: `HA database ${id}`,
    expr: `standby(${db}_primary, ${db}_standby)`,
    options: ['failover 30s', `coverage ${rnd.pick(['98%', '99%', '99.5%'])}`, `dormancy ${rnd.pick(['0%', '10%', '100%'])}`],
  });
  addTarget({ name: db, layer: 0 });

  const gw = `gw${id}`;
  const gwLaw = exponentialLaw(rnd);
  const gwNeeds = layer > 0 && byLayer[layer - 1]!.length > 0 ? [pickLowerTarget(byLayer, layer, rnd).name] : [];
  const members = ['a', 'b', 'c'].map((s) => `${gw}_${s}`);
  for (const m of members) singles.push({ name: m, law: gwLaw, mttr: '30min', needs: gwNeeds });
  groups.push({ name: gw, label: `Gateway trio ${id}`, expr: `2 of (${members.join(', ')})`, options: ['ccf beta 5%'] });
  addTarget({ name: gw, layer });
}

/**
 * Every ~10 services of a layer: a parallel pair or a k-of-n group over
 * services of that layer (in the shared layer, over services of one kind:
 * two databases, three caches).
 */
function addRedundancyGroups(
  layerServices: readonly Service[],
  layer: number,
  layerName: string,
  rnd: Random,
  groups: GroupDecl[],
  addTarget: (t: Target) => void,
): void {
  const stride = layer === 0 ? SHARED_KINDS.length : 1;
  // 11 in the shared layer so that successive groups cycle through the kinds without overlapping.
  const step = layer === 0 ? 2 * SHARED_KINDS.length + 1 : 10;
  let index = 0;
  for (let start = 0; start + 2 * stride < layerServices.length; start += step) {
    index++;
    const n = rnd.int(2, 3);
    const members = Array.from({ length: n }, (_, m) => layerServices[start + m * stride]!.name);
    const name = `${layerName}_redundant${index}`;
    const expr = n === 2 || rnd.chance(0.3) ? `parallel(${members.join(', ')})` : `2 of (${members.join(', ')})`;
    groups.push({ name, label: `Redundant ${layerName} ${index}`, expr, options: [] });
    addTarget({ name, layer });
  }
}

/** Every target below the top layer is needed by someone: unused ones go to a random service of the next layer up. */
function connectUnused(arch: Architecture, rnd: Random): void {
  const used = new Set<string>(arch.top);
  for (const s of arch.services) for (const n of s.needs) used.add(n);
  for (const c of arch.singles) for (const n of c.needs) used.add(n);
  const byLayer = arch.services.reduce<Service[][]>((acc, s) => {
    (acc[s.layer] ??= []).push(s);
    return acc;
  }, []);
  for (const t of arch.targets) {
    if (used.has(t.name) || t.layer === arch.layers - 1) continue;
    const upper = byLayer[t.layer + 1]!;
    const user = upper[rnd.int(0, upper.length - 1)]!;
    user.needs.push(t.name);
    used.add(t.name);
  }
}

function countInstances(arch: Architecture): number {
  const zones = arch.services.some((s) => s.inZones) ? ZONES : 0;
  return zones + arch.singles.length + arch.services.reduce((sum, s) => sum + s.replicas, 0);
}

/** Nudges replica counts (3–10, zone-bound services untouched) until the total is `instances`, where reachable. */
function resize(arch: Architecture, instances: number): void {
  const free = arch.services.filter((s) => !s.inZones);
  let delta = instances - countInstances(arch);
  for (let pass = 0; delta !== 0 && pass < 8; pass++) {
    for (const s of free) {
      if (delta === 0) break;
      if (delta > 0 && s.replicas < 10) {
        s.replicas++;
        delta--;
      } else if (delta < 0 && s.replicas > 3) {
        s.replicas--;
        delta++;
      }
    }
  }
}

function renderService(s: Service): string[] {
  const lines = [
    `component ${s.name} "${s.label}" {`,
    `  ${s.law}`,
    `  mttr ${s.mttr}`,
    `  replicas ${s.replicas}`,
    `  quorum ${quorumOf(s)}`,
  ];
  if (s.inZones) lines.push('  needs each zone');
  lines.push(...needsLines(s.needs, 4, '  '));
  if (s.restart) lines.push(`  ${s.restart}`);
  if (s.ccf) lines.push(`  ${s.ccf}`);
  lines.push('}');
  return lines;
}

function renderSingle(c: SingleComponent): string {
  const needs = c.needs.length > 0 ? `  needs ${c.needs.join(', ')}` : '';
  return `component ${c.name} { ${c.law}  mttr ${c.mttr}${needs} }`;
}

function renderGroup(g: GroupDecl): string[] {
  if (g.options.length === 0) return [`group ${g.name} "${g.label}" = ${g.expr}`];
  return [`group ${g.name} "${g.label}" = ${g.expr} {`, ...g.options.map((o) => `  ${o}`), '}'];
}

function renderArchitecture(arch: Architecture, seed: number): string {
  const lines: string[] = [
    `// Generated service architecture: ${arch.layers} layers, ${arch.services.length} services, seed ${seed}.`,
    'system services "Generated service architecture" {',
    ...needsLines(arch.top, 8, '  '),
    '  mission 1y',
    '}',
    '',
  ];
  if (arch.services.some((s) => s.inZones)) {
    lines.push('// Three availability zones; zone-bound services run one replica per zone.');
    lines.push(`component zone "Availability zone" { mtbf 17520h  mttr 3h  replicas ${ZONES} }`, '');
  }
  lines.push('// Standby pairs and common-cause gateway trios.');
  for (const c of arch.singles) lines.push(renderSingle(c));
  lines.push('');
  for (let layer = 0; layer < arch.layers; layer++) {
    lines.push(`// ---------------------------------------------------------------- layer ${layer}: ${LAYER_NAMES[layer]}`);
    for (const s of arch.services) if (s.layer === layer) lines.push(...renderService(s));
    lines.push('');
  }
  lines.push('// Redundancy groups.');
  for (const g of arch.groups) lines.push(...renderGroup(g));
  return lines.join('\n') + '\n';
}

/**
 * A layered service architecture with about `instances` component instances
 * (sum of replicas, zones and group members; exact when the target allows,
 * from ~100 up). One system needs every service of the top layer.
 */
export function generateServiceModel(
  instances: number,
  seed: number = DEFAULT_SEED,
): { text: string; instances: number; components: number; groups: number } {
  const rnd = createRandom(seed);
  const arch = buildArchitecture(instances, rnd);
  connectUnused(arch, rnd);
  resize(arch, instances);
  const zoneComponents = arch.services.some((s) => s.inZones) ? 1 : 0;
  return {
    text: renderArchitecture(arch, seed),
    instances: countInstances(arch),
    components: arch.services.length + arch.singles.length + zoneComponents,
    groups: arch.groups.length,
  };
}
