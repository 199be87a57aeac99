import type { LawItem, MttrItem, WeibullItem } from './ast';
import type { Law } from './model';
import { asComplementProbability, asDuration, asNumber, asProbability, asRate } from './units';
import { positive, type Reporter } from './validate-context';

/**
 * A component's failure law in canonical units, before `recovery retry`.
 *
 * `time`: a hazard that grows with time (`mtbf`, `mttf`, `rate`, `fit`,
 * `weibull`, and `availability` with `mttr`), repairable with an mttr.
 * `fixed`: the same failure probability at every time (`probability`, and
 * `availability` without `mttr`).
 */
export interface LawInfo {
  readonly category: 'time' | 'fixed';
  /** Undefined when a value of the law is broken (already reported). */
  readonly law: Law | undefined;
  /** The keyword, for messages: `mtbf`, `weibull`, … */
  readonly keyword: string;
}

export type LawSource = LawItem | WeibullItem;

export function lawKeyword(item: LawSource): string {
  return item.kind === 'law' ? item.law : 'weibull';
}

/** The category a law has, known from its keyword alone (and whether `mttr` is given). */
export function lawCategory(item: LawSource, hasMttr: boolean): 'time' | 'fixed' {
  if (item.kind === 'weibull') return 'time';
  if (item.law === 'probability') return 'fixed';
  if (item.law === 'availability') return hasMttr ? 'time' : 'fixed';
  return 'time';
}

/**
 * Converts a law item. `mttr` is the component's own mttr item and its value
 * (needed for `availability A` with `mttr R`: λ = (1 − A)/(A·R), with 1 − A
 * taken from the decimal text so 99.9999999999999% loses nothing).
 */
export function resolveLaw(
  item: LawSource,
  mttr: { readonly item: MttrItem; readonly hours: number | undefined } | undefined,
  report: Reporter,
  uri: string,
): LawInfo {
  const keyword = lawKeyword(item);
  const category = lawCategory(item, mttr !== undefined);
  return { category, keyword, law: lawValue(item, mttr, report, uri) };
}

function lawValue(
  item: LawSource,
  mttr: { readonly item: MttrItem; readonly hours: number | undefined } | undefined,
  report: Reporter,
  uri: string,
): Law | undefined {
  if (item.kind === 'weibull') return weibullValue(item, report, uri);
  const q = item.value;
  if (!q) return undefined;
  switch (item.law) {
    case 'mtbf':
    case 'mttf': {
      const hours = positive(report, uri, q, report.value(asDuration(q), uri), item.law);
      return hours === undefined ? undefined : { kind: 'exponential', rate: 1 / hours };
    }
    case 'rate': {
      const rate = report.value(asRate(q), uri);
      return rate === undefined ? undefined : { kind: 'exponential', rate };
    }
    case 'fit': {
      const fit = report.value(asNumber(q), uri);
      return fit === undefined ? undefined : { kind: 'exponential', rate: fit / 1e9 };
    }
    case 'probability': {
      const p = report.value(asProbability(q), uri);
      return p === undefined ? undefined : { kind: 'fixed', q: p };
    }
    case 'availability': {
      const a = report.value(asProbability(q), uri);
      if (a === undefined) return undefined;
      const complement = asComplementProbability(q);
      const unavailability = complement.ok ? complement.value : 1 - a;
      if (!mttr) return { kind: 'fixed', q: unavailability };
      if (a === 0) {
        report.error('zero-value', `availability must be greater than 0 when 'mttr' is given`, uri, q.span);
        return undefined;
      }
      if (mttr.hours === undefined) return undefined;
      if (mttr.hours === 0 && mttr.item.value) {
        report.error('zero-value', `mttr must be greater than 0 with 'availability' (λ = (1 − A)/(A·mttr))`, uri, mttr.item.value.span);
        return undefined;
      }
      return { kind: 'exponential', rate: unavailability / (a * mttr.hours) };
    }
  }
}

function weibullValue(item: WeibullItem, report: Reporter, uri: string): Law | undefined {
  if (item.repeated) {
    report.error('duplicate-item', `'weibull' takes 'shape' and 'scale' once each`, uri, item.repeated);
  } else if (!item.shape || !item.scale) {
    const missing = item.shape ? 'scale' : item.scale ? 'shape' : 'shape and scale';
    report.error('weibull-incomplete', `weibull needs both shape and scale (missing ${missing})`, uri, item.span, {
      data: { missing },
    });
  }
  const shape = item.shape && positive(report, uri, item.shape, report.value(asNumber(item.shape), uri), 'weibull shape');
  const scale = item.scale && positive(report, uri, item.scale, report.value(asDuration(item.scale), uri), 'weibull scale');
  if (shape === undefined || scale === undefined || item.repeated) return undefined;
  return { kind: 'weibull', shape, scale, factor: 1 };
}

/** The law with `recovery retry coverage P` folded in: hazards scale by (1 − P). */
export function applyRetry(law: Law, oneMinusCoverage: number): Law {
  switch (law.kind) {
    case 'exponential':
      return { kind: 'exponential', rate: law.rate * oneMinusCoverage };
    case 'weibull':
      return { ...law, factor: oneMinusCoverage };
    case 'fixed':
      return law;
  }
}
