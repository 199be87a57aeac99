import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
} from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../language/diagnostics';
import type { ResolvedModel } from '../language/model';
import { rangeIn, ZERO_RANGE } from './lines';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A language diagnostic as LSP: range from the file's text, the stable code, related locations, quick-fix data. */
export function toLspDiagnostic(d: Diagnostic, model: ResolvedModel): LspDiagnostic {
  const file = model.files.get(d.uri);
  const result: LspDiagnostic = {
    range: file ? rangeIn(file, d.span) : ZERO_RANGE,
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'faultline',
    message: d.message,
  };
  if (d.related && d.related.length > 0) result.relatedInformation = d.related.map((r) => relatedOf(r, model));
  if (d.data) result.data = { ...d.data };
  if (d.code === 'unused-component') result.tags = [DiagnosticTag.Unnecessary];
  return result;
}

function relatedOf(r: NonNullable<Diagnostic['related']>[number], model: ResolvedModel): DiagnosticRelatedInformation {
  const file = model.files.get(r.uri);
  return { location: { uri: r.uri, range: file ? rangeIn(file, r.span) : ZERO_RANGE }, message: r.message };
}
