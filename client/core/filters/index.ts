// Filter state and its actions.
import { createStore } from '../store.ts';
import type { FiltersState } from './types.ts';
import { getEmptyFiltersState } from './utils.ts';

export const filtersStore = createStore<FiltersState>(getEmptyFiltersState());

function toggle(list: string[], value: string, hidden: boolean): string[] {
  const without = list.filter((v) => v !== value);
  return hidden ? [...without, value].sort() : without;
}

export function setKindHidden(kind: string, hidden: boolean): void {
  filtersStore.set((f) => ({ ...f, hiddenKinds: toggle(f.hiddenKinds, kind, hidden) }));
}

export function setConfidenceHidden(level: string, hidden: boolean): void {
  filtersStore.set((f) => ({ ...f, hiddenConfidence: toggle(f.hiddenConfidence, level, hidden) }));
}

export function resetFilters(): void {
  filtersStore.set(getEmptyFiltersState());
}
