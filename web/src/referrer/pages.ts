/** The referrer's signed-in pages: one chunk, loaded on first visit. */
export { ReferrerCodePage, ReferrerSignInPage, YourReferralsPage } from '../pages/referral/your-referrals/YourReferralsPage.js';
