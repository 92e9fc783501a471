import { useEffect, type ReactNode } from 'react';
import type { StaffRole } from '../../../functions/domain/access/roles.js';
import { STAFF_SIGN_IN_PATH } from '../auth/paths.js';
import { useSession, type Session } from '../auth/session.js';
import { Main } from '../components/Layout.js';
import type { Notice } from '../components/NotificationBanner.js';
import { useTitle } from '../components/Page.js';
import { Link, navigate, useLocation } from '../router.js';

/**
 * A staff page: signed-out visitors go to sign-in (and come back after);
 * the wrong role sees a plain "no access" page. The API checks the same
 * rules: this only spares people a page of errors.
 */
export function StaffOnly({
  roles,
  signInNotice,
  children,
}: {
  roles?: readonly StaffRole[];
  /** Shown on the sign-in page when a signed-out visitor is sent there (why they must sign in). */
  signInNotice?: Notice;
  children: (session: Session) => ReactNode;
}) {
  const session = useSession('staff');
  const location = useLocation();
  useEffect(() => {
    if (!session) {
      navigate(STAFF_SIGN_IN_PATH, { replace: true, state: { returnTo: location.pathname + location.search, notice: signInNotice } });
    }
  }, [session, location.pathname, location.search, signInNotice]);
  if (!session) return null;
  if (roles && !roles.some((role) => session.roles.includes(role))) return <NoAccess />;
  return <>{children(session)}</>;
}

function NoAccess() {
  const heading = 'You do not have access to this page';
  useTitle(heading);
  return (
    <Main>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">Only the Board’s business manager can use this page.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/tasks">
          Go to your tasks
        </Link>
      </p>
    </Main>
  );
}

/** "Page not found" for a case you are not on, or that does not exist: the two must look the same. */
export function StaffNotFound() {
  const heading = 'Page not found';
  useTitle(heading);
  return (
    <Main>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/cases">
          Go to your cases
        </Link>
      </p>
    </Main>
  );
}
