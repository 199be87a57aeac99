/**
 * The editor's theme as the webview sees it (VS Code sets `data-vscode-theme-kind`
 * and body classes), and the Mermaid theme that follows it.
 */
export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export function themeKindOf(body: HTMLElement): ThemeKind {
  const kind = body.getAttribute('data-vscode-theme-kind') ?? '';
  const classes = body.classList;
  if (kind === 'vscode-high-contrast-light' || classes.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (kind === 'vscode-high-contrast' || classes.contains('vscode-high-contrast')) return 'high-contrast';
  if (kind === 'vscode-dark' || classes.contains('vscode-dark')) return 'dark';
  return 'light';
}

export interface MermaidThemeConfig {
  readonly theme: 'default' | 'dark' | 'base';
  readonly themeVariables: Record<string, string | boolean>;
}

/** Built-in themes for light and dark; explicit black/white for the high-contrast kinds. */
export function mermaidTheme(kind: ThemeKind, fontFamily: string): MermaidThemeConfig {
  const font = fontFamily.trim() || 'system-ui, sans-serif';
  switch (kind) {
    case 'light':
      return { theme: 'default', themeVariables: { fontFamily: font } };
    case 'dark':
      return { theme: 'dark', themeVariables: { fontFamily: font } };
    case 'high-contrast':
      return { theme: 'base', themeVariables: contrast('#000000', '#ffffff', true, font) };
    case 'high-contrast-light':
      return { theme: 'base', themeVariables: contrast('#ffffff', '#000000', false, font) };
  }
}

function contrast(background: string, foreground: string, darkMode: boolean, fontFamily: string): Record<string, string | boolean> {
  return {
    darkMode,
    fontFamily,
    background,
    mainBkg: background,
    primaryColor: background,
    primaryTextColor: foreground,
    primaryBorderColor: foreground,
    secondaryColor: background,
    tertiaryColor: background,
    nodeBorder: foreground,
    clusterBkg: background,
    clusterBorder: foreground,
    titleColor: foreground,
    lineColor: foreground,
    textColor: foreground,
    edgeLabelBackground: background,
  };
}
