import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A small History API router: enough for a dozen pages without a routing
 * library. Each navigation gets a new `key` so the app can move focus and
 * update the title once per page change.
 */
export interface AppLocation {
  pathname: string;
  search: string;
  hash: string;
  /** `history.state` as set by `navigate(..., { state })`. */
  state: unknown;
  key: number;
}

let counter = 0;
const listeners = new Set<() => void>();

function read(): AppLocation {
  const { pathname, search, hash } = window.location;
  return { pathname, search, hash, state: window.history.state, key: counter++ };
}

let current: AppLocation = read();

function emit(pageChange: boolean): void {
  const next = read();
  // Following a fragment link (an error summary link to a field) is not a
  // page change: keep the page, its errors and its focus.
  current = pageChange || next.pathname !== current.pathname || next.search !== current.search
    ? next
    : { ...current, hash: next.hash };
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', () => emit(false));

/** Goes to an in-app address, adding a history entry unless `replace`. */
export function navigate(to: string, options: { replace?: boolean; state?: unknown } = {}): void {
  const state = options.state ?? null;
  if (options.replace) window.history.replaceState(state, '', to);
  else window.history.pushState(state, '', to);
  emit(true);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current location; re-renders on every navigation. */
export function useLocation(): AppLocation {
  return useSyncExternalStore(subscribe, () => current);
}

/**
 * Matches a path against a pattern with `:name` segments
 * (`/cases/:reference`); returns the decoded parameters or null.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith(':')) {
      if (g === '') return null;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) {
      return null;
    }
  }
  return params;
}

/** True when a page was opened from a Change link on check your answers. */
export function isChangeMode(location: AppLocation): boolean {
  return new URLSearchParams(location.search).get('change') === 'true';
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An ordinary link that navigates in-app on a plain left click. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
