import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode, isValidElement } from 'react';

/** A page loaded as its own chunk, which can be asked to start loading before it renders. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same bound as React.lazy's
export type LazyPage<T extends ComponentType<any>> = LazyExoticComponent<T> & { preload: () => Promise<unknown> };

/**
 * `React.lazy` plus `preload()`. The guards call `preloadPage` on the page they wrap while the
 * session is still being fetched, so the page's chunk and the session load side by side instead
 * of one after the other; a page whose chunk has arrived renders without showing a fallback.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same bound as React.lazy's
export function lazyPage<T extends ComponentType<any>>(load: () => Promise<{ default: T }>): LazyPage<T> {
  let loading: Promise<{ default: T }> | undefined;
  const once = () => (loading ??= load());
  return Object.assign(lazy(once), { preload: once });
}

/** Starts loading the chunk of the page element given (nothing for an ordinary element). */
export function preloadPage(el: ReactNode): void {
  if (!isValidElement(el)) return;
  const type = el.type as { preload?: () => Promise<unknown> };
  if (typeof type.preload === 'function') void type.preload().catch(() => undefined);
}
