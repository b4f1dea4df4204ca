import { useLayoutEffect, useRef } from "react";

/**
 * A ref for a controlled field whose server-rendered copy can be typed or pasted into before
 * the page hydrates. React keeps the DOM's text but not in state, and the next render would
 * wipe it; at mount, text that differs from what the server rendered is handed to `adopt`
 * (a state setter, so this runs once).
 */
export function useEarlyInput<T extends HTMLInputElement | HTMLTextAreaElement>(adopt: (value: string) => void) {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const field = ref.current;
    if (field && field.value !== field.defaultValue) adopt(field.value);
  }, [adopt]);
  return ref;
}
