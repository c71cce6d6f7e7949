// Ring labels of the blast view move off the legend (client/graph/radial-layout.ts, used by the renderer).
import { describe, expect, it } from 'vitest';
import { clearLabelBox, type Box } from '../../client/graph/radial-layout.ts';

const box = (left: number, top: number, w = 40, h = 14): Box => ({ left, top, right: left + w, bottom: top + h });
const view = { width: 800, height: 600 };
const legend = box(10, 450, 270, 140);

describe('clearLabelBox', () => {
  it('keeps the preferred place when it is clear', () => {
    expect(clearLabelBox([box(400, 100), box(20, 500)], view, [legend])).toBe(0);
  });

  it('skips a place under the legend or outside the view, in order of preference', () => {
    const underLegend = box(60, 520);
    const offScreen = box(790, 300);
    expect(clearLabelBox([underLegend, offScreen, box(500, 40), box(300, 300)], view, [legend])).toBe(2);
  });

  it('falls back to the preferred place when nothing is clear', () => {
    expect(clearLabelBox([box(60, 520), box(100, 500)], view, [legend])).toBe(0);
  });
});
