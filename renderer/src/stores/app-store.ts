import { create } from 'zustand';
import type { AppInfo } from '../../../shared/api/contract';
import { toErrorInfo, type ErrorInfo } from '../../../shared/api/errors';
import { api } from '../api';

/** What the engine told about itself. */
export interface AppState {
  info: AppInfo | null;
  error: ErrorInfo | null;
  load: () => Promise<void>;
}

/** The engine's AppInfo (version, mode, secret store). */
export const useAppStore = create<AppState>()((set) => ({
  info: null,
  error: null,
  async load() {
    try {
      set({ info: await api.app.getInfo({}), error: null });
    } catch (e) {
      set({ error: toErrorInfo(e) });
    }
  },
}));
