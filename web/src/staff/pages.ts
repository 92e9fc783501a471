/** Staff pages: one chunk, loaded on first visit, so the referral form stays small. */
export { NewPasswordPage, SignInCodePage, SignInPage } from '../pages/sign-in/SignInPages.js';
export { ForgotPasswordPage, ResetPasswordPage } from '../pages/sign-in/PasswordResetPages.js';
export { AppCodePage, SetUpAppAtSignInPage, SignInSecurityPage } from '../pages/sign-in/AuthenticatorAppPages.js';
export { TasksPage } from '../pages/tasks/TasksPage.js';
export { CasesPage } from '../pages/cases/CasesPage.js';
export { CasePage } from '../pages/case/CasePage.js';
export { MandatePage, NbuConfirmationPage, PanelMemberPage, RecordsRequestPage, RecordsSecuredPage } from '../pages/review/ReviewPages.js';
export { OtherChildrenConsideredPage } from '../pages/case-duties/OtherChildrenConsideredPage.js';
export { OfstedFormPage } from '../pages/review-more/OfstedFormPage.js';
export { StatutoryNotificationPage } from '../pages/review-more/StatutoryNotificationPage.js';
export { JointFinalDecisionPage, JointReviewPage } from '../pages/review-more/JointReviewPages.js';
export { ExtensionPage, ExtensionRequestPage } from '../pages/review-more/TimescalePages.js';
export { EarlyLessonPage, ProceedingPage, PublicationHoldPage } from '../pages/review-more/ProceedingsPages.js';
export { InviteUserPage, UserPage, UsersPage } from '../pages/admin-users/UsersPages.js';
export { BoardConfigPage } from '../pages/board-config/BoardConfigPage.js';
export { ActPage } from '../pages/act/ActPage.js';
export { LocalTimePage } from '../pages/local-time/LocalTimePage.js';
