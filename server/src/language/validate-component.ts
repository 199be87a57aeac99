import type {
  AcceptSpofItem,
  CcfItem,
  ComponentDecl,
  MttrItem,
  QuorumItem,
  RecoveryItem,
  ReplicasItem,
} from './ast';
import type { ComponentModel, Recovery, ResolvedNeed } from './model';
import type { Span } from './span';
import { asComplementProbability, asCount, asDuration, asProbability } from './units';
import { reportDuplicateItem, type ValidationContext } from './validate-context';
import { resolveNeed, type Edge } from './validate-expr';
import { noAvailabilityWarning, probabilityHint } from './validate-hints';
import { applyRetry, lawKeyword, resolveLaw, type LawInfo, type LawSource } from './validate-law';

/** The spec's limit on `replicas` (§2). */
export const MAX_REPLICAS = 10_000;

/** A validated component and the dependency edges its `needs` create. */
export interface ComponentResult {
  readonly model: ComponentModel;
  readonly edges: readonly Edge[];
}

/** The items of one component, the first of each kind (all fields set, so the object keeps one shape). */
interface ComponentItems {
  law: LawSource | undefined;
  mttr: MttrItem | undefined;
  replicas: ReplicasItem | undefined;
  quorum: QuorumItem | undefined;
  ccf: CcfItem | undefined;
  accept: AcceptSpofItem | undefined;
  retry: RecoveryItem | undefined;
  restart: RecoveryItem | undefined;
}

export function validateComponent(decl: ComponentDecl, uri: string, ctx: ValidationContext): ComponentResult | undefined {
  const name = decl.name;
  if (!name) return undefined;
  ctx.references.push({ uri, name, target: { uri, name }, isDeclaration: true, targetKind: 'component' });
  const sink = { edges: [] as Edge[] };
  const needs: ResolvedNeed[] = [];
  const items = collectItems(decl, uri, ctx, needs, sink);
  const report = ctx.report;

  const mttrHours = items.mttr?.value && report.value(asDuration(items.mttr.value), uri);
  const replicas = checkReplicas(items.replicas, uri, ctx);
  const quorum = checkQuorum(items, replicas, uri, ctx, name.text);
  const ccfBeta = checkCcf(items, replicas, uri, ctx);

  const lawInfo = items.law && resolveLaw(items.law, items.mttr && { item: items.mttr, hours: mttrHours }, report, uri);
  if (items.law?.kind === 'law' && items.law.law === 'probability') checkNoRepair(items, uri, ctx);
  const baseMttr = lawInfo?.category === 'time' ? (mttrHours ?? ctx.defaultMttr) : undefined;
  checkRecoveryAllowed(items, lawInfo, baseMttr, uri, ctx);

  const recovery = recoveryValues(items, uri, ctx);
  const law = lawInfo?.law && recovery.retryComplement !== undefined ? applyRetry(lawInfo.law, recovery.retryComplement) : lawInfo?.law;
  const mttr = effectiveMttr(baseMttr, recovery.recovery, recovery.restartComplement);

  if (items.law && lawInfo?.law?.kind === 'fixed' && items.law.kind === 'law' && items.law.law === 'probability') {
    probabilityHint(items.law, lawInfo.law.q, uri, ctx);
  }
  if (lawInfo?.category === 'time' && !items.mttr && ctx.defaultMttr === undefined) noAvailabilityWarning(name, uri, ctx);

  const model: ComponentModel = {
    kind: 'component',
    name: name.text,
    label: decl.label?.value,
    origin: { uri, name },
    decl,
    law,
    mttr,
    baseMttr,
    recovery: recovery.recovery,
    replicas,
    quorum,
    needs,
    ccfBeta,
    acceptSpof: items.accept?.reason?.value,
  };
  return { model, edges: sink.edges };
}

