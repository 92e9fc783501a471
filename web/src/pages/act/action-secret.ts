/**
 * The secret of an emailed action link (`/act#<secret>`). Browsers never
 * send a fragment to a server, so the secret reaches the API only in the
 * X-Action-Token header. Here it is taken out of the address at once (so it
 * stays in neither the address bar nor this tab's history) and kept in
 * memory and this tab's sessionStorage: enough to survive the sign-in
 * redirect and a reload, gone when the tab closes. Never localStorage.
 */

const STORAGE_KEY = 'scr-referral:action-link:v1';
/** The shape the API accepts; anything else is a mangled or truncated link. */
const SECRET = /^[A-Za-z0-9_-]{40,64}$/;

let remembered: string | null = null;

function stored(): string | null {
  try {
    const value = window.sessionStorage.getItem(STORAGE_KEY);
    return value && SECRET.test(value) ? value : null;
  } catch {
    return null;
  }
}

function keep(secret: string | null): void {
  remembered = secret;
  try {
    if (secret) window.sessionStorage.setItem(STORAGE_KEY, secret);
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage blocked: the secret lasts as long as this page.
  }
}

/**
 * The secret of the link this tab was opened with, or null if there is none
 * (or the link was cut short). A fragment in the address is a new link: it
 * replaces any earlier one and is removed from the address straight away,
 * without a history entry. Safe to call more than once.
 */
export function captureActionSecret(): string | null {
  const fragment = window.location.hash.replace(/^#/, '');
  if (fragment) {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    keep(SECRET.test(fragment) ? fragment : null);
  }
  return remembered ?? stored();
}

/** Forgets the link (the API said it is not valid). */
export function forgetActionSecret(): void {
  keep(null);
}
