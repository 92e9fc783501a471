import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { issuerFor } from '../../functions/config/identity.js';
import { roleLabels, staffRoles, type StaffRole } from '../../functions/domain/access/roles.js';
import { acknowledge } from './nag.js';

/**
 * Token lifetimes of both app clients. Short ID and access tokens limit what a
 * stolen token is worth; the refresh token caps a session at a working day
 * (the server also ends it after SESSION_IDLE_MINUTES of inactivity).
 */
export const TOKEN_VALIDITY = {
  idAndAccess: Duration.minutes(15),
  refresh: Duration.hours(8),
} as const;

/** Longest values Cognito documents for its ids (API reference: UserPoolId 55, ClientId 128). */
export const COGNITO_ID_MAX_LENGTH = { userPoolId: 55, clientId: 128 } as const;

/** Cognito's API origin in a region: what the browser calls to sign in. */
export function cognitoOrigin(region: string): string {
  return `https://cognito-idp.${region}.amazonaws.com`;
}

const STRONG_PASSWORDS: cognito.PasswordPolicy = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
  tempPasswordValidity: Duration.days(3),
  // Needs the Essentials or Plus plan.
  passwordHistorySize: 5,
};

export interface UserPoolsProps {
  /** The Board's name, shown in the emails. Never any case content. */
  readonly boardName: string;
  /** Public base URL of the app (no trailing slash), for the invitation email. */
  readonly appBaseUrl: string;
  /** SES: the Board's sending address, its verified domain and the configuration set (TLS required). */
  readonly email: {
    readonly from: string;
    readonly replyTo?: string;
    readonly verifiedDomain: string;
    readonly configurationSetName: string;
  };
}

/**
 * Sign-in for the two kinds of user, in two pools so that neither can ever
 * hold a token the other's routes accept:
 *
 * - staff: invited by the business manager (no self sign-up), email and a
 *   strong password, MFA required (an authenticator app; no SMS or email code),
 *   one group per staff role, Plus plan with threat protection enforced;
 * - referrers: sign themselves up with a work email (the pre sign-up trigger
 *   checks the Board's allowed domains) and sign in with a one-time email code.
 *
 * Both send email through the Board's SES identity and configuration set, and
 * use the same short token lifetimes. No hosted UI: the web app calls
 * Cognito's API directly.
 */