/** One pass over the items: each at most once (`needs` accumulate), at most one law. */
function collectItems(
  decl: ComponentDecl,
  uri: string,
  ctx: ValidationContext,
  needs: ResolvedNeed[],
  sink: { edges: Edge[] },
): ComponentItems {
  const items: ComponentItems = {
    law: undefined,
    mttr: undefined,
    replicas: undefined,
    quorum: undefined,
    ccf: undefined,
    accept: undefined,
    retry: undefined,
    restart: undefined,
  };
  // The first item of each kind is in `items`, so a repeat is found there
  // (this runs for every component: no map or tracker is built for it).
  const repeated = (label: string, at: Span, first: Span): void =>
    reportDuplicateItem(ctx.report, uri, `component '${decl.name?.text ?? ''}'`, label, at, first);
  /** Keeps the first item of a kind; a repeat is reported, pointing to the first. */
  const keepFirst = <K extends Exclude<keyof ComponentItems, 'law'>>(key: K, label: string, item: NonNullable<ComponentItems[K]>): void => {
    const first = items[key];
    if (first) repeated(label, item.span, first.span);
    else items[key] = item;
  };
  // Indexed loops in the validation passes: `for…of` allocates an iterator
  // result per step until the optimising compiler has run, and a model is
  // often validated only a few times (see docs/decisions.md).
  for (let i = 0; i < decl.items.length; i++) {
    const item = decl.items[i]!;
    switch (item.kind) {
      case 'law':
      case 'weibull': {
        const keyword = lawKeyword(item);
        if (items.law === undefined) {
          items.law = item;
        } else if (lawKeyword(items.law) === keyword) {
          repeated(keyword, item.span, items.law.span);
        } else {
          const first = lawKeyword(items.law);
          ctx.report.error('multiple-laws', `a component has at most one law: '${keyword}' after '${first}'`, uri, item.span, {
            related: [{ uri, span: items.law.span, message: `the law '${first}' is given here` }],
          });
        }
        break;
      }
      case 'mttr':
        keepFirst('mttr', 'mttr', item);
        break;
      case 'replicas':
        keepFirst('replicas', 'replicas', item);
        break;
      case 'quorum':
        keepFirst('quorum', 'quorum', item);
        break;
      case 'ccf':
        keepFirst('ccf', 'ccf beta', item);
        break;
      case 'accept':
        keepFirst('accept', 'accept spof', item);
        break;
      case 'recovery':
        if (item.mode !== undefined) keepFirst(item.mode, `recovery ${item.mode}`, item);
        break;
      case 'needs':
        for (let k = 0; k < item.needs.length; k++) {
          const resolved = resolveNeed(item.needs[k]!, uri, ctx, sink);
          if (resolved) needs.push(resolved);
        }
        break;
    }
  }
  return items;
}

function checkReplicas(item: ReplicasItem | undefined, uri: string, ctx: ValidationContext): number {
  if (!item?.value) return 1;
  const n = ctx.report.value(asCount(item.value), uri);
  if (n === undefined) return 1;
  if (n < 1 || n > MAX_REPLICAS) {
    ctx.report.error('replicas-range', `replicas must be between 1 and 10,000 (got ${item.value.text})`, uri, item.value.span);
    return 1;
  }
  return n;
}

function checkQuorum(items: ComponentItems, replicas: number, uri: string, ctx: ValidationContext, name: string): number {
  const item = items.quorum;
  if (!item?.value) return 1;
  const q = ctx.report.value(asCount(item.value), uri);
  if (!items.replicas) {
    ctx.report.error('quorum-without-replicas', `quorum needs replicas: '${name}' is a single instance`, uri, item.span);
    return 1;
  }
  if (q === undefined) return 1;
  if (q < 1 || q > replicas) {
    ctx.report.error('quorum-range', `quorum must be between 1 and ${replicas}, the number of replicas (got ${q})`, uri, item.value.span, {
      data: { replicas },
    });
    return 1;
  }
  return q;
}

function checkCcf(items: ComponentItems, replicas: number, uri: string, ctx: ValidationContext): number | undefined {
  const item = items.ccf;
  if (!item?.beta) return undefined;
  const beta = ctx.report.value(asProbability(item.beta), uri);
  if (replicas < 2) {
    ctx.report.error(
      'ccf-without-replicas',
      `'ccf' on a component needs replicas ≥ 2 (a common cause fails several instances at once)`,
      uri,
      item.span,
    );
    return undefined;
  }
  return beta;
}

