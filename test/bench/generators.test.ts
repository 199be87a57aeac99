import { describe, expect, it } from 'vitest';
import type { FileHost } from '../../server/src/language/model';
import { loadModel } from '../../server/src/language/workspace';
import { generateLinesModel, generateServiceModel, mulberry32 } from './generators';

/** A one-file host: the generated text is the whole model. */
function singleFileHost(uri: string, text: string): FileHost {
  return {
    readFile: (u) => (u === uri ? text : undefined),
    resolve: (_from, p) => p,
  };
}

function lineCount(text: string): number {
  return text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
}

/** Instances counted from the text alone: every component is 1 instance, or its `replicas`. */
function instancesInText(text: string): number {
  let total = 0;
  const declarations = text.split(/^(?=component |group |system )/m);
  for (const declaration of declarations) {
    if (!declaration.startsWith('component ')) continue;
    const replicas = /\breplicas (\d+)/.exec(declaration);
    total += replicas ? Number(replicas[1]) : 1;
  }
  return total;
}

function diagnosticsOf(text: string): { errors: string[]; warnings: string[] } {
  const uri = '/bench/model.ft';
  const model = loadModel(uri, singleFileHost(uri, text));
  const describeOne = (d: (typeof model.diagnostics)[number]): string => `${d.code}: ${d.message}`;
  return {
    errors: model.diagnostics.filter((d) => d.severity === 'error').map(describeOne),
    warnings: model.diagnostics.filter((d) => d.severity === 'warning').map(describeOne),
  };
}

