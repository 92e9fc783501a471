/** Addresses the sign-in code sends people to. */
export const STAFF_SIGN_IN_PATH = '/sign-in';
export const STAFF_CODE_PATH = '/sign-in/code';
export const STAFF_NEW_PASSWORD_PATH = '/sign-in/new-password';
export const STAFF_FORGOT_PASSWORD_PATH = '/sign-in/forgot-password';
export const STAFF_RESET_PASSWORD_PATH = '/sign-in/reset-password';
/** MFA_SETUP at sign-in: set up an authenticator app. */
export const STAFF_APP_SETUP_PATH = '/sign-in/authenticator-app';
/** SOFTWARE_TOKEN_MFA at sign-in: the code from the app. */
export const STAFF_APP_CODE_PATH = '/sign-in/app-code';
/** A signed-in person's second factor: set up or replace their authenticator app. */
export const ACCOUNT_SIGN_IN_PATH = '/account/sign-in';
export const STAFF_HOME_PATH = '/tasks';
export const CONFIRM_EMAIL_PATH = '/confirm-email';
export const CONFIRM_EMAIL_CODE_PATH = '/confirm-email/code';
export const YOUR_REFERRALS_PATH = '/your-referrals';
export const REFERRER_SIGN_IN_PATH = '/your-referrals/sign-in';
export const REFERRER_CODE_PATH = '/your-referrals/sign-in/code';
/** A chair's emailed action link opens here: `/act#<secret>`. */
export const ACT_PATH = '/act';
