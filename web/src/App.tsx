import { lazy, Suspense, useEffect, useRef, type ComponentType } from 'react';
import {
  ACCOUNT_SIGN_IN_PATH,
  ACT_PATH,
  CONFIRM_EMAIL_CODE_PATH,
  CONFIRM_EMAIL_PATH,
  REFERRER_CODE_PATH,
  REFERRER_SIGN_IN_PATH,
  STAFF_APP_CODE_PATH,
  STAFF_APP_SETUP_PATH,
  STAFF_CODE_PATH,
  STAFF_FORGOT_PASSWORD_PATH,
  STAFF_NEW_PASSWORD_PATH,
  STAFF_RESET_PASSWORD_PATH,
  STAFF_SIGN_IN_PATH,
  YOUR_REFERRALS_PATH,
} from './auth/paths.js';
import { Layout, Main } from './components/Layout.js';
import { CHECK_ANSWERS_PATH, CONFIRMATION_PATH, SECTION_PATHS } from './form/sections.js';
import { AboutTheChildPage } from './pages/referral/about-the-child/AboutTheChildPage.js';
import { AccessibilityPage } from './pages/common/accessibility/AccessibilityPage.js';
import { CheckAnswersPage } from './pages/referral/check-answers/CheckAnswersPage.js';
import { ConcernsPage } from './pages/referral/concerns/ConcernsPage.js';
import { ConfirmationPage } from './pages/referral/confirmation/ConfirmationPage.js';
import { ConfirmEmailCodePage, ConfirmEmailPage } from './pages/referral/confirm-email/ConfirmEmailPage.js';
import { FurtherCriteriaPage } from './pages/referral/further-criteria/FurtherCriteriaPage.js';
import { NotFoundPage } from './pages/common/not-found/NotFoundPage.js';
import { OtherAgenciesPage } from './pages/referral/other-agencies/OtherAgenciesPage.js';
import { OtherChildrenPage } from './pages/referral/other-children/OtherChildrenPage.js';
import { PrivacyPage } from './pages/common/privacy/PrivacyPage.js';
import { StartPage } from './pages/referral/start/StartPage.js';
import { WhatHappenedPage } from './pages/referral/what-happened/WhatHappenedPage.js';
import { YourDetailsPage } from './pages/referral/your-details/YourDetailsPage.js';
import { CASE_SECTIONS } from './pages/case/sections.js';
import { matchPath, useLocation } from './router.js';

/** A page gets the `:name` parts of its address. */
export type RouteProps = { params: Record<string, string> };
type RouteComponent = ComponentType<RouteProps>;

/*
 * Staff pages and "Your referrals" are separate chunks, loaded when first
 * visited: someone making a referral downloads only the form.
 */
const staffChunk = () => import('./staff/pages.js');
const referrerChunk = () => import('./referrer/pages.js');
type StaffPages = Awaited<ReturnType<typeof staffChunk>>;
type ReferrerPages = Awaited<ReturnType<typeof referrerChunk>>;
/**
 * The staff chunk once loaded. Its pages then render at once rather than
 * through Suspense, whose reveal React throttles (up to 300 ms): a staff
 * address opened afresh loads the chunk before the first render
 * ({@link preloadPage}), so its page asks for its data that much sooner.
 */
let staffLoaded: StaffPages | undefined;
const loadStaff = () => staffChunk().then((m) => (staffLoaded = m));
const staffRoutes = new Set<RouteComponent>();
const staffPage = (name: keyof StaffPages): RouteComponent => {
  const Lazy = lazy(() => loadStaff().then((m) => ({ default: m[name] as RouteComponent })));
  const StaffRoute = (props: RouteProps) => {
    const Loaded = staffLoaded?.[name] as RouteComponent | undefined;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  };
  staffRoutes.add(StaffRoute);
  return StaffRoute;
};
const referrerPage = (name: keyof ReferrerPages): RouteComponent =>
  lazy(() => referrerChunk().then((m) => ({ default: m[name] as RouteComponent })));

/** One lazy component for every page of a case's workspace. */
const casePage = staffPage('CasePage');

