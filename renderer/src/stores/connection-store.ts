import { create } from 'zustand';
import type { ConnectionStatus } from '../api';

/** The link to the engine, for the "disconnected" banner. */
export interface ConnectionState {
  status: ConnectionStatus;
  /** Whether the link was ever up: the banner only speaks of a lost link after that. */
  everConnected: boolean;
}

/** Link status, fed by the engine sync. */
export const useConnectionStore = create<ConnectionState>()(() => ({
  status: 'connecting',
  everConnected: false,
}));
