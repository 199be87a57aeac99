import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Document identities. The server names every file by URI (what the client
 * sends); `file:` URIs map to real paths on disk so a file reached by two
 * spellings is one file, as in the CLI.
 */

/** The file-system path of a `file:` URI, or undefined for other schemes (`untitled:`). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** The real path (symlinks resolved) when the file exists, else the absolute path as given. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Resolves `use "relative"` written in the file at `fromPath`. */
export function resolveUsePath(fromPath: string, usePath: string): string {
  return realPath(resolve(dirname(fromPath), usePath));
}
