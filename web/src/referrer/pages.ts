/** The referrer's signed-in pages: one chunk, loaded on first visit. */
export { ReferrerCodePage, ReferrerSignInPage, YourReferralsPage } from '../pages/your-referrals/YourReferralsPage.js';