/** `probability p` is a fixed failure probability: nothing repairs it. */
function checkNoRepair(items: ComponentItems, uri: string, ctx: ValidationContext): void {
  const law = items.law!;
  const related = [{ uri, span: law.span, message: `'probability' is a fixed failure probability` }];
  if (items.mttr) {
    ctx.report.error(
      'probability-with-repair',
      `'probability' cannot have 'mttr' (use 'availability' with 'mttr' for a repairable component)`,
      uri,
      items.mttr.span,
      { related },
    );
  }
  for (const recovery of recoveryItems(items)) {
    ctx.report.error('probability-with-repair', `'probability' cannot have 'recovery' (it is a fixed failure probability)`, uri, recovery.span, {
      related,
    });
  }
}

/** The component's `recovery` items, retry first (usually none: no array then). */
function recoveryItems(items: ComponentItems): readonly RecoveryItem[] {
  if (!items.retry) return items.restart ? [items.restart] : [];
  return items.restart ? [items.retry, items.restart] : [items.retry];
}

/** `recovery` needs a repairable law; `retry` on a fixed law is its own error. */
function checkRecoveryAllowed(
  items: ComponentItems,
  lawInfo: LawInfo | undefined,
  baseMttr: number | undefined,
  uri: string,
  ctx: ValidationContext,
): void {
  if (items.law?.kind === 'law' && items.law.law === 'probability') return; // reported by checkNoRepair
  if (!items.retry && !items.restart) return;
  for (const recovery of recoveryItems(items)) {
    if (lawInfo?.category === 'fixed' && recovery.mode === 'retry') {
      ctx.report.error('retry-on-fixed-law', `'recovery retry' cannot apply to a fixed law ('${lawInfo.keyword}' without 'mttr')`, uri, recovery.span);
    } else if (!lawInfo || lawInfo.category === 'fixed' || baseMttr === undefined) {
      const why = !lawInfo ? 'this component has no failure law' : lawInfo.category === 'fixed' ? `'${lawInfo.keyword}' without 'mttr' is a fixed law` : `it has no 'mttr' and the model no 'default mttr'`;
      ctx.report.error(
        'recovery-without-repair',
        `'recovery' needs a repairable law (a time-based law with 'mttr', or a 'default mttr'): ${why}`,
        uri,
        recovery.span,
      );
    }
  }
}

interface RecoveryValues {
  readonly recovery: Recovery;
  /** 1 − retry coverage, from the decimal text; undefined without (valid) retry. */
  readonly retryComplement: number | undefined;
  /** 1 − restart coverage, from the decimal text. */
  readonly restartComplement: number | undefined;
}

function recoveryValues(items: ComponentItems, uri: string, ctx: ValidationContext): RecoveryValues {
  let retryCoverage: number | undefined;
  let retryComplement: number | undefined;
  if (items.retry?.coverage) {
    retryCoverage = ctx.report.value(asProbability(items.retry.coverage), uri);
    const complement = asComplementProbability(items.retry.coverage);
    if (retryCoverage !== undefined && complement.ok) retryComplement = complement.value;
  }
  let restart: Recovery['restart'];
  let restartComplement: number | undefined;
  const restartItem = items.restart;
  if (restartItem?.coverage && restartItem.duration) {
    const time = ctx.report.value(asDuration(restartItem.duration), uri);
    const coverage = ctx.report.value(asProbability(restartItem.coverage), uri);
    const complement = asComplementProbability(restartItem.coverage);
    if (time !== undefined && coverage !== undefined && complement.ok) {
      restart = { time, coverage };
      restartComplement = complement.value;
    }
  }
  return { recovery: recoveryOf(retryCoverage, restart), retryComplement, restartComplement };
}

/** The `Recovery` with only the fields that are set (no `undefined` fields), retry first. */
function recoveryOf(retryCoverage: number | undefined, restart: Recovery['restart']): Recovery {
  if (retryCoverage === undefined) return restart ? { restart } : {};
  return restart ? { retryCoverage, restart } : { retryCoverage };
}

/**
 * MTTR' = P·T + (1 − P)·MTTR with `recovery restart T coverage P` (spec §4);
 * `oneMinusCoverage` is 1 − P from the decimal text when known.
 */
export function effectiveMttr(
  baseMttr: number | undefined,
  recovery: Recovery,
  oneMinusCoverage = recovery.restart ? 1 - recovery.restart.coverage : 1,
): number | undefined {
  if (baseMttr === undefined) return undefined;
  const restart = recovery.restart;
  if (!restart) return baseMttr;
  return restart.coverage * restart.time + oneMinusCoverage * baseMttr;
}
