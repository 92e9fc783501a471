/**
 * When the person last did something in this tab (key, click, touch,
 * scroll). Kept in sessionStorage so a reload does not restart the idle
 * clock.
 */
const ACTIVITY_KEY = 'scr-referral:last-activity:v1';

let lastActivity = readStored();
let lastStored = 0;

function readStored(): number {
  try {
    const stored = Number(window.sessionStorage.getItem(ACTIVITY_KEY));
    return Number.isFinite(stored) && stored > 0 && stored <= Date.now() ? stored : Date.now();
  } catch {
    return Date.now();
  }
}

export function recordActivity(force = false): void {
  lastActivity = Date.now();
  if (force || lastActivity - lastStored > 5_000) {
    lastStored = lastActivity;
    try {
      window.sessionStorage.setItem(ACTIVITY_KEY, String(lastActivity));
    } catch {
      // Memory is enough for this page.
    }
  }
}

export function msSinceActivity(): number {
  return Date.now() - lastActivity;
}
