/**
 * A generated service model for the BDD engine's scale test and benchmark:
 * layers of replicated services with quorums, each needing 2–3 shared
 * services of the layer below, plus its independent closed-form answer.
 */
import type { BasicEvent, FaultGraph, Gate, NodeRef } from '../../server/src/analysis/fault-graph';
import { mulberry32 as random } from '../bench/generators';

export interface Service {
  readonly replicas: number;
  readonly quorum: number;
  readonly q: number;
  readonly dependencies: number[];
  /** Gate "this service fails, its needs included". */
  gate: number;
  /** Index of its first instance's event (its instances are consecutive). */
  firstEvent: number;
}

export interface ServiceModel {
  readonly graph: FaultGraph;
  readonly services: Service[];
  readonly q: Float64Array;
  readonly p: Float64Array;
  readonly topLayer: number[];
}

/**
 * Layers of services (top first); each has 3–10 replicas with a quorum and
 * needs 2–3 services of the layer below, shared (the structure compiler's
 * form: or(quorum lost, needs)). The system needs every top-layer service.
 */
export function serviceModel(layerSizes: number[], seed: number): ServiceModel {
  const next = random(seed);
  const services: Service[] = [];
  const layers: number[][] = [];
  for (const size of layerSizes) {
    const layer: number[] = [];
    for (let i = 0; i < size; i++) {
      const replicas = 3 + Math.floor(next() * 8);
      const quorum = 1 + Math.floor(next() * replicas);
      const q = 10 ** (-2 - 4 * next());
      layer.push(services.length);
      services.push({ replicas, quorum, q, dependencies: [], gate: -1, firstEvent: -1 });
    }
    layers.push(layer);
  }
  for (let l = 0; l + 1 < layers.length; l++) {
    const below = layers[l + 1]!;
    for (const s of layers[l]!) {
      const count = 2 + Math.floor(next() * 2);
      const chosen = new Set<number>();
      while (chosen.size < count) chosen.add(below[Math.floor(next() * below.length)]!);
      services[s]!.dependencies.push(...chosen);
    }
  }
  const events: BasicEvent[] = [];
  const qs: number[] = [];
  const gates: Gate[] = [];
  const roots = new Map<string, NodeRef>();
  // Bottom layer first so that gates only refer to earlier gates.
  for (let l = layers.length - 1; l >= 0; l--) {
    for (const s of layers[l]!) {
      const service = services[s]!;
      const instances: NodeRef[] = [];
      service.firstEvent = events.length;
      for (let r = 0; r < service.replicas; r++) {
        instances.push({ kind: 'event', index: events.length });
        events.push({ name: `s${s}[${r + 1}]`, kind: 'instance', members: [`s${s}[${r + 1}]`] });
        qs.push(service.q);
      }
      gates.push({ kind: 'atleast', k: service.replicas - service.quorum + 1, inputs: instances });
      const own: NodeRef = { kind: 'gate', index: gates.length - 1 };
      gates.push({ kind: 'or', inputs: [own, ...service.dependencies.map((d): NodeRef => ({ kind: 'gate', index: services[d]!.gate }))] });
      service.gate = gates.length - 1;
      roots.set(`s${s}`, { kind: 'gate', index: service.gate });
    }
  }
  const topLayer = layers[0]!;
  gates.push({ kind: 'or', inputs: topLayer.map((s): NodeRef => ({ kind: 'gate', index: services[s]!.gate })) });
  const system = new Map<string, NodeRef>([['system', { kind: 'gate', index: gates.length - 1 }]]);
  for (const [name, ref] of roots) system.set(name, ref);
  const q = Float64Array.from(qs);
  return { graph: { events, gates, roots: system }, services, q, p: q.map((x) => 1 - x), topLayer };
}

/** P(at least m of n fail) and P(fewer), each as a direct binomial sum. */
function thresholdProbabilities(n: number, m: number, q: number): { fail: number; work: number } {
  let fail = 0;
  let work = 0;
  for (let j = 0; j <= n; j++) {
    let choose = 1;
    for (let i = 1; i <= j; i++) choose = (choose * (n - j + i)) / i;
    const term = choose * q ** j * (1 - q) ** (n - j);
    if (j >= m) fail += term;
    else work += term;
  }
  return { fail, work };
}

/**
 * Independent answer: the system (or a service, given as `from`) fails iff
 * some service it reaches loses its quorum, and those are independent events.
 */
export function closedForm(
  model: ServiceModel,
  from: readonly number[] = model.topLayer,
): { failure: number; success: number; reached: number[] } {
  const reached = new Set<number>();
  const stack = [...from];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (reached.has(s)) continue;
    reached.add(s);
    stack.push(...model.services[s]!.dependencies);
  }
  let logSuccess = 0;
  let success = 1;
  for (const s of reached) {
    const service = model.services[s]!;
    const { fail, work } = thresholdProbabilities(service.replicas, service.replicas - service.quorum + 1, service.q);
    logSuccess += Math.log1p(-fail);
    success *= work;
  }
  return { failure: -Math.expm1(logSuccess), success, reached: [...reached] };
}

