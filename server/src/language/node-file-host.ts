import { readFileSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FileHost } from './model';

/**
 * The disk, for the CLI and for files the editor has not opened: a `use` path
 * is relative to the using file, and a file's identity is its real path, so a
 * file reached by two spellings or through a symlink is loaded once.
 */

/** Absolute real path of `path` (as given, made absolute, when it does not exist). */
export function canonicalPath(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    return absolute;
  }
}

export const nodeFileHost: FileHost = {
  readFile(uri: string): string | undefined {
    try {
      return readFileSync(uri, 'utf8');
    } catch {
      return undefined;
    }
  },
  resolve(fromUri: string, path: string): string {
    return canonicalPath(resolve(dirname(fromUri), path));
  },
};
