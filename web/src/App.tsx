import { useEffect, useRef, type ComponentType } from 'react';
import { Layout } from './components/Layout.js';
import { CHECK_ANSWERS_PATH, CONFIRMATION_PATH, SECTION_PATHS } from './form/sections.js';
import { AboutTheChildPage } from './pages/about-the-child/AboutTheChildPage.js';
import { AccessibilityPage } from './pages/accessibility/AccessibilityPage.js';
import { CheckAnswersPage } from './pages/check-answers/CheckAnswersPage.js';
import { ConcernsPage } from './pages/concerns/ConcernsPage.js';
import { ConfirmationPage } from './pages/confirmation/ConfirmationPage.js';
import { FurtherCriteriaPage } from './pages/further-criteria/FurtherCriteriaPage.js';
import { NotFoundPage } from './pages/not-found/NotFoundPage.js';
import { OtherAgenciesPage } from './pages/other-agencies/OtherAgenciesPage.js';
import { OtherChildrenPage } from './pages/other-children/OtherChildrenPage.js';
import { PrivacyPage } from './pages/privacy/PrivacyPage.js';
import { StartPage } from './pages/start/StartPage.js';
import { WhatHappenedPage } from './pages/what-happened/WhatHappenedPage.js';
import { YourDetailsPage } from './pages/your-details/YourDetailsPage.js';
import { useLocation } from './router.js';

/** Every address the app answers; anything else is "Page not found". */
export const ROUTES: Record<string, ComponentType> = {
  '/': StartPage,
  [SECTION_PATHS.referrer]: YourDetailsPage,
  [SECTION_PATHS.child]: AboutTheChildPage,
  [SECTION_PATHS.incident]: WhatHappenedPage,
  [SECTION_PATHS.concerns]: ConcernsPage,
  [SECTION_PATHS.furtherCriteria]: FurtherCriteriaPage,
  [SECTION_PATHS.otherChildren]: OtherChildrenPage,
  [SECTION_PATHS.involvement]: OtherAgenciesPage,
  [CHECK_ANSWERS_PATH]: CheckAnswersPage,
  [CONFIRMATION_PATH]: ConfirmationPage,
  '/accessibility': AccessibilityPage,
  '/privacy': PrivacyPage,
};

/**
 * After each page change (not the first load), start at the top and put
 * focus on the error summary if the page opens with one, otherwise on the
 * h1, so screen reader users hear where they are.
 */
function useFocusOnPageChange(key: number): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    const main = document.getElementById('main-content');
    const summary = main?.querySelector<HTMLElement>('.govuk-error-summary');
    if (summary) {
      summary.focus();
      return;
    }
    const h1 = main?.querySelector<HTMLElement>('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: true });
    }
  }, [key]);
}

export function App() {
  const location = useLocation();
  const path = location.pathname.length > 1 ? location.pathname.replace(/\/+$/, '') : location.pathname;
  const Page = ROUTES[path] ?? NotFoundPage;
  useFocusOnPageChange(location.key);
  return (
    <Layout>
      {/* A new key per navigation: each visit starts with fresh page state. */}
      <Page key={location.key} />
    </Layout>
  );
}
