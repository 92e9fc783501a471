import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { apiRequest } from '../api/client.js';
import { msSinceActivity, recordActivity } from './activity.js';
import { navigate } from '../router.js';
import { STAFF_SIGN_IN_PATH, REFERRER_SIGN_IN_PATH } from './paths.js';
import { loadPublicConfig } from './public-config.js';
import {
  anySession,
  currentSession,
  endSession,
  msSinceServerContact,
  rememberIdleMinutes,
  signedOutNotice,
  signOut,
  subscribeSessions,
  type Pool,
} from './session.js';

/**
 * The idle timer. After `sessionIdleMinutes` without a key press, click,
 * touch or scroll, every session in this tab ends (the server ends it too).
 * Two minutes before, a dialog offers to stay signed in: WCAG 2.2.1 asks
 * for a warning and a simple way to extend.
 *
 * While the person is active but the page makes no API calls (a long
 * form), a light `GET /api/me` keeps the server's idle clock in step.
 */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart', 'input'] as const;
const CHECK_EVERY_MS = 5_000;

function useAnySession(): boolean {
  return useSyncExternalStore(subscribeSessions, anySession);
}

/** "2 minutes", "1 minute", "less than a minute". */
function remainingText(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (ms < 60_000) return 'less than a minute';
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

export function SessionTimeout() {
  const signedIn = useAnySession();
  const [idleMs, setIdleMs] = useState<number | null>(null);
  const [warningLeft, setWarningLeft] = useState<number | null>(null);
  const warningRef = useRef(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  useEffect(() => {
    let live = true;
    loadPublicConfig().then(
      (config) => {
        if (!live) return;
        rememberIdleMinutes(config.sessionIdleMinutes);
        setIdleMs(config.sessionIdleMinutes * 60_000);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!signedIn || idleMs === null) return;
    // While the warning shows, only "Stay signed in" counts as activity.
    const onActivity = () => {
      if (!warningRef.current) recordActivity();
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { capture: true, passive: true });
    const warnAt = Math.min(2 * 60_000, idleMs / 2);

    const check = () => {
      const idle = msSinceActivity();
      if (idle >= idleMs) {
        warningRef.current = false;
        setWarningLeft(null);
        for (const pool of ['staff', 'referrer'] as const) endSession(pool, 'idle');
        return;
      }
      if (idle >= idleMs - warnAt) {
        warningRef.current = true;
        setWarningLeft(idleMs - idle);
        return;
      }
      // Active, but nothing has reached the server for half the limit: tell it we are here.
      if (idle < 60_000 && msSinceServerContact() > idleMs / 2) {
        const pool: Pool = currentSession('staff') ? 'staff' : 'referrer';
        void apiRequest(pool, '/api/me');
      }
    };
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    // A tab coming back from the background checks at once (its timers were slowed).
    const onVisible = () => {
      if (document.visibilityState === 'visible') check();
    };
    document.addEventListener('visibilitychange', onVisible);
    check();
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [signedIn, idleMs]);

  // Open and close the modal dialog with the warning.
  const open = warningLeft !== null && signedIn;
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
      returnFocus.current?.focus();
    }
  }, [open]);

  const staySignedIn = () => {
    warningRef.current = false;
    recordActivity();
    setWarningLeft(null);
    const pool: Pool = currentSession('staff') ? 'staff' : 'referrer';
    void apiRequest(pool, '/api/me');
  };

  const signOutNow = async () => {
    warningRef.current = false;
    setWarningLeft(null);
    const staff = currentSession('staff') !== null;
    await Promise.all([signOut('staff'), signOut('referrer')]);
    navigate(staff ? STAFF_SIGN_IN_PATH : REFERRER_SIGN_IN_PATH, { state: { notice: signedOutNotice() } });
  };

  if (!signedIn) return null;
  return (
    <dialog
      ref={dialogRef}
      className="app-timeout-dialog"
      aria-labelledby="timeout-heading"
      aria-describedby="timeout-text"
      onCancel={(event) => {
        // Escape means "I'm still here".
        event.preventDefault();
        staySignedIn();
      }}
    >
      <h2 className="govuk-heading-m" id="timeout-heading">
        You’re about to be signed out
      </h2>
      <p className="govuk-body" id="timeout-text">
        For your security, we will sign you out in {remainingText(warningLeft ?? 0)} if you do not do anything.
      </p>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" onClick={staySignedIn}>
          Stay signed in
        </button>
        <button type="button" className="app-link-button govuk-link" onClick={() => void signOutNow()}>
          Sign out
        </button>
      </div>
    </dialog>
  );
}
