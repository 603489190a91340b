import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export type ParamChanges = Record<string, string | null | undefined>;

/**
 * The page's search parameters, and a way to change some of them in place (the history entry is
 * replaced). Each change starts from the address as it is now, not from the parameters of the
 * last render: the router renders a new address as a transition, so a second select changed
 * before that render (a quick hand, a loaded phone) would otherwise undo the first change.
 * An empty value removes the parameter.
 */
export function useSearchParamChanges(): [URLSearchParams, (changes: ParamChanges) => void] {
  const [params, setParams] = useSearchParams();
  const change = useCallback(
    (changes: ParamChanges) => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v);
      else next.delete(k);
      setParams(next, { replace: true });
    },
    [setParams],
  );
  return [params, change];
}
