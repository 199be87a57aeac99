import type { Diagnostic as LspDiagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnostic, type Diagnostic } from '../language/diagnostics';
import type { ResolvedModel, SourceFile } from '../language/model';
import { jobForEntry, sameJob, type AnalysisJob } from './analysis-job';
import type { AnalysisRunner, RunningAnalysis, RunResult } from './analysis-runner';
import type { AnalysisOutcome, AnalysisSnapshot } from './analysis-snapshot';
import { DocumentHost, documentRealPath } from './document-host';
import { relocateEngineDiagnostics } from './relocate';
import { toLspDiagnostic } from './lsp-diagnostics';
import { ModelCache, type ModelEntry } from './model-cache';
import { DEFAULT_SETTINGS, type ServerSettings } from './settings';

/** What the project tells the connection. */
export interface ProjectEvents {
  publish(uri: string, version: number | undefined, diagnostics: LspDiagnostic[]): void;
  /** New figures arrived (or the settings changed): inlay hints and code lenses should be re-requested. */
  figuresChanged(): void;
  /** A run ended and its verdicts were published for these documents (their versions at that moment). */
  analysed(documents: readonly { readonly uri: string; readonly version: number }[]): void;
  /** The element figures of these documents' versions arrived (with the verdicts, or after them). */
  detailed(documents: readonly { readonly uri: string; readonly version: number }[]): void;
}

/** What a feature needs to answer for one open document. */
export interface DocumentContext {
  /** The model the document is part of (its own, or the open root that uses it). */
  readonly entry: ModelEntry;
  readonly model: ResolvedModel;
  /** The document's file inside that model. */
  readonly file: SourceFile;
  /** Figures for this version, or the last ones while a newer version is analysed; undefined when the model has errors. */
  readonly figures: AnalysisSnapshot | undefined;
  /** True when `figures` were computed for exactly this version. */
  readonly figuresCurrent: boolean;
}

interface AnalysisState {
  timer: ReturnType<typeof setTimeout> | undefined;
  scheduledKey: string | undefined;
  running: { readonly key: string; readonly entry: ModelEntry; readonly run: RunningAnalysis } | undefined;
  /**
   * A run started the moment an edit arrived (after a pause), on the last
   * model's files with the edited text, before this side has re-read the
   * file: adopted when the new version's job turns out to be the same job.
   */
  early: { readonly job: AnalysisJob; readonly run: RunningAnalysis } | undefined;
  /** A run whose verdicts are in `done` and whose element figures or MTTFs are still coming. */
  finishing: RunningAnalysis | undefined;
  done: { readonly entry: ModelEntry; readonly outcome: AnalysisOutcome } | undefined;
  lastSnapshot: AnalysisSnapshot | undefined;
}

/** Stops a root's run, its later stages and its scheduled start: a newer version makes them stale. */
function stopRuns(state: AnalysisState): void {
  state.early?.run.cancel();
  state.early = undefined;
  state.running?.run.cancel();
  state.running = undefined;
  state.finishing?.cancel();
  state.finishing = undefined;
  clearTimeout(state.timer);
  state.timer = undefined;
  state.scheduledKey = undefined;
}

/**
 * The open documents and their models. Every document belongs to a root: its
 * own model, or, for a library file (no system), the first open document
 * (by URI) whose model has a system and uses it, so that a used file shows
 * the figures and verdicts of the model it is part of.
 *
 * Per keystroke: the changed models are re-parsed and re-validated and their
 * syntax and name diagnostics published at once; the analysis of each root
 * starts at once after a pause, or one debounce after the last keystroke of
 * a burst, runs in the runner (a worker), and publishes the figures'
 * verdicts when it ends, if its version is still the current one.
 */
export class Project {
  private readonly documents = new Map<string, TextDocument>();
  private readonly byPath = new Map<string, string>();
  private diskGeneration = 0;
  private readonly models: ModelCache;
  private readonly analyses = new Map<string, AnalysisState>();
  private readonly published = new Map<string, string>();
  private syncScheduled = false;
  private disposed = false;
  /** When the last document was opened or edited: the debounce counts from there, not from the end of this side's parse. */
  private lastEditAt = -Infinity;
  /** The last edit came within a debounce of the one before it: the user is typing, and the analysis waits for a pause. */
  private typing = false;
  settings: ServerSettings = DEFAULT_SETTINGS;

