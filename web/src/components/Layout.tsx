import type { FormEvent, MouseEvent, ReactNode } from 'react';
import { STAFF_HOME_PATH, STAFF_SIGN_IN_PATH } from '../auth/paths.js';
import { SessionTimeout } from '../auth/SessionTimeout.js';
import { signedOutNotice, signOut, useSession, type Session } from '../auth/session.js';
import { BOARD_NAME, SERVICE_NAME } from '../config.js';
import { Link, navigate, useLocation } from '../router.js';

/**
 * The page frame: skip link, a generic (non-GOV.UK) header naming the
 * partnership, service navigation with the service name, a Beta phase
 * banner and a footer without crown or Crown copyright.
 */
export function Layout({ children }: { children: ReactNode }) {
  const staff = useSession('staff');
  return (
    <>
      <SkipLink />
      <SessionTimeout />
      <header className="govuk-template__header">
        <div className="govuk-generic-header">
          <div className="govuk-generic-header__container govuk-width-container">
            <div className="govuk-generic-header__logo">
              <Link to="/" className="govuk-generic-header__homepage-link">
                {BOARD_NAME}
              </Link>
            </div>
          </div>
        </div>
        <section aria-label="Service information" className="govuk-service-navigation">
          <div className="govuk-width-container">
            <div className="govuk-service-navigation__container">
              <span className="govuk-service-navigation__service-name">
                <Link to={staff ? STAFF_HOME_PATH : '/'} className="govuk-service-navigation__link">
                  {SERVICE_NAME}
                </Link>
              </span>
              {staff ? <StaffNavigation session={staff} /> : null}
            </div>
          </div>
        </section>
      </header>
      <div className="govuk-width-container">
        <div className="govuk-phase-banner">
          <p className="govuk-phase-banner__content">
            <strong className="govuk-tag govuk-phase-banner__content__tag">Beta</strong>
            <span className="govuk-phase-banner__text">
              This is a new service. Tell the Board’s business support team if something does not work for you.
            </span>
          </p>
        </div>
        {children}
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <div className="govuk-footer__meta">
            <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
              <h2 className="govuk-visually-hidden">Support links</h2>
              <ul className="govuk-footer__inline-list">
                <li className="govuk-footer__inline-list-item">
                  <Link className="govuk-footer__link" to="/accessibility">
                    Accessibility statement
                  </Link>
                </li>
                <li className="govuk-footer__inline-list-item">
                  <Link className="govuk-footer__link" to="/privacy">
                    Privacy notice
                  </Link>
                </li>
                <li className="govuk-footer__inline-list-item">
                  <Link className="govuk-footer__link" to="/your-referrals">
                    Your referrals
                  </Link>
                </li>
                {staff ? null : (
                  <li className="govuk-footer__inline-list-item">
                    <Link className="govuk-footer__link" to={STAFF_SIGN_IN_PATH}>
                      Board staff sign in
                    </Link>
                  </li>
                )}
              </ul>
              <p className="govuk-body-s app-footer__partnership">
                Run by {BOARD_NAME} for professionals working with children.
              </p>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}

const NAV_ITEMS: ReadonlyArray<{ to: string; label: string; businessManager?: boolean; roles?: readonly string[] }> = [
  { to: '/tasks', label: 'My tasks' },
  { to: '/cases', label: 'Cases' },
  // The Board's progress and timeliness reports (pages/actions/ReportsPages.tsx).
  { to: '/reports', label: 'Reports', roles: ['business-manager', 'board-chair', 'auditor'] },
  { to: '/admin/users', label: 'Users', businessManager: true },
  { to: '/admin/board-config', label: 'Board configuration', businessManager: true },
  { to: '/account/sign-in', label: 'Sign-in security' },
];

/**
 * Service navigation for signed-in staff: their pages, who is signed in,
 * and Sign out. Sign out changes state, so it is a form's button (styled
 * as a link), not a link.
 */
function StaffNavigation({ session }: { session: Session }) {
  const { pathname } = useLocation();
  const businessManager = session.roles.includes('business-manager');
  const onSignOut = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    await signOut('staff');
    // Replace: the page signed out of (now redirecting) is not somewhere to go Back to.
    navigate(STAFF_SIGN_IN_PATH, { replace: true, state: { notice: signedOutNotice() } });
  };
  return (
    <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
      <ul className="govuk-service-navigation__list" id="navigation">
        {NAV_ITEMS.filter((item) => (!item.businessManager || businessManager) && (!item.roles || item.roles.some((r) => session.roles.includes(r)))).map((item) => {
          const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
          return (
            <li
              key={item.to}
              className={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}
            >
              <Link className="govuk-service-navigation__link" to={item.to} aria-current={active ? 'page' : undefined}>
                {active ? <strong className="govuk-service-navigation__active-fallback">{item.label}</strong> : item.label}
              </Link>
            </li>
          );
        })}
        <li className="govuk-service-navigation__item app-service-navigation__account">
          <span className="app-service-navigation__email">
            <span className="govuk-visually-hidden">Signed in as </span>
            {session.email}
          </span>
        </li>
        <li className="govuk-service-navigation__item">
          <form noValidate onSubmit={(event) => void onSignOut(event)} className="app-inline-form">
            <button type="submit" className="app-link-button govuk-service-navigation__link">
              Sign out
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
}

/**
 * Skip link that moves focus into `<main>` (as govuk-frontend's does) without
 * changing the address, so it is not mistaken for a page change.
 */
function SkipLink() {
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById('main-content');
    if (!main) return;
    event.preventDefault();
    main.setAttribute('tabindex', '-1');
    main.classList.add('govuk-skip-link-focused-element');
    main.addEventListener(
      'blur',
      () => {
        main.removeAttribute('tabindex');
        main.classList.remove('govuk-skip-link-focused-element');
      },
      { once: true },
    );
    main.focus();
  };
  return (
    <a href="#main-content" className="govuk-skip-link" onClick={skip}>
      Skip to main content
    </a>
  );
}

/** A Back link above the page's main content. */
export function BackLink({ to }: { to: string }) {
  return (
    <Link to={to} className="govuk-back-link">
      Back
    </Link>
  );
}

/** The page's `<main>`: the skip link and route-change focus land here. */
export function Main({ children, backTo, wide }: { children: ReactNode; backTo?: string; wide?: boolean }) {
  return (
    <>
      {backTo ? <BackLink to={backTo} /> : null}
      <main className="govuk-main-wrapper govuk-main-wrapper--auto-spacing" id="main-content">
        <div className="govuk-grid-row">
          {/* Tables of cases and users need the full width; questions read best in two thirds. */}
          <div className={wide ? 'govuk-grid-column-full' : 'govuk-grid-column-two-thirds'}>{children}</div>
        </div>
      </main>
    </>
  );
}
