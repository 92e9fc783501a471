import type { MouseEvent, ReactNode } from 'react';
import { BOARD_NAME, SERVICE_NAME } from '../config.js';
import { Link } from '../router.js';

/**
 * The page frame: skip link, a generic (non-GOV.UK) header naming the
 * partnership, service navigation with the service name, a Beta phase
 * banner and a footer without crown or Crown copyright.
 */
export function Layout({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
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
                <Link to="/" className="govuk-service-navigation__link">
                  {SERVICE_NAME}
                </Link>
              </span>
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
export function Main({ children, backTo }: { children: ReactNode; backTo?: string }) {
  return (
    <>
      {backTo ? <BackLink to={backTo} /> : null}
      <main className="govuk-main-wrapper govuk-main-wrapper--auto-spacing" id="main-content">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">{children}</div>
        </div>
      </main>
    </>
  );
}