/** Every address the app answers, in matching order; anything else is "Page not found". */
export const ROUTES: ReadonlyArray<readonly [string, RouteComponent]> = [
  ['/', StartPage],
  [SECTION_PATHS.referrer, YourDetailsPage],
  [CONFIRM_EMAIL_PATH, ConfirmEmailPage],
  [CONFIRM_EMAIL_CODE_PATH, ConfirmEmailCodePage],
  [SECTION_PATHS.child, AboutTheChildPage],
  [SECTION_PATHS.incident, WhatHappenedPage],
  [SECTION_PATHS.concerns, ConcernsPage],
  [SECTION_PATHS.furtherCriteria, FurtherCriteriaPage],
  [SECTION_PATHS.otherChildren, OtherChildrenPage],
  [SECTION_PATHS.involvement, OtherAgenciesPage],
  [CHECK_ANSWERS_PATH, CheckAnswersPage],
  [CONFIRMATION_PATH, ConfirmationPage],
  ['/accessibility', AccessibilityPage],
  ['/privacy', PrivacyPage],
  [YOUR_REFERRALS_PATH, referrerPage('YourReferralsPage')],
  [REFERRER_SIGN_IN_PATH, referrerPage('ReferrerSignInPage')],
  [REFERRER_CODE_PATH, referrerPage('ReferrerCodePage')],
  [STAFF_SIGN_IN_PATH, staffPage('SignInPage')],
  [STAFF_CODE_PATH, staffPage('SignInCodePage')],
  [STAFF_NEW_PASSWORD_PATH, staffPage('NewPasswordPage')],
  [STAFF_FORGOT_PASSWORD_PATH, staffPage('ForgotPasswordPage')],
  [STAFF_RESET_PASSWORD_PATH, staffPage('ResetPasswordPage')],
  [STAFF_APP_SETUP_PATH, staffPage('SetUpAppAtSignInPage')],
  [STAFF_APP_CODE_PATH, staffPage('AppCodePage')],
  [ACCOUNT_SIGN_IN_PATH, staffPage('SignInSecurityPage')],
  ['/tasks', staffPage('TasksPage')],
  ['/cases', staffPage('CasesPage')],
  ['/cases/:reference', casePage],
  // The case workspace's other pages (sections.ts): summary, referral, decision, review, timescale, people, emails, timeline.
  ...CASE_SECTIONS.filter((s) => s.slug !== '').map((s) => [`/cases/:reference/${s.slug}`, casePage] as const),
  // The review's panel, records and 6.2 confirmation pages.
  ['/cases/:reference/review/panel/add', staffPage('PanelMemberPage')],
  ['/cases/:reference/review/panel/:memberId/mandate', staffPage('MandatePage')],
  ['/cases/:reference/review/records/add', staffPage('RecordsRequestPage')],
  ['/cases/:reference/review/records/:recordsId/secured', staffPage('RecordsSecuredPage')],
  ['/cases/:reference/review/nbu-confirmation', staffPage('NbuConfirmationPage')],
  // 3.1: record that the other children were considered (a case duty, in any stage).
  ['/cases/:reference/other-children', staffPage('OtherChildrenConsideredPage')],
  // The Ofsted form and statutory notification, joint reviews, timescale, proceedings and publication.
  ['/cases/:reference/review/ofsted-form', staffPage('OfstedFormPage')],
  ['/cases/:reference/notification', staffPage('StatutoryNotificationPage')],
  ['/cases/:reference/review/joint', staffPage('JointReviewPage')],
  ['/cases/:reference/review/joint/final-decision', staffPage('JointFinalDecisionPage')],
  ['/cases/:reference/review/extension-request', staffPage('ExtensionRequestPage')],
  ['/cases/:reference/review/extension', staffPage('ExtensionPage')],
  ['/cases/:reference/review/proceedings/add', staffPage('ProceedingPage')],
  ['/cases/:reference/review/publication-hold', staffPage('PublicationHoldPage')],
  ['/cases/:reference/review/early-lessons/add', staffPage('EarlyLessonPage')],
  // The review's terms of reference (7.1, 7.2): drawn up, agreed as versions, compared.
  ['/cases/:reference/terms-of-reference', staffPage('TermsOfReferencePage')],
  ['/cases/:reference/terms-of-reference/versions/:version', staffPage('TermsOfReferenceVersionPage')],
  ['/cases/:reference/terms-of-reference/compare/:from/:to', staffPage('TermsOfReferenceComparePage')],
  // The overview report's facts (issue 11): parts of the case's Report page (pages/report/report-pages.ts).
  ['/cases/:reference/report/author', staffPage('OverviewAuthorPage')],
  ['/cases/:reference/report/contributions', staffPage('AcceptedContributionsPage')],
  ['/cases/:reference/report/chronology', staffPage('IntegratedChronologyPage')],
  ['/cases/:reference/report/genogram', staffPage('GenogramPage')],
  ['/cases/:reference/report/what-was-known', staffPage('WhatWasKnownPage')],
  // The overview report (11.1-11.4, Appendix B): the latest version, every version, exports, completion, publication.
  ['/cases/:reference/report/draft', staffPage('ReportDraftPage')],
  ['/cases/:reference/report/versions', staffPage('ReportVersionsPage')],
  ['/cases/:reference/report/versions/:version', staffPage('ReportVersionPage')],
  // Files attached to the case itself (issue 10).
  ['/cases/:reference/files', staffPage('CaseFilesPage')],
  // One contribution and its IMR's parts (issue 10, Appendix A): the author writes, others read as the API allows.
  ['/cases/:reference/contributions/:contributionId', staffPage('ContributionPage')],
  ['/cases/:reference/contributions/:contributionId/chronology', staffPage('ChronologyPage')],
  ['/cases/:reference/contributions/:contributionId/chronology/add', staffPage('ChronologyRowPage')],
  ['/cases/:reference/contributions/:contributionId/chronology/:rowId', staffPage('ChronologyRowPage')],
  ['/cases/:reference/contributions/:contributionId/chronology/:rowId/delete', staffPage('ChronologyDeletePage')],
  ['/cases/:reference/contributions/:contributionId/analysis', staffPage('ImrAnalysisPage')],
  ['/cases/:reference/contributions/:contributionId/learning', staffPage('ImrLearningPage')],
  ['/cases/:reference/contributions/:contributionId/recommendations', staffPage('ImrRecommendationsPage')],
  ['/cases/:reference/contributions/:contributionId/interviews', staffPage('ImrInterviewsPage')],
  ['/cases/:reference/contributions/:contributionId/due-date', staffPage('ContributionDueDatePage')],
  ['/cases/:reference/contributions/:contributionId/court-agreement', staffPage('ContributionCourtAgreementPage')],
  ['/cases/:reference/contributions/:contributionId/debrief', staffPage('ContributionDebriefPage')],
  ['/cases/:reference/contributions/:contributionId/follow-up', staffPage('ContributionFollowUpPage')],
  ['/cases/:reference/contributions/:contributionId/disciplinary', staffPage('ContributionDisciplinaryPage')],
  // The action plan on its own page (an action's owner not on the case; the emails link here), and the Board's reports.
  ['/cases/:reference/action-plan', staffPage('ActionPlanPage')],
  ['/cases/:reference/action-plan/:actionId/evidence', staffPage('ActionEvidencePage')],
  ['/cases/:reference/action-plan/:actionId/change', staffPage('ActionChangePage')],
  ['/reports', staffPage('ReportsPage')],
  ['/reports/action-plans', staffPage('ActionProgressReportPage')],
  ['/reports/timeliness', staffPage('TimelinessReportPage')],
  ['/admin/users', staffPage('UsersPage')],
  ['/admin/users/invite', staffPage('InviteUserPage')],
  ['/admin/users/:userId', staffPage('UserPage')],
  ['/admin/board-config', staffPage('BoardConfigPage')],
  // Local runtime only (npm start): the business manager moves local time forward.
  ['/local/time', staffPage('LocalTimePage')],
  // A chair's emailed link (`/act#<secret>`): staff chunk, signed in.
  [ACT_PATH, staffPage('ActPage')],
];

