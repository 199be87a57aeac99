import type { ResolvedModel } from '../language/model';
import { ParseMemory } from '../language/reparse';
import { loadModel } from '../language/workspace';
import type { DocumentHost } from './document-host';

/** A resolved model and what it was built from. */
export interface ModelEntry {
  /** Unique per load: equal keys mean the same model object. */
  readonly key: string;
  readonly rootUri: string;
  readonly model: ResolvedModel;
  /** Every file the load asked for (found or not), with its version tag then. */
  readonly reads: ReadonlyMap<string, string>;
  /** How each `use` resolved, replayed by the analysis worker. */
  readonly resolutions: ReadonlyMap<string, string>;
  readonly missionOverride: number | undefined;
}

/**
 * Parse → resolve → validate once per version: a root's model is reused
 * until one of the files it read (the root, every `use`d file, and files it
 * looked for but did not find) changes version, or the mission setting changes.
 */
export class ModelCache {
  private readonly entries = new Map<string, ModelEntry>();
  /** Each file's last parse: an edit re-reads only the declarations it touched. */
  private readonly parses = new ParseMemory();
  private loads = 0;

  constructor(
    private readonly host: DocumentHost,
    private readonly missionOverride: () => number | undefined,
  ) {}

  get(rootUri: string): ModelEntry {
    const cached = this.entries.get(rootUri);
    if (cached && this.isFresh(cached)) return cached;
    const entry = this.load(rootUri);
    this.entries.set(rootUri, entry);
    return entry;
  }

  /** The cached entry even if stale (to compare with a fresh one), without loading. */
  peek(rootUri: string): ModelEntry | undefined {
    return this.entries.get(rootUri);
  }

  forget(rootUri: string): void {
    this.entries.delete(rootUri);
    this.parses.forget(rootUri);
  }

  private isFresh(entry: ModelEntry): boolean {
    if (entry.missionOverride !== this.missionOverride()) return false;
    for (const [uri, tag] of entry.reads) if (this.host.tagOf(uri) !== tag) return false;
    return true;
  }

  private load(rootUri: string): ModelEntry {
    const { host, reads, resolutions } = this.host.recording();
    const missionOverride = this.missionOverride();
    const model = loadModel(rootUri, host, missionOverride === undefined ? { parses: this.parses } : { missionOverride, parses: this.parses });
    this.loads++;
    return { key: `${rootUri}#${this.loads}`, rootUri, model, reads, resolutions, missionOverride };
  }
}
