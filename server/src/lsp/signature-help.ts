import type { SignatureHelp, SignatureInformation } from 'vscode-languageserver';
import type { DocumentContext } from './project';
import { tokenIndexAfter, tokensAround } from './tokens';

const SIGNATURES: Readonly<Record<string, SignatureInformation>> = {
  standby: {
    label: 'standby(primary, spare, …)',
    documentation: 'The primary is active; on its failure the first working spare is switched in, in this order. Members: components with exponential laws, no needs, no replicas; at most 10.',
    parameters: [
      { label: 'primary', documentation: 'The active member at the start.' },
      { label: 'spare, …', documentation: 'Spares, tried in order.' },
    ],
  },
  of: {
    label: 'k of (member, member, …)',
    documentation: 'Works when at least k of the members work (1 ≤ k ≤ number of members).',
    parameters: [{ label: 'member, member, …', documentation: 'Components, groups or nested expressions.' }],
  },
  series: {
    label: 'series(member, member, …)',
    documentation: 'Works when every member works.',
    parameters: [{ label: 'member, member, …' }],
  },
  parallel: {
    label: 'parallel(member, member, …)',
    documentation: 'Works when any one member works.',
    parameters: [{ label: 'member, member, …' }],
  },
};

/**
 * Inside `standby(…)`, `k of (…)`, `series(…)`, `parallel(…)`: the combinator's
 * meaning and the member being written. Scans back from the cursor to the
 * innermost open parenthesis (a loop, no recursion), at most to the start of
 * the declaration.
 */
export function signatureHelp(ctx: DocumentContext, offset: number): SignatureHelp | null {
  const tokens = tokensAround(ctx.file, offset);
  let depth = 0;
  let commas = 0;
  for (let i = tokenIndexAfter(tokens, offset) - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.span.end > offset) continue;
    if (t.kind === 'reserved' || t.text === '{' || t.text === '}') return null;
    if (t.text === ')') depth++;
    else if (t.text === ',' && depth === 0) commas++;
    else if (t.text === '(') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const head = tokens[i - 1];
      if (!head) return null;
      const k = head.text === 'of' ? tokens[i - 2]?.text : undefined;
      const signature = SIGNATURES[head.text];
      if (!signature) return null;
      const label = k !== undefined ? signature.label.replace(/^k/, k) : signature.label;
      const active = head.text === 'standby' ? Math.min(commas, 1) : 0;
      return { signatures: [{ ...signature, label, parameters: relabel(signature, label) }], activeSignature: 0, activeParameter: active };
    }
  }
  return null;
}

/** Parameters as offsets into the label, so clients highlight the right part after `k` is substituted. */
function relabel(signature: SignatureInformation, label: string): SignatureInformation['parameters'] {
  return (signature.parameters ?? []).map((p) => {
    const text = typeof p.label === 'string' ? p.label : '';
    const start = label.indexOf(text);
    return { ...p, label: [start, start + text.length] as [number, number] };
  });
}
