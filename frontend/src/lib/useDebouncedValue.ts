/** A debounced copy of a value (search boxes). */
import { useEffect, useState } from "react";

/** `value`, once it has stayed unchanged for `delay_ms`. */
export function useDebouncedValue<T>(value: T, delay_ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay_ms);
    return () => window.clearTimeout(timer);
  }, [value, delay_ms]);
  return debounced;
}
