import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResolvedModel } from '../../server/src/language/model';
import { ParseMemory } from '../../server/src/language/reparse';
import { loadModel } from '../../server/src/language/workspace';
import { memoryHost } from '../support/memory-host';
import { characterEdit, lineEdit, sampleTexts } from '../support/random-edits';

const PATH = '/model.ft';
const SAMPLES = sampleTexts();

/** What a load gives its consumers. */
function meaning(model: ResolvedModel) {
  return {
    diagnostics: model.diagnostics,
    elements: model.elements,
    system: model.system,
    references: model.references,
    mission: model.mission,
    defaultMttr: model.defaultMttr,
    hasErrors: model.hasErrors,
  };
}

describe('loading after an edit, from the last parse and validation, gives the model of a fresh load', () => {
  it('on random edit sequences over the samples (property)', () => {
    // A digit for a digit (a value, the default mttr), a letter into a name (a reference now unknown or another), a line.
    const digit = characterEdit(/\d/g, ['0', '7', '42', '']);
    const letter = characterEdit(/[a-z]/g, ['x', '_', '']);
    const line = lineEdit(['\n', 'component c { mtbf 5h mttr 1h }\n', 'group g = parallel(c, c)\n', '  default mttr 3h\n', '}\n']);
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES), fc.array(fc.oneof(digit, letter, line), { minLength: 1, maxLength: 10 }), (sample, edits) => {
        const parses = new ParseMemory();
        let text = sample;
        loadModel(PATH, memoryHost({ [PATH]: text }), { parses });
        for (const edit of edits) {
          text = edit(text);
          const incremental = loadModel(PATH, memoryHost({ [PATH]: text }), { parses });
          const fresh = loadModel(PATH, memoryHost({ [PATH]: text }));
          expect(meaning(incremental)).toEqual(meaning(fresh));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('replays an untouched declaration, and validates again one whose referenced name now denotes another declaration', () => {
    const text = 'component a { mtbf 5h mttr 1h }\ncomponent b { mtbf 5h mttr 1h needs a }\n';
    const parses = new ParseMemory();
    const first = loadModel(PATH, memoryHost({ [PATH]: text }), { parses });
    const edited = loadModel(PATH, memoryHost({ [PATH]: text.replace('mtbf 5h mttr 1h }\ncomponent b', 'mtbf 6h mttr 1h }\ncomponent b') }), { parses });
    // b is the same node, a is not: b's validation is kept only if its needs still denote the same node, and a is new.
    expect(edited.elements.get('b')).not.toBe(first.elements.get('b'));
    const untouchedFirst = loadModel(PATH, memoryHost({ [PATH]: text + 'component c { mtbf 1h }\n' }), { parses });
    const untouchedThen = loadModel(PATH, memoryHost({ [PATH]: text + 'component c { mtbf 2h }\n' }), { parses });
    expect(untouchedThen.elements.get('a')).toBe(untouchedFirst.elements.get('a'));
    expect(untouchedThen.elements.get('b')).toBe(untouchedFirst.elements.get('b'));
  });

  it('replays the declarations an edit above them moved, at their new positions', () => {
    const text = 'component a { mtbf 5h mttr 1h }\ncomponent b { mtbf 5h mttr 1h needs a }\ncomponent c { mtbf 5h needs b }\n';
    const parses = new ParseMemory();
    const first = loadModel(PATH, memoryHost({ [PATH]: text }), { parses });
    const longer = text.replace('mtbf 5h mttr 1h }', 'mtbf 5000h mttr 1h }');
    const edited = loadModel(PATH, memoryHost({ [PATH]: longer }), { parses });
    // a was read again (its value changed); b and c are the same nodes, three characters further on.
    expect(edited.elements.get('a')).not.toBe(first.elements.get('a'));
    expect(edited.elements.get('c')).toBe(first.elements.get('c'));
    expect(edited.elements.get('c')!.origin.name.span.start).toBe(longer.indexOf('component c') + 'component '.length);
    expect(meaning(edited)).toEqual(meaning(loadModel(PATH, memoryHost({ [PATH]: longer }))));
  });

  it('places a replayed diagnostic with a span of its own (a unit within a quantity) where its declaration moved', () => {
    const text = 'component a { mtbf 5h mttr 1h }\ncomponent b { mtbf 5h mttr 3xin }\n';
    const parses = new ParseMemory();
    loadModel(PATH, memoryHost({ [PATH]: text }), { parses });
    const longer = text.replace('mtbf 5h mttr 1h', 'mtbf 5000h mttr 1h');
    const edited = loadModel(PATH, memoryHost({ [PATH]: longer }), { parses });
    const unit = edited.diagnostics.find((d) => d.message.includes("'xin'"))!;
    expect(longer.slice(unit.span.start, unit.span.end)).toBe('xin');
    expect(meaning(edited)).toEqual(meaning(loadModel(PATH, memoryHost({ [PATH]: longer }))));
  });
});
