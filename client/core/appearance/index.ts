// Appearance state and its actions.
import { createStore } from '../store.ts';
import type { ColorBy, SizeBy } from './types.ts';
import { getEmptyAppearanceState } from './utils.ts';

export const appearanceStore = createStore(getEmptyAppearanceState());

export function setSizeBy(sizeBy: SizeBy): void {
  appearanceStore.set((a) => ({ ...a, sizeBy }));
}

export function setColorBy(colorBy: ColorBy): void {
  appearanceStore.set((a) => ({ ...a, colorBy }));
}
