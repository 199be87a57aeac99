import type { XmlElement } from './xml-reader';

/** One problem found while importing, at a 1-based line and column of the XML file. */
export interface ImportError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Collects import errors; every stage reports here and carries on, so one run lists them all. */
export class ImportErrors {
  readonly list: ImportError[] = [];

  at(element: XmlElement, message: string): void {
    this.list.push({ line: element.line, column: element.column, message });
  }

  get count(): number {
    return this.list.length;
  }
}
