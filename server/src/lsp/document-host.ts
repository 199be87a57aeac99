import { readFileSync } from 'node:fs';
import type { FileHost } from '../language/model';
import { pathToUri, realPath, resolveUsePath, uriToPath } from './uri';

/** An open document as the host needs it. */
export interface OpenText {
  readonly text: string;
  readonly version: number;
}

/** The editor's open documents, by URI, and which open URI a real path belongs to. */
export interface OpenDocuments {
  get(uri: string): OpenText | undefined;
  uriForPath(realPath: string): string | undefined;
}

/**
 * Where the language server reads model files: an open document's current
 * text first (unsaved edits count), else the disk. Each load records what it
 * read and in which version, so the model cache knows when a model is stale:
 * `open:<version>` for open documents, `disk:<generation>` for files on disk
 * (the generation moves when the client reports changed files).
 */
export class DocumentHost {
  constructor(
    private readonly documents: OpenDocuments,
    private readonly diskGeneration: () => number,
  ) {}

  /** A host for one load, recording each file it is asked for and that file's version tag. */
  recording(): { host: FileHost; reads: Map<string, string>; resolutions: Map<string, string> } {
    const reads = new Map<string, string>();
    const resolutions = new Map<string, string>();
    const host: FileHost = {
      readFile: (uri) => {
        const result = this.read(uri);
        reads.set(uri, result.tag);
        return result.text;
      },
      resolve: (fromUri, path) => {
        const target = this.resolve(fromUri, path);
        resolutions.set(resolutionKey(fromUri, path), target);
        return target;
      },
    };
    return { host, reads, resolutions };
  }

  /** The version tag a file would have now (compared with a recorded one). */
  tagOf(uri: string): string {
    const open = this.documents.get(uri);
    return open ? `open:${open.version}` : `disk:${this.diskGeneration()}`;
  }

  private read(uri: string): { text: string | undefined; tag: string } {
    const open = this.documents.get(uri);
    if (open) return { text: open.text, tag: `open:${open.version}` };
    const path = uriToPath(uri);
    return { text: path === undefined ? undefined : readDisk(path), tag: `disk:${this.diskGeneration()}` };
  }

  /** `use "x.ft"` in `fromUri`: the open document for that real path if any, else its `file:` URI. */
  resolve(fromUri: string, usePath: string): string {
    const fromPath = uriToPath(fromUri);
    if (fromPath === undefined) return `${fromUri}/../${usePath}`;
    const target = resolveUsePath(fromPath, usePath);
    return this.documents.uriForPath(target) ?? pathToUri(target);
  }
}

function readDisk(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The real path of a document URI, for matching `use` targets against open documents. */
export function documentRealPath(uri: string): string | undefined {
  const path = uriToPath(uri);
  return path === undefined ? undefined : realPath(path);
}

/** Key of one `use` resolution, so a worker can replay the same resolutions without the editor's state. */
export function resolutionKey(fromUri: string, path: string): string {
  return `${fromUri}\u0000${path}`;
}