function resolve(path: string): { Page: RouteComponent; params: Record<string, string> } {
  for (const [pattern, Page] of ROUTES) {
    const params = matchPath(pattern, path);
    if (params) return { Page, params };
  }
  return { Page: NotFoundPage, params: {} };
}

/** Loads the chunk of the page at `path`, when it is a staff page, so the first render draws it at once; never rejects. */
export function preloadPage(path: string): Promise<void> {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return staffRoutes.has(resolve(normalised).Page) ? loadStaff().then(() => undefined, () => undefined) : Promise.resolve();
}

/**
 * After each page change (not the first load), start at the top and put
 * focus on the error summary or a success banner if the page opens with
 * one, otherwise on the h1, so screen reader users hear where they are.
 * A page from a chunk still loading gets focus once its h1 appears.
 */
function useFocusOnPageChange(key: number): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    // While a chunk loads, Suspense keeps the previous page in the DOM, hidden: skip what cannot be seen.
    const visible = (el: HTMLElement | null | undefined): el is HTMLElement => !!el && el.getClientRects().length > 0;
    const tryFocus = (): boolean => {
      const main = [...document.querySelectorAll<HTMLElement>('#main-content')].find(visible);
      const summary = main?.querySelector<HTMLElement>('.govuk-error-summary, .govuk-notification-banner--success');
      if (visible(summary)) {
        summary.focus();
        return document.activeElement === summary;
      }
      const h1 = main?.querySelector<HTMLElement>('h1');
      if (visible(h1)) {
        h1.setAttribute('tabindex', '-1');
        h1.focus({ preventScroll: true });
        return document.activeElement === h1;
      }
      return false;
    };
    if (tryFocus()) return;
    const root = document.getElementById('app');
    if (!root) return;
    const observer = new MutationObserver(() => {
      if (tryFocus()) observer.disconnect();
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'hidden'] });
    const stop = window.setTimeout(() => observer.disconnect(), 5_000);
    return () => {
      observer.disconnect();
      window.clearTimeout(stop);
    };
  }, [key]);
}

/** Shown while a page's chunk downloads: no heading, so focus waits for the real one. */
function Loading() {
  return (
    <Main>
      <p className="govuk-body" role="status">
        Loading…
      </p>
    </Main>
  );
}

export function App() {
  const location = useLocation();
  const path = location.pathname.length > 1 ? location.pathname.replace(/\/+$/, '') : location.pathname;
  const { Page, params } = resolve(path);
  useFocusOnPageChange(location.key);
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        {/* A new key per navigation: each visit starts with fresh page state. */}
        <Page key={location.key} params={params} />
      </Suspense>
    </Layout>
  );
}
