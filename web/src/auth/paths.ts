/** Addresses the sign-in code sends people to. */
export const STAFF_SIGN_IN_PATH = '/sign-in';
export const STAFF_CODE_PATH = '/sign-in/code';
export const STAFF_NEW_PASSWORD_PATH = '/sign-in/new-password';
export const STAFF_FORGOT_PASSWORD_PATH = '/sign-in/forgot-password';
export const STAFF_RESET_PASSWORD_PATH = '/sign-in/reset-password';
export const STAFF_HOME_PATH = '/tasks';
export const CONFIRM_EMAIL_PATH = '/confirm-email';
export const CONFIRM_EMAIL_CODE_PATH = '/confirm-email/code';
export const YOUR_REFERRALS_PATH = '/your-referrals';
export const REFERRER_SIGN_IN_PATH = '/your-referrals/sign-in';
export const REFERRER_CODE_PATH = '/your-referrals/sign-in/code';
/** A chair's emailed action link opens here: `/act#<secret>`. */
export const ACT_PATH = '/act';
