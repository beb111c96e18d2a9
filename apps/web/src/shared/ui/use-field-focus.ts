import { useCallback, useRef } from 'react';

/**
 * Moves focus to the first field with an error after a failed submit, so keyboard and
 * screen-reader users land where the problem is. `order` is the fields' order on screen.
 */
export function useFieldFocus<F extends string>(order: readonly F[]) {
  const elements = useRef(new Map<F, HTMLElement>());

  const register = useCallback(
    (name: F) => (element: HTMLElement | null) => {
      if (element) elements.current.set(name, element);
      else elements.current.delete(name);
    },
    [],
  );

  const focusFirst = useCallback(
    (errors: Partial<Record<F, unknown>>) => {
      const first = order.find((name) => errors[name]);
      if (first) elements.current.get(first)?.focus();
    },
    [order],
  );

  const focus = useCallback((name: F) => elements.current.get(name)?.focus(), []);

  return { register, focusFirst, focus };
}
