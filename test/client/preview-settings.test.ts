import { describe, expect, it } from 'vitest';
import { DEFAULT_PREVIEW_SETTINGS, readPreviewSettings } from '../../client/src/preview-settings';

const from = (values: Record<string, unknown>) => (key: string) => values[key];

describe('the preview settings', () => {
  it('reads direction and maxNodes', () => {
    expect(readPreviewSettings(from({ 'diagram.direction': 'LR', 'diagram.maxNodes': 40 }))).toEqual({ direction: 'LR', maxNodes: 40 });
  });

  it('accepts 0 as "never collapse"', () => {
    expect(readPreviewSettings(from({ 'diagram.maxNodes': 0 })).maxNodes).toBe(0);
  });

  it('falls back to the defaults for missing or invalid values', () => {
    expect(readPreviewSettings(from({}))).toEqual(DEFAULT_PREVIEW_SETTINGS);
    expect(readPreviewSettings(from({ 'diagram.direction': 'sideways', 'diagram.maxNodes': -3 }))).toEqual(DEFAULT_PREVIEW_SETTINGS);
    expect(readPreviewSettings(from({ 'diagram.maxNodes': 2.5 })).maxNodes).toBe(DEFAULT_PREVIEW_SETTINGS.maxNodes);
  });
});
