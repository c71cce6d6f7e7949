// Layout status (tagged) as the rest of the client sees it.
import { createStore } from '../store.ts';
import type { LayoutStatus } from '../../graph/layout.ts';

export const layoutStore = createStore<LayoutStatus>({ status: 'idle' });
