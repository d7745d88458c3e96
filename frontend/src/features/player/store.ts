/**
 * The player's state outside React: the frame shown and whether the element is paused.
 * Written from `requestVideoFrameCallback` (every frame during playback); components read
 * it through selectors or subscriptions, so playback re-renders nothing but the readout.
 */
import { createStore, type StoreApi } from "zustand/vanilla";

export interface PlayerState {
  /** The frame shown: from the frame-time table, never time x fps. */
  frame: number;
  paused: boolean;
}

export type PlayerStore = StoreApi<PlayerState>;

export function createPlayerStore(): PlayerStore {
  return createStore<PlayerState>()(() => ({ frame: 0, paused: true }));
}
