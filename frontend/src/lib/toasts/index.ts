export { toast, useToastStore, type Toast, type ToastInput, type ToastSeverity } from "./store";