  constructor(
    private readonly runner: AnalysisRunner,
    private readonly events: ProjectEvents,
  ) {
    const host = new DocumentHost(
      { get: (uri) => this.textOf(uri), uriForPath: (path) => this.byPath.get(path) },
      () => this.diskGeneration,
    );
    this.models = new ModelCache(host, () => this.settings.missionOverride);
  }

  // ---------------------------------------------------------------- document sync

  open(uri: string, text: string, version: number): void {
    this.documents.set(uri, TextDocument.create(uri, 'faultline', version, text));
    this.lastEditAt = performance.now();
    this.typing = false;
    const path = documentRealPath(uri);
    if (path !== undefined) this.byPath.set(path, uri);
    this.scheduleSync();
  }

  change(uri: string, changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    this.documents.set(uri, TextDocument.update(doc, [...changes], version));
    const now = performance.now();
    this.typing = now - this.lastEditAt < this.settings.debounceMs;
    this.lastEditAt = now;
    this.stopRunsReading(uri);
    if (!this.typing) this.startEarly(uri);
    this.scheduleSync();
  }

  /**
   * After a pause, the analysis of an edit starts at once, in the worker,
   * while this side re-parses and re-validates: on the files the last model
   * read, with the edited document's new text (unless that model had
   * errors). `ensureAnalysis` adopts it when the new model's job is the same
   * (the edit added no `use`, ...), and stops it otherwise.
   */
  private startEarly(uri: string): void {
    const text = this.documents.get(uri)!.getText();
    for (const [root, state] of this.analyses) {
      const previous = this.models.peek(root);
      // After an error the next version mostly has one too (a word half typed): no run to throw away then.
      if (previous === undefined || previous.model.hasErrors || !previous.reads.has(uri) || !this.documents.has(root)) continue;
      const job = jobForEntry(previous, this.settings.elementNodeLimit, { uri, text });
      state.early = { job, run: this.runner.start(job, this.settings.timeBudgetMs) };
    }
  }

  /**
   * Stops the runs made stale by an edit of `uri` (verdicts, element figures,
   * MTTFs) at once, before this side re-parses the file: their worker is then
   * free when the new version's run starts.
   */
  private stopRunsReading(uri: string): void {
    for (const state of this.analyses.values()) {
      const entry = state.running?.entry ?? state.done?.entry;
      if (entry !== undefined && entry.reads.has(uri)) stopRuns(state);
    }
  }

  close(uri: string): void {
    if (!this.documents.delete(uri)) return;
    const path = documentRealPath(uri);
    if (path !== undefined && this.byPath.get(path) === uri) this.byPath.delete(path);
    this.stopAnalysis(uri);
    this.models.forget(uri);
    this.published.delete(uri);
    this.events.publish(uri, undefined, []);
    this.scheduleSync();
  }

  /** Files on disk changed (saved elsewhere, created, deleted): models that read the disk reload. */
  diskChanged(): void {
    this.diskGeneration++;
    this.scheduleSync();
  }

  updateSettings(settings: ServerSettings): void {
    const limitChanged = settings.elementNodeLimit !== this.settings.elementNodeLimit;
    this.settings = settings;
    // The element figures depend on the limit: every model is analysed again (a mission change reloads the models).
    if (limitChanged) for (const root of [...this.analyses.keys()]) this.stopAnalysis(root);
    this.scheduleSync();
    this.events.figuresChanged();
  }

