/** Which command overlay is open: the palette or the shortcuts dialog (never both). */
import { create } from "zustand";

type Overlay = "palette" | "shortcuts" | null;

interface OverlayState {
  open: Overlay;
  show: (overlay: Exclude<Overlay, null>) => void;
  close: () => void;
}

export const useCommandOverlay = create<OverlayState>()((set) => ({
  open: null,
  show: (overlay) => set({ open: overlay }),
  close: () => set({ open: null }),
}));
