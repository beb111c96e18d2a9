import { useEffect, useState } from 'react';

/** The value, once it has stopped changing for `ms` (a slider being dragged asks the API once it rests). */
export function useDebounced<T>(value: T, ms = 150): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
