/** Staff pages: one chunk, loaded on first visit, so the referral form stays small. */
export { NewPasswordPage, SignInCodePage, SignInPage } from '../pages/sign-in/SignInPages.js';
export { ForgotPasswordPage, ResetPasswordPage } from '../pages/sign-in/PasswordResetPages.js';
export { AppCodePage, SetUpAppAtSignInPage, SignInSecurityPage } from '../pages/sign-in/AuthenticatorAppPages.js';
export { TasksPage } from '../pages/case/tasks/TasksPage.js';
export { CasesPage } from '../pages/case/cases/CasesPage.js';
export { CasePage } from '../pages/case/CasePage.js';
export { MandatePage, NbuConfirmationPage, PanelMemberPage, RecordsRequestPage, RecordsSecuredPage } from '../pages/review/ReviewPages.js';
export { OtherChildrenConsideredPage } from '../pages/case/duties/OtherChildrenConsideredPage.js';
export { OfstedFormPage } from '../pages/review/OfstedFormPage.js';
export { StatutoryNotificationPage } from '../pages/review/StatutoryNotificationPage.js';
export { JointFinalDecisionPage, JointReviewPage } from '../pages/review/JointReviewPages.js';
export { ExtensionPage, ExtensionRequestPage } from '../pages/review/TimescalePages.js';
export { EarlyLessonPage, ProceedingPage, PublicationHoldPage } from '../pages/review/ProceedingsPages.js';
export { InviteUserPage, UserPage, UsersPage } from '../pages/admin/admin-users/UsersPages.js';
export { BoardConfigPage } from '../pages/admin/board-config/BoardConfigPage.js';
export { ActPage } from '../pages/act/ActPage.js';
export { LocalTimePage } from '../pages/admin/local-time/LocalTimePage.js';
export { TermsOfReferenceComparePage, TermsOfReferencePage, TermsOfReferenceVersionPage } from '../pages/review/terms-of-reference/TermsOfReferencePages.js';
export { CaseFilesPage } from '../pages/case/files/CaseFilesPage.js';
export { ContributionPage } from '../pages/contribution/ContributionPage.js';
export { ChronologyDeletePage, ChronologyPage, ChronologyRowPage } from '../pages/contribution/ChronologyPages.js';
export { ImrAnalysisPage, ImrInterviewsPage, ImrLearningPage, ImrRecommendationsPage } from '../pages/contribution/ImrSectionPages.js';
export {
  ContributionCourtAgreementPage,
  ContributionDebriefPage,
  ContributionDisciplinaryPage,
  ContributionDueDatePage,
  ContributionFollowUpPage,
} from '../pages/contribution/ContributionRecordPages.js';
export { OverviewAuthorPage } from '../pages/report/OverviewAuthorPage.js';
export { IntegratedChronologyPage } from '../pages/report/IntegratedChronologyPage.js';
export { GenogramPage } from '../pages/report/GenogramPage.js';
export { WhatWasKnownPage } from '../pages/report/WhatWasKnownPage.js';
export { ReportDraftPage, ReportVersionPage, ReportVersionsPage } from '../pages/report/ReportPages.js';
export { ActionPlanPage } from '../pages/actions/ActionPlanSection.js';
export { ActionProgressReportPage, ReportsPage, TimelinessReportPage } from '../pages/actions/ReportsPages.js';
export { ActionEvidencePage } from '../pages/actions/ActionEvidencePage.js';
export { ActionChangePage } from '../pages/actions/ActionChangePage.js';
export { AcceptedContributionsPage } from '../pages/report/AcceptedContributionsPage.js';