describe('mulberry32', () => {
  it('matches the widely published JavaScript mulberry32 and stays in [0, 1)', () => {
    const next = mulberry32(0);
    const first = [next(), next(), next()].map((x) => x * 4294967296);
    expect(first).toEqual([1144304738, 1416247, 958946056]);
    const other = mulberry32(12345);
    const outputs = Array.from({ length: 1_000 }, () => other());
    expect(outputs[999]! * 4294967296).toBe(2049046133);
    expect(outputs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('generateLinesModel', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateLinesModel(1_000, 42)).toBe(generateLinesModel(1_000, 42));
    expect(generateLinesModel(1_000, 42)).not.toBe(generateLinesModel(1_000, 43));
  });

  it.each([1_000, 10_000, 100_000])('produces %i lines (within 5 %)', (target) => {
    const lines = lineCount(generateLinesModel(target, 7));
    expect(Math.abs(lines - target)).toBeLessThanOrEqual(target * 0.05);
  });

  it('uses every construct of the language', () => {
    const text = generateLinesModel(1_000, 7);
    const constructs = [
      /^system \w+ "/m,
      /^\s+mission 1y/m,
      /^\s+default mttr /m,
      /^\s+require availability >= /m,
      /\bmtbf \d+h/,
      /\bmttf \d+y/,
      /\brate [\d.e-]+\/[hy]/,
      /\bfit \d+/,
      /\bprobability 0\.1%/,
      /\bavailability 99\.95%/,
      /\bweibull shape [\d.]+ scale \d+h/,
      /\bweibull scale \d+h shape [\d.]+/,
      /\bmttr \d+(min|h)/,
      /^\s+replicas \d+/m,
      /^\s+quorum \d+/m,
      /^\s+needs each \w+/m,
      /^\s+needs \w+, u\d+$/m,
      /\brecovery restart \d+(s|min) coverage \d+%/,
      /\brecovery retry coverage \d+%/,
      /= standby\(\w+, \w+\) \{/,
      /^\s+failover 30s/m,
      /^\s+coverage 99%/m,
      /^\s+dormancy 10%/m,
      /^\s+ccf beta 2%/m,
      /= parallel\(\w+, \w+\) \{ ccf beta 5% \}/,
      /= series\(\w+, \w+, 2 of \(\w+, \w+, \w+\)\)/,
      /accept spof "/,
      /^\/\/ /m,
      /^\/\* /m,
    ];
    for (const construct of constructs) expect(text).toMatch(construct);
    expect(text.match(/^system /gm)).toHaveLength(1);
  });

  it('loads with no errors and no warnings', () => {
    for (const target of [1_000, 10_000]) {
      expect(diagnosticsOf(generateLinesModel(target, 7))).toEqual({ errors: [], warnings: [] });
    }
  });

  it('loads at 100,000 lines with no errors', () => {
    expect(diagnosticsOf(generateLinesModel(100_000, 7)).errors).toEqual([]);
  });
});

describe('generateServiceModel', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateServiceModel(3_000, 1)).toEqual(generateServiceModel(3_000, 1));
    expect(generateServiceModel(3_000, 1).text).not.toBe(generateServiceModel(3_000, 2).text);
  });

  it.each([300, 3_000, 30_000])('has %i component instances (within 5 %), as counted in its text', (target) => {
    const model = generateServiceModel(target, 7);
    expect(Math.abs(model.instances - target)).toBeLessThanOrEqual(target * 0.05);
    expect(instancesInText(model.text)).toBe(model.instances);
    expect(model.text.match(/^component /gm)).toHaveLength(model.components);
    expect(model.text.match(/^group /gm)).toHaveLength(model.groups);
  });

  it('looks like a layered architecture: 5 to 8 layers, replicated services with quorums, shared and zonal dependencies', () => {
    const { text } = generateServiceModel(3_000, 7);
    const layers = text.match(/^\/\/ -+ layer \d+:/gm) ?? [];
    expect(layers.length).toBeGreaterThanOrEqual(5);
    expect(layers.length).toBeLessThanOrEqual(8);
    const services = text.split(/^(?=component )/m).filter((d) => /^component (?!zone )\w+ "/.test(d) && /replicas/.test(d));
    expect(services.length).toBeGreaterThan(400);
    for (const service of services) {
      const replicas = Number(/replicas (\d+)/.exec(service)![1]);
      const quorum = Number(/quorum (\d+)/.exec(service)![1]);
      expect(replicas).toBeGreaterThanOrEqual(3);
      expect(replicas).toBeLessThanOrEqual(10);
      expect(quorum).toBeGreaterThanOrEqual(1);
      expect(quorum).toBeLessThanOrEqual(replicas);
    }
    expect(text).toMatch(/^\s+needs each zone$/m);
    expect(text).toMatch(/^component zone .*replicas 3 }/m);
    expect(text).toMatch(/= parallel\(/);
    expect(text).toMatch(/= 2 of \(/);
    // fan-in: the most needed shared dependency has many users
    const needed = new Map<string, number>();
    for (const line of text.match(/^\s+needs (?!each).*$/gm) ?? []) {
      for (const name of line.trim().slice('needs '.length).split(', ')) needed.set(name, (needed.get(name) ?? 0) + 1);
    }
    expect(Math.max(...needed.values())).toBeGreaterThanOrEqual(10);
  });

  it('adds a standby group and a common-cause group every 100 services', () => {
    const { text } = generateServiceModel(30_000, 7);
    const services = (text.match(/^component \w+ "/gm) ?? []).length;
    const standby = (text.match(/= standby\(/g) ?? []).length;
    const ccfGroups = (text.match(/^group gw\d+ .*\{\n\s+ccf beta/gm) ?? []).length;
    expect(standby).toBeGreaterThanOrEqual(Math.floor(services / 100));
    expect(ccfGroups).toBe(standby);
  });

  it('has one system that needs every service of the top layer', () => {
    const { text } = generateServiceModel(3_000, 7);
    const top = text.split(/^\/\/ -+ layer \d+: \w+$/m).at(-1)!;
    const topServices = [...top.matchAll(/^component (\w+) /gm)].map((m) => m[1]);
    const systemNeeds = [...text.matchAll(/^ {2}needs (.*)$/gm)]
      .filter((m) => m.index! < text.indexOf('\n}'))
      .flatMap((m) => m[1]!.split(', '));
    expect(text.match(/^system /gm)).toHaveLength(1);
    expect(systemNeeds).toEqual(topServices);
  });

  it.each([300, 3_000, 30_000])('loads with %i instances and no errors or warnings', (target) => {
    expect(diagnosticsOf(generateServiceModel(target, 7).text)).toEqual({ errors: [], warnings: [] });
  });
});