export class UserPools extends Construct {
  readonly staffPool: cognito.UserPool;
  readonly staffClient: cognito.UserPoolClient;
  readonly staffGroups: Record<StaffRole, cognito.UserPoolGroup>;
  readonly referrerPool: cognito.UserPool;
  readonly referrerClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: UserPoolsProps) {
    super(scope, id);
    const boardName = escapeHtml(props.boardName);
    const email = (): cognito.UserPoolEmail =>
      cognito.UserPoolEmail.withSES({
        fromEmail: props.email.from,
        fromName: props.boardName,
        ...(props.email.replyTo ? { replyTo: props.email.replyTo } : {}),
        sesVerifiedDomain: props.email.verifiedDomain,
        configurationSetName: props.email.configurationSetName,
      });

    // --- Staff ------------------------------------------------------------
    this.staffPool = new cognito.UserPool(this, 'StaffPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // A changed address only takes effect once the new one is verified.
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      mfa: cognito.Mfa.REQUIRED,
      // An authenticator app only. Email MFA would make email both the second factor and the
      // way back in, so Cognito refuses email recovery for those users (and the web app could
      // only send them to the business manager). Each person sets up an app at first sign-in
      // (MFA_SETUP: QR code and a code to confirm, in the web app).
      mfaSecondFactor: { sms: false, otp: true, email: false },
      enableSmsRole: false,
      passwordPolicy: STRONG_PASSWORDS,
      // Recovery resets the password only; the next sign-in still asks for
      // the second factor (MFA is REQUIRED), so recovery never bypasses MFA.
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      email: email(),
      userVerification: {
        emailStyle: cognito.VerificationEmailStyle.CODE,
        emailSubject: subject(`Confirm your email address for ${props.boardName}`, 'Confirm your email address'),
        emailBody: `<p>Your code to confirm your email address for the ${boardName} Serious Case Review service is {####}</p><p>If you did not ask for this, tell the business manager.</p>`,
      },
      userInvitation: {
        emailSubject: subject(`Your account for the ${props.boardName} Serious Case Review service`, 'Your account for the Serious Case Review service'),
        emailBody: [
          `<p>The business manager of ${boardName} has created an account for you on its Serious Case Review service.</p>`,
          '<p>Your username is {username} and your temporary password is {####}</p>',
          `<p>Sign in at ${props.appBaseUrl}/sign-in within 3 days. You will choose your own password, then set up an authenticator app (such as Microsoft Authenticator or Google Authenticator) on your phone or computer by scanning a QR code. The app gives you a code each time you sign in.</p>`,
          '<p>If you were not expecting this email, do not sign in: tell the business manager.</p>',
        ].join(''),
      },
      // Plus, not Essentials: threat protection (compromised-credential checks
      // and adaptive authentication) for the accounts that can read records
      // about children. A Board has tens to a few hundred staff, so Plus costs
      // a few pounds a month more; it also meets cdk-nag COG8 (formerly COG3,
      // advanced security enforced) without an acknowledgement.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Threat protection's actions, explicit rather than whatever the default is:
    // a password known from a breach is refused (the person resets it by email,
    // then still needs their second factor); a high-risk sign-in is blocked.
    new cognito.CfnUserPoolRiskConfigurationAttachment(this, 'StaffThreatProtection', {
      userPoolId: this.staffPool.userPoolId,
      clientId: 'ALL',
      compromisedCredentialsRiskConfiguration: {
        actions: { eventAction: 'BLOCK' },
        eventFilter: ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'],
      },
      accountTakeoverRiskConfiguration: {
        actions: {
          lowAction: { eventAction: 'MFA_REQUIRED', notify: false },
          mediumAction: { eventAction: 'MFA_REQUIRED', notify: false },
          highAction: { eventAction: 'BLOCK', notify: false },
        },
      },
    });

    this.staffGroups = Object.fromEntries(
      staffRoles.map((role) => [
        role,
        new cognito.UserPoolGroup(this, `StaffGroup${pascal(role)}`, {
          userPool: this.staffPool,
          groupName: role,
          description: roleLabels[role].slice(0, 2048),
        }),
      ]),
    ) as Record<StaffRole, cognito.UserPoolGroup>;

    this.staffClient = this.staffPool.addClient('StaffClient', {
      generateSecret: false,
      // Password then the second factor, through either the classic or the
      // choice-based flow; ALLOW_REFRESH_TOKEN_AUTH comes with them.
      authFlows: { userPassword: true, user: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: TOKEN_VALIDITY.idAndAccess,
      accessTokenValidity: TOKEN_VALIDITY.idAndAccess,
      refreshTokenValidity: TOKEN_VALIDITY.refresh,
      // Accounts are managed by the business manager through the admin API;
      // staff may only change the name they are shown by.
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    // --- Referrers ----------------------------------------------------------
    this.referrerPool = new cognito.UserPool(this, 'ReferrerPool', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      userVerification: {
        emailStyle: cognito.VerificationEmailStyle.CODE,
        emailSubject: subject(`Confirm your email address for ${props.boardName}`, 'Confirm your email address'),
        emailBody: `<p>Your code to confirm your email address for the ${boardName} referral service is {####}</p><p>If you did not ask for this, you can ignore this email.</p>`,
      },
      // Passwordless: a one-time code sent by email. Cognito requires password
      // to stay allowed as a first factor; the web app never offers it.
      signInPolicy: { allowedFirstAuthFactors: { password: true, emailOtp: true } },
      mfa: cognito.Mfa.OFF,
      enableSmsRole: false,
      passwordPolicy: STRONG_PASSWORDS,
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      email: email(),
      // Essentials: needed for email one-time codes; see the COG8 acknowledgement.
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.referrerPool,
      'AwsSolutions-COG2',
      'Referrers are not Board staff: they see only the status of their own referrals, never case records, and sign in with a one-time code sent to a work email address the pre sign-up trigger has checked against the Board allow-list; that code is their factor. Staff, who read case records, are in a separate pool with MFA required.',
    );
    acknowledge(
      this.referrerPool,
      'AwsSolutions-COG8',
      'Essentials, not Plus: referrers sign in with one-time email codes (no password to appear in a breach list), MFA is off so adaptive authentication could only allow or block, and a pool open to self sign-up on a plan with no free tier would let sign-up abuse run up the bill. The staff pool, which can read case records, is on Plus with threat protection enforced.',
    );

    this.referrerClient = this.referrerPool.addClient('ReferrerClient', {
      generateSecret: false,
      // Choice-based sign-in (EMAIL_OTP); ALLOW_REFRESH_TOKEN_AUTH comes with it.
      authFlows: { user: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: TOKEN_VALIDITY.idAndAccess,
      accessTokenValidity: TOKEN_VALIDITY.idAndAccess,
      refreshTokenValidity: TOKEN_VALIDITY.refresh,
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }),
      // Sign-up sends the email address (and optionally a name).
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
  }

  /** Token issuer of the staff pool (as functions/config/identity.ts builds it). */
  get staffIssuer(): string {
    return issuerFor(this.staffPool.userPoolId, Stack.of(this).region);
  }

  /** Token issuer of the referrer pool. */
  get referrerIssuer(): string {
    return issuerFor(this.referrerPool.userPoolId, Stack.of(this).region);
  }
}

/** Cognito allows email subjects of up to 140 characters; a long Board name falls back to a generic one. */
function subject(text: string, fallback: string): string {
  return text.length <= 140 ? text : fallback;
}

/** The Board's name goes into HTML email bodies. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** `business-manager` -> `BusinessManager` */
function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}