  document(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  openUris(): string[] {
    return [...this.documents.keys()].sort();
  }

  dispose(): void {
    this.disposed = true;
    for (const root of [...this.analyses.keys()]) this.stopAnalysis(root);
  }

  /** Brings every open document's diagnostics and analysis up to date now (tests, and the end of each burst of edits). */
  sync(): void {
    this.syncScheduled = false;
    if (this.disposed) return;
    const rootOf = this.rootsOfOpenDocuments();
    const roots = new Set(rootOf.values());
    for (const root of [...this.analyses.keys()]) if (!roots.has(root)) this.stopAnalysis(root);
    for (const root of roots) this.ensureAnalysis(root);
    for (const [uri, root] of rootOf) this.publishFor(uri, root);
  }

  // ---------------------------------------------------------------- queries for features

  /** The model and figures for an open document; undefined when it is not open. */
  context(uri: string): DocumentContext | undefined {
    if (!this.documents.has(uri)) return undefined;
    const root = this.rootOf(uri);
    const entry = this.models.get(root);
    const file = entry.model.files.get(uri);
    if (!file) return undefined;
    const state = this.analyses.get(root);
    // Until this version's element figures arrive, features show the last complete figures (moved onto the
    // new text), or, when there are none yet (a large model just opened), this version's system figures.
    const done = state?.done?.entry.key === entry.key ? state.done : undefined;
    const latest = done?.outcome.snapshot;
    let figures: AnalysisSnapshot | undefined;
    if (done !== undefined && (latest === undefined || latest.detailsState === 'computed')) figures = latest;
    else if (!entry.model.hasErrors) figures = state?.lastSnapshot ?? latest;
    return { entry, model: entry.model, file, figures, figuresCurrent: figures !== undefined && figures === latest };
  }

  /** Every distinct model of the open documents (workspace symbols, rename across files). */
  openModels(): ModelEntry[] {
    const seen = new Map<string, ModelEntry>();
    for (const root of new Set(this.rootsOfOpenDocuments().values())) {
      const entry = this.models.get(root);
      seen.set(entry.key, entry);
    }
    return [...seen.values()];
  }

  /** Runs the engine on a would-be text of `uri` (what-if quick fixes); undefined when that text has errors or the run fails. */
  async analyseVariant(uri: string, text: string, budgetMs: number): Promise<AnalysisSnapshot | undefined> {
    const context = this.context(uri);
    if (!context) return undefined;
    const run = this.runner.start(jobForEntry(context.entry, this.settings.elementNodeLimit, { uri, text }), budgetMs);
    const result = await run.result;
    // A what-if needs the figures, not the MTTFs that would follow: free the worker.
    run.cancel();
    return result.kind === 'done' ? result.outcome.snapshot : undefined;
  }

  // ---------------------------------------------------------------- internals

  private textOf(uri: string): { text: string; version: number } | undefined {
    const doc = this.documents.get(uri);
    return doc ? { text: doc.getText(), version: doc.version } : undefined;
  }

  private scheduleSync(): void {
    if (this.syncScheduled || this.disposed) return;
    this.syncScheduled = true;
    setImmediate(() => this.sync());
  }

  private rootOf(uri: string): string {
    const own = this.models.get(uri);
    if (own.model.system) return uri;
    for (const other of this.openUris()) {
      if (other === uri) continue;
      const entry = this.models.get(other);
      if (entry.model.system && entry.model.files.has(uri)) return other;
    }
    return uri;
  }

  /** rootOf for every open document, looking each model up once (linear in the open documents, not quadratic). */
  private rootsOfOpenDocuments(): Map<string, string> {
    const uris = this.openUris();
    const systems = uris.filter((uri) => this.models.get(uri).model.system !== undefined);
    const roots = new Map<string, string>();
    for (const uri of uris) {
      const own = this.models.get(uri).model;
      roots.set(uri, own.system ? uri : (systems.find((root) => this.models.get(root).model.files.has(uri)) ?? uri));
    }
    return roots;
  }

  private state(root: string): AnalysisState {
    let state = this.analyses.get(root);
    if (!state) {
      state = { timer: undefined, scheduledKey: undefined, running: undefined, early: undefined, finishing: undefined, done: undefined, lastSnapshot: undefined };
      this.analyses.set(root, state);
    }
    return state;
  }

  private ensureAnalysis(root: string): void {
    const entry = this.models.get(root);
    const state = this.state(root);
    const early = state.early;
    state.early = undefined;
    if (state.done?.entry.key === entry.key || state.running?.key === entry.key || state.scheduledKey === entry.key) {
      early?.run.cancel();
      return;
    }
    // A newer version: the stale run (or its later stages) is stopped at once, not when the debounce ends.
    stopRuns(state);
    if (entry.model.hasErrors) {
      early?.run.cancel();
      state.done = { entry, outcome: { snapshot: undefined, diagnostics: [] } };
      return;
    }
    if (early !== undefined && sameJob(early.job, jobForEntry(entry, this.settings.elementNodeLimit))) {
      this.follow(root, entry, early.run);
      return;
    }
    early?.run.cancel();
    state.scheduledKey = entry.key;
    // An edit after a pause is analysed at once (leading edge); while the user types, the analysis waits for a pause
    // of one debounce after the last edit (the time this side spent parsing that edit counts towards it).
    const wait = this.typing ? Math.max(0, this.settings.debounceMs - (performance.now() - this.lastEditAt)) : 0;
    state.timer = setTimeout(() => this.startAnalysis(root), wait);
  }

  private startAnalysis(root: string): void {
    const state = this.state(root);
    state.timer = undefined;
    state.scheduledKey = undefined;
    if (this.disposed || !this.documents.has(root)) return;
    const entry = this.models.get(root);
    if (entry.model.hasErrors) {
      state.done = { entry, outcome: { snapshot: undefined, diagnostics: [] } };
      this.scheduleSync();
      return;
    }
    this.follow(root, entry, this.runner.start(jobForEntry(entry, this.settings.elementNodeLimit), this.settings.timeBudgetMs));
  }

  /** Makes `run` the root's current run, for `entry`: its stages are shown as they come. */
  private follow(root: string, entry: ModelEntry, run: RunningAnalysis): void {
    const state = this.state(root);
    state.running = { key: entry.key, entry, run };
    void run.result.then((result) => this.finishAnalysis(root, entry, result));
    void run.details.then((outcome) => this.finishStage(root, entry, run, outcome, 'details'));
    void run.completion.then((outcome) => this.finishStage(root, entry, run, outcome, 'mttf'));
  }

  /**
   * A later stage of the current version arrived: its element figures, or
   * its MTTFs (undefined: stopped by the time budget, or nothing was
   * pending). Hints, hovers and lenses show them.
   */
  private finishStage(root: string, entry: ModelEntry, run: RunningAnalysis, outcome: AnalysisOutcome | undefined, stage: 'details' | 'mttf'): void {
    const state = this.analyses.get(root);
    if (!state || state.finishing !== run) return;
    const done = state.done;
    const before = done?.outcome.snapshot;
    if (!done || done.entry.key !== entry.key || !before) return;
    const show = (snapshot: AnalysisSnapshot, diagnostics = done.outcome.diagnostics): void => {
      state.done = { entry, outcome: { snapshot, diagnostics } };
      state.lastSnapshot = snapshot;
      this.events.figuresChanged();
      // A later stage adds warnings only (elements whose figures went over the limit per element).
      if (diagnostics.length !== done.outcome.diagnostics.length) this.scheduleSync();
    };
    if (stage === 'details') {
      // Not pending: they came with the verdicts (the MTTFs may still follow).
      if (before.detailsState !== 'pending') return;
      const snapshot = outcome?.snapshot;
      if (snapshot?.mttfState !== 'pending') state.finishing = undefined;
      if (snapshot === undefined) {
        // Stopped by the time budget (a newer version stops its run after leaving `finishing`): say so, and
        // keep the last complete figures shown where there are some.
        const stopped = { ...before, detailsState: 'stopped' as const, mttfState: 'stopped' as const };
        state.done = { entry, outcome: { snapshot: stopped, diagnostics: done.outcome.diagnostics } };
        this.events.figuresChanged();
        return;
      }
      show(snapshot, outcome?.diagnostics);
      this.events.detailed(this.documentsOf(root));
      return;
    }
    state.finishing = undefined;
    if (before.detailsState !== 'computed') return;
    if (outcome?.snapshot) show(outcome.snapshot, outcome.diagnostics);
    else show({ ...before, mttfState: before.mttfState === 'pending' ? 'stopped' : before.mttfState });
  }

  private finishAnalysis(root: string, entry: ModelEntry, result: RunResult): void {
    const state = this.analyses.get(root);
    if (!state || state.running?.key !== entry.key || result.kind === 'cancelled') return;
    const { run } = state.running;
    state.running = undefined;
    const outcome: AnalysisOutcome =
      result.kind === 'done' ? result.outcome : { snapshot: undefined, diagnostics: [stoppedDiagnostic(entry.model, result)] };
    state.done = { entry, outcome };
    const snapshot = outcome.snapshot;
    if (snapshot && snapshot.detailsState === 'computed') state.lastSnapshot = snapshot;
    if (snapshot && (snapshot.detailsState === 'pending' || snapshot.mttfState === 'pending')) state.finishing = run;
    this.sync();
    this.events.figuresChanged();
    if (this.models.get(root).key !== entry.key) return;
    const documents = this.documentsOf(root);
    this.events.analysed(documents);
    if (snapshot?.detailsState === 'computed') this.events.detailed(documents);
  }

  /** The open documents whose root is `root`, with their versions. */
  private documentsOf(root: string): { uri: string; version: number }[] {
    return [...this.rootsOfOpenDocuments()]
      .filter(([, documentRoot]) => documentRoot === root)
      .map(([uri]) => ({ uri, version: this.documents.get(uri)!.version }));
  }

  private stopAnalysis(root: string): void {
    const state = this.analyses.get(root);
    if (!state) return;
    stopRuns(state);
    this.analyses.delete(root);
  }

  private publishFor(uri: string, root: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const entry = this.models.get(root);
    const state = this.analyses.get(root);
    const done = state?.done;
    const engineState = done === undefined ? 'none' : done.entry.key === entry.key ? 'final' : `relocated:${done.entry.key}`;
    // The count of the engine's diagnostics too: a later stage of the same run may add warnings.
    const signature = `${entry.key}|${engineState}|${done?.outcome.diagnostics.length ?? 0}|${doc.version}`;
    if (this.published.get(uri) === signature) return;
    this.published.set(uri, signature);
    const language = entry.model.diagnostics.filter((d) => d.uri === uri);
    const engine = this.engineDiagnostics(entry, done).filter((d) => d.uri === uri);
    this.events.publish(
      uri,
      doc.version,
      [...language, ...engine].map((d) => toLspDiagnostic(d, entry.model)),
    );
  }

  /**
   * The engine's verdicts for this version: final when its run is done; while
   * it runs, the previous run's verdicts moved onto the new text (so warnings
   * do not blink on every keystroke); none when the model has errors.
   */
  private engineDiagnostics(entry: ModelEntry, done: AnalysisState['done']): readonly Diagnostic[] {
    if (!done) return [];
    if (done.entry.key === entry.key) return done.outcome.diagnostics;
    if (entry.model.hasErrors) return [];
    return relocateEngineDiagnostics(done.outcome.diagnostics, done.entry.model, entry.model);
  }
}

/** "analysis stopped after N s" (over budget) or an unexpected failure, on the system's name. */
function stoppedDiagnostic(model: ResolvedModel, result: Exclude<RunResult, { kind: 'done' | 'cancelled' }>): Diagnostic {
  const at = model.system?.origin ?? [...model.elements.values()][0]?.origin;
  const uri = at?.uri ?? model.rootUri;
  const span = at?.name.span ?? { start: 0, end: 0 };
  if (result.kind === 'timeout') {
    const seconds = Number((result.budgetMs / 1000).toPrecision(3));
    return diagnostic(
      'warning',
      'analysis-limit',
      `analysis stopped after ${seconds} s: the model is too large to analyse within the time budget (setting faultline.analysis.timeBudget); figures are not shown`,
      uri,
      span,
      { data: { budgetMs: result.budgetMs } },
    );
  }
  return diagnostic('error', 'analysis-failed', `analysis failed: ${result.message}`, uri, span);
}
