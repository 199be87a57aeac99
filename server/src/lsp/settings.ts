import { parseDurationArgument } from '../cli/duration-argument';

/** What the client can configure (VS Code: the `faultline.*` settings). */
export interface ServerSettings {
  /** `faultline.mission`: replaces every model's mission, hours. */
  readonly missionOverride: number | undefined;
  /** `faultline.inlayHints.enabled`. */
  readonly inlayHints: boolean;
  /** `faultline.analysis.timeBudget` (seconds): a longer run is stopped with a diagnostic. */
  readonly timeBudgetMs: number;
  /** `faultline.analysis.debounce` (milliseconds) between the last edit and the analysis. */
  readonly debounceMs: number;
  /** `faultline.analysis.elementNodeLimit`: most nodes of one element's diagram (undefined: the engine's default). */
  readonly elementNodeLimit: number | undefined;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  missionOverride: undefined,
  inlayHints: true,
  timeBudgetMs: 10_000,
  debounceMs: 100,
  elementNodeLimit: undefined,
};

/**
 * Reads settings from any of the shapes clients send: the `faultline`
 * section (`{ mission, inlayHints: { enabled } }`), an object holding that
 * section, or flat dotted keys (`{ "faultline.mission": "30d" }`). Invalid
 * values keep the default and are reported as problems, never thrown.
 */
export function readSettings(raw: unknown, base: ServerSettings = DEFAULT_SETTINGS): { settings: ServerSettings; problems: string[] } {
  const problems: string[] = [];
  const section = sectionOf(raw);
  const get = (path: string): unknown => lookup(section, path);

  let missionOverride = base.missionOverride;
  const mission = get('mission');
  if (mission === null || mission === '') missionOverride = undefined;
  else if (typeof mission === 'string') {
    try {
      missionOverride = parseDurationArgument(mission, 'faultline.mission');
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  } else if (mission !== undefined) problems.push(`faultline.mission: expected a duration such as "30d"`);

  const inlay = get('inlayHints.enabled');
  const inlayHints = typeof inlay === 'boolean' ? inlay : base.inlayHints;
  const budget = get('analysis.timeBudget');
  const timeBudgetMs = typeof budget === 'number' && budget > 0 ? budget * 1000 : base.timeBudgetMs;
  const debounce = get('analysis.debounce');
  const debounceMs = typeof debounce === 'number' && debounce >= 0 ? debounce : base.debounceMs;
  const limit = get('analysis.elementNodeLimit');
  let elementNodeLimit = base.elementNodeLimit;
  if (limit === null) elementNodeLimit = undefined;
  else if (typeof limit === 'number' && Number.isSafeInteger(limit) && limit >= 1) elementNodeLimit = limit;
  else if (limit !== undefined) problems.push('faultline.analysis.elementNodeLimit: expected a whole number of at least 1');
  return { settings: { missionOverride, inlayHints, timeBudgetMs, debounceMs, elementNodeLimit }, problems };
}

function sectionOf(raw: unknown): Record<string, unknown> {
  if (!isRecord(raw)) return {};
  if (isRecord(raw['faultline'])) return raw['faultline'];
  const flat: Record<string, unknown> = {};
  let dotted = false;
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('faultline.')) {
      flat[key.slice('faultline.'.length)] = value;
      dotted = true;
    }
  }
  return dotted ? flat : raw;
}

/** `a.b` as a nested path, or as a flat dotted key. */
function lookup(section: Record<string, unknown>, path: string): unknown {
  if (path in section) return section[path];
  let current: unknown = section;
  for (const part of path.split('.')) {
    if (!isRecord(current)) return undefined;
    current = current[part];
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
