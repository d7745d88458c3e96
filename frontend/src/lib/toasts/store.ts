/**
 * Toasts: a queue of short messages shown one at a time by `<Toaster>`.
 * `toast.success(...)` / `toast.error(...)` work from anywhere (mutations, commands).
 */
import { create } from "zustand";

export type ToastSeverity = "success" | "error" | "info" | "warning";

export interface Toast {
  id: number;
  message: string;
  severity: ToastSeverity;
  /** An in-app link shown on the toast, e.g. to the job it started. */
  link?: { label: string; to: string };
}

export type ToastInput = Omit<Toast, "id">;

interface ToastState {
  toasts: Toast[];
  push: (toast: ToastInput) => number;
  dismiss: (id: number) => void;
}

let nextId = 1;

export const useToastStore = create<ToastState>()((set) => ({
  toasts: [],
  push: (toast) => {
    const id = nextId++;
    set((state) => ({ toasts: [...state.toasts, { ...toast, id }] }));
    return id;
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
}));

type Options = Omit<ToastInput, "message" | "severity">;
const push = (severity: ToastSeverity) => (message: string, options: Options = {}) =>
  useToastStore.getState().push({ message, severity, ...options });

export const toast = {
  success: push("success"),
  error: push("error"),
  info: push("info"),
  warning: push("warning"),
};
