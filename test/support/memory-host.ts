import type { FileHost } from '../../server/src/language/model';

/** A FileHost over in-memory files, keyed by absolute path (tests and benchmarks). */
export function memoryHost(files: Readonly<Record<string, string>>): FileHost {
  return {
    readFile: (uri) => files[uri],
    resolve: (from, p) => {
      if (p.startsWith('/')) return p;
      const dir = from.slice(0, from.lastIndexOf('/') + 1);
      const parts: string[] = [];
      for (const part of (dir + p).split('/')) {
        if (part === '..') parts.pop();
        else if (part !== '.' && part !== '') parts.push(part);
      }
      return '/' + parts.join('/');
    },
  };
}
