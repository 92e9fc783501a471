import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SetUserMFAPreferenceCommand,
  SignUpCommand,
  VerifySoftwareTokenCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuerFor } from '../../functions/config/identity.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { lambdas as catalogueLambdas, stateMachines as catalogueStateMachines } from '../../infra/catalogue.js';
import { authenticatorCode, rememberAuthenticatorApp, signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { base32Decode, totpAt } from '../../infra/local/cognito/totp.js';
import { readMailbox, waitForMail, type CapturedEmail } from '../../infra/local/mailbox.js';
import { repoRoot, type LocalPlatform } from '../../infra/local/platform.js';
import { makeWorkspace, startTestPlatform } from './support/platform.js';

const region = 'eu-west-2';
const PASSWORD = 'Test-only-Passw0rd!';
const MINUTE = 60_000;

// The real PreSignUp handler (the lead's) runs through the Lambda invoker.
const hasPreSignUpHandler = existsSync(path.join(repoRoot, 'functions/handlers/cognito-pre-sign-up.ts'));

/** Thrown SDK errors, reduced to what Cognito said. */
async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string };
    return { name: e.name, message: e.message };
  }
  throw new Error('Expected the call to fail');
}

describe('local Cognito emulator', () => {
  let ws: Awaited<ReturnType<typeof makeWorkspace>>;
  let clock: FakeClock;
  let platform: LocalPlatform;
  let cognito: CognitoIdentityProviderClient;
  let staff: { userPoolId: string; clientId: string };
  let referrer: { userPoolId: string; clientId: string };

  beforeAll(async () => {
    ws = await makeWorkspace();
    clock = new FakeClock('2026-11-26T10:00:00Z');
    platform = await startTestPlatform({
      dataDir: ws.dataDir,
      fresh: true,
      clock,
      webDist: ws.webDist,
      lambdas: catalogueLambdas,
      stateMachines: catalogueStateMachines,
      seedStaffPassword: PASSWORD,
    });
    // No SDK retries: it retries LimitExceededException as throttling, which
    // would slow the rate-limit test and hide how many calls Cognito saw.
    // The Lambdas' admin calls: signed with the local admin credentials, as the local runtime gives them.
    cognito = new CognitoIdentityProviderClient({ endpoint: platform.cognitoEndpoint, region, credentials: platform.adminCredentials, maxAttempts: 1 });
    ({ staff, referrer } = platform.pools);
  }, 120_000);

  afterAll(async () => {
    cognito?.destroy();
    await platform?.stop();
    await ws?.remove();
  });

  /** Runs `act`, then waits for the email it sends to `to` with `subject`. */
  async function mailFrom(to: string, subject: string, act: () => Promise<unknown>): Promise<{ result: unknown; email: CapturedEmail }> {
    const before = (await readMailbox(platform.sesEndpoint)).length;
    const result = await act();
    const emails = await waitForMail(platform.sesEndpoint, (all) => all.slice(before).some((e) => e.to.includes(to) && e.subject === subject), {
      timeoutMs: 5000,
      intervalMs: 25,
    });
    const email = emails.slice(before).find((e) => e.to.includes(to) && e.subject === subject) as CapturedEmail;
    return { result, email };
  }

  function codeIn(email: CapturedEmail): string {
    const code = /\b(\d{8})\b/.exec(email.text)?.[1];
    if (!code) throw new Error('No 8-digit code in the email');
    return code;
  }

  /** Password + emailed code for a staff user; returns the challenge session and the code. */
  async function staffPasswordStep(email: string, password = PASSWORD): Promise<{ session: string; code: string; mail: CapturedEmail }> {
    const { result, email: mail } = await mailFrom(email, 'Your sign-in code', () =>
      cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: staff.clientId, AuthParameters: { USERNAME: email, PASSWORD: password } })),
    );
    const out = result as { ChallengeName?: string; Session?: string };
    expect(out.ChallengeName).toBe('EMAIL_OTP');
    return { session: out.Session as string, code: codeIn(mail), mail };
  }

  async function staffSignIn(email: string): Promise<AuthenticationResultType> {
    const { session, code } = await staffPasswordStep(email);
    const out = await cognito.send(
      new RespondToAuthChallengeCommand({ ClientId: staff.clientId, ChallengeName: 'EMAIL_OTP', Session: session, ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE: code } }),
    );
    if (!out.AuthenticationResult) throw new Error('No tokens');
    return out.AuthenticationResult;
  }

  async function verify(token: string, pool: { userPoolId: string; clientId: string }, audience = true): Promise<JWTPayload> {
    const issuer = issuerFor(pool.userPoolId, region, platform.cognitoEndpoint);
    const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(token, jwks, {
      issuer,
      ...(audience ? { audience: pool.clientId } : {}),
      algorithms: ['RS256'],
      // Tokens carry the platform clock's time, as the Lambdas' verifier does.
      currentDate: clock.now(),
    });
    return payload;
  }

  const businessManager = 'lscb-business-manager@example.org';

  it('signs staff in with password and emailed code, issuing tokens that verify against the JWKS with Cognito claims', async () => {
    // Prepare
    const issuer = issuerFor(staff.userPoolId, region, platform.cognitoEndpoint);

    // Act
    const { session, code, mail } = await staffPasswordStep(businessManager);
    const out = await cognito.send(
      new RespondToAuthChallengeCommand({ ClientId: staff.clientId, ChallengeName: 'EMAIL_OTP', Session: session, ChallengeResponses: { USERNAME: businessManager, EMAIL_OTP_CODE: code } }),
    );
    const tokens = out.AuthenticationResult as AuthenticationResultType;
    const id = await verify(tokens.IdToken as string, staff);
    const access = await verify(tokens.AccessToken as string, staff, false);
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
    const jwks = (await (await fetch(`${issuer}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };

    // Assess
    expect(mail.from).toContain('scr-notifications@example.org');
    expect(mail.text).toContain('5 minutes');
    expect(mail.text.replace(code, '')).not.toMatch(/\d{4}/);
    expect(tokens.TokenType).toBe('Bearer');
    expect(tokens.ExpiresIn).toBe(900);
    expect(tokens.RefreshToken).toBeTruthy();
    expect(Object.keys(id).sort()).toEqual(
      ['sub', 'cognito:groups', 'email_verified', 'iss', 'cognito:username', 'origin_jti', 'aud', 'event_id', 'token_use', 'auth_time', 'name', 'exp', 'iat', 'jti', 'email'].sort(),
    );
    expect(id).toMatchObject({
      iss: issuer,
      aud: staff.clientId,
      token_use: 'id',
      email: businessManager,
      email_verified: true,
      'cognito:groups': ['business-manager'],
      'cognito:username': id.sub,
      name: 'Business Manager',
      auth_time: Math.floor(clock.now().getTime() / 1000),
    });
    expect((id.exp as number) - (id.iat as number)).toBe(900);
    expect(Object.keys(access).sort()).toEqual(
      ['sub', 'cognito:groups', 'iss', 'client_id', 'origin_jti', 'event_id', 'token_use', 'scope', 'auth_time', 'exp', 'iat', 'jti', 'username'].sort(),
    );
    expect(access).toMatchObject({ sub: id.sub, client_id: staff.clientId, token_use: 'access', scope: 'aws.cognito.signin.user.admin', username: id.sub, origin_jti: id.origin_jti });
    expect(decodeProtectedHeader(tokens.IdToken as string)).toEqual({ kid: jwks.keys[0]?.kid, alg: 'RS256' });
    expect(discovery).toMatchObject({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json` });
    expect(platform.env).toMatchObject({
      COGNITO_ENDPOINT: platform.cognitoEndpoint,
      STAFF_USER_POOL_ID: 'eu-west-2_localstaff',
      STAFF_CLIENT_ID: 'local-staff-web',
      REFERRER_USER_POOL_ID: 'eu-west-2_localreferrers',
      REFERRER_CLIENT_ID: 'local-referrer-web',
      SESSION_IDLE_MINUTES: '30',
    });
  });

  it('gives tokens the API handlers accept through their JWKS verifier (GET /api/me)', async () => {
    // Prepare
    const tokens = await staffSignIn(businessManager);

    // Act
    const response = await fetch(`${platform.apiUrl}/me`, { headers: { authorization: `Bearer ${tokens.IdToken}` } });
    const anonymous = await fetch(`${platform.apiUrl}/me`);

    const referrerTokens = await signInReferrerLocally(platform, 'safeguarding.lead@sch.uk');
    const asReferrer = await fetch(`${platform.apiUrl}/me`, { headers: { authorization: `Bearer ${referrerTokens.IdToken}` } });

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ email: businessManager, pool: 'staff', roles: ['business-manager'] });
    expect(anonymous.status).toBe(401);
    expect(asReferrer.status).toBe(200);
    expect(await asReferrer.json()).toMatchObject({ email: 'safeguarding.lead@sch.uk', pool: 'referrer', roles: ['referrer'] });
  });

  it('refreshes within the same sign-in (origin_jti and auth_time kept) and reuses no code', async () => {
    // Prepare
    const first = await staffSignIn(businessManager);
    const before = await verify(first.IdToken as string, staff);
    clock.advance(10 * MINUTE);

    // Act
    const out = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: staff.clientId, AuthParameters: { REFRESH_TOKEN: first.RefreshToken as string } }));
    const after = await verify(out.AuthenticationResult?.IdToken as string, staff);

    // Assess
    expect(out.AuthenticationResult?.RefreshToken).toBeUndefined();
    expect(after.origin_jti).toBe(before.origin_jti);
    expect(after.auth_time).toBe(before.auth_time);
    expect(after.iat).toBe((before.iat as number) + 600);
    expect(after.jti).not.toBe(before.jti);
  });

  it('ends the challenge after three wrong codes', async () => {
    // Prepare
    const { session, code } = await staffPasswordStep(businessManager);
    const answer = (c: string) =>
      cognito.send(new RespondToAuthChallengeCommand({ ClientId: staff.clientId, ChallengeName: 'EMAIL_OTP', Session: session, ChallengeResponses: { USERNAME: businessManager, EMAIL_OTP_CODE: c } }));
    const wrong = code === '00000000' ? '11111111' : '00000000';

    // Act
    const first = await failure(answer(wrong));
    const second = await failure(answer(wrong));
    const third = await failure(answer(wrong));
    const rightTooLate = await failure(answer(code));

    // Assess
    expect(first.name).toBe('CodeMismatchException');
    expect(second.name).toBe('CodeMismatchException');
    expect(third).toEqual({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
    expect(rightTooLate.name).toBe('NotAuthorizedException');
  });

  it('refuses a code after it has expired (5 minutes)', async () => {
    // Prepare
    const { session, code } = await staffPasswordStep(businessManager);
    clock.advance(6 * MINUTE);

    // Act
    const error = await failure(
      cognito.send(new RespondToAuthChallengeCommand({ ClientId: staff.clientId, ChallengeName: 'EMAIL_OTP', Session: session, ChallengeResponses: { USERNAME: businessManager, EMAIL_OTP_CODE: code } })),
    );

    // Assess
    expect(error.name).toBe('ExpiredCodeException');
  });

  it('answers unknown users as wrong passwords and locks password sign-in after five failures for 15 minutes', async () => {
    // Prepare
    const chair = 'scr-subcommittee-chair@example.org';
    const attempt = (username: string, password: string) =>
      cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: staff.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }));

    // Act
    const unknown = await failure(attempt('nobody@example.org', PASSWORD));
    const wrong = [];
    for (let i = 0; i < 5; i++) wrong.push(await failure(attempt(chair, 'Wrong-passw0rd!')));
    const locked = await failure(attempt(chair, PASSWORD));
    clock.advance(16 * MINUTE);
    const { session } = await staffPasswordStep(chair);

    // Assess
    expect(unknown).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(wrong.every((w) => w.name === 'NotAuthorizedException' && w.message === 'Incorrect username or password.')).toBe(true);
    expect(locked).toEqual({ name: 'NotAuthorizedException', message: 'Password attempts exceeded' });
    expect(session).toBeTruthy();
  });

  it('invites staff: temporary password by email, new password (policy enforced), then an authenticator app (MFA_SETUP), then tokens with the group', async () => {
    // Prepare
    const email = 'new.member@example.org';

    // Act: the Lambdas' admin calls
    const { result, email: invitation } = await mailFrom(email, 'Your account for Example Local Safeguarding Children Board', () =>
      cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: staff.userPoolId,
          Username: email,
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: 'New Member' },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      ),
    );
    const created = (result as { User: { Username: string; UserStatus: string } }).User;
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: staff.userPoolId, Username: created.Username, GroupName: 'sub-committee-member' }));
    const temporary = /temporary password is (\S+)/.exec(invitation.text)?.[1] as string;
    const duplicate = await failure(cognito.send(new AdminCreateUserCommand({ UserPoolId: staff.userPoolId, Username: email, DesiredDeliveryMediums: ['EMAIL'] })));

    const challenge = await cognito.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: staff.clientId, AuthParameters: { USERNAME: email, PASSWORD: temporary } }),
    );
    const setPassword = (p: string) =>
      cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: staff.clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: email, NEW_PASSWORD: p },
        }),
      );
    const weak = await failure(setPassword('password1234'));
    const mailBefore = (await readMailbox(platform.sesEndpoint)).length;
    const mfaOut = await setPassword('A-much-better-Passw0rd');
    const unverified = await failure(
      cognito.send(new RespondToAuthChallengeCommand({ ClientId: staff.clientId, ChallengeName: 'MFA_SETUP', Session: mfaOut.Session, ChallengeResponses: { USERNAME: email } })),
    );
    const associated = await cognito.send(new AssociateSoftwareTokenCommand({ Session: mfaOut.Session }));
    const secret = associated.SecretCode as string;
    const now = clock.now().getTime();
    const wrongCode = await failure(
      cognito.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: totpAt(base32Decode(secret), now + 5 * MINUTE) })),
    );
    const verified = await cognito.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: totpAt(base32Decode(secret), now) }));
    const done = await cognito.send(
      new RespondToAuthChallengeCommand({ ClientId: staff.clientId, ChallengeName: 'MFA_SETUP', Session: verified.Session, ChallengeResponses: { USERNAME: email } }),
    );
    const mailAfter = (await readMailbox(platform.sesEndpoint)).slice(mailBefore).filter((m) => m.to.includes(email));
    const id = await verify(done.AuthenticationResult?.IdToken as string, staff);
    const listed = await cognito.send(new ListUsersCommand({ UserPoolId: staff.userPoolId, Filter: `email = "${email}"` }));
    const bySub = await cognito.send(new ListUsersCommand({ UserPoolId: staff.userPoolId, Filter: `sub = "${created.Username}"`, Limit: 1 }));
    const inGroup = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: staff.userPoolId, GroupName: 'sub-committee-member' }));
    const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: staff.userPoolId, Username: email }));

    // Assess
    expect(created.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(invitation.text).toContain(`${platform.appUrl}/sign-in`);
    expect(duplicate.name).toBe('UsernameExistsException');
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(weak.name).toBe('InvalidPasswordException');
    // No second factor yet: set up an app, no emailed code.
    expect(mfaOut.ChallengeName).toBe('MFA_SETUP');
    expect(mfaOut.ChallengeParameters).toEqual({ MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' });
    expect(mailAfter).toEqual([]);
    expect(unverified.name).toBe('NotAuthorizedException');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(wrongCode.name).toBe('EnableSoftwareTokenMFAException');
    expect(verified.Status).toBe('SUCCESS');
    // The invitation says what the web app will ask for.
    expect(invitation.text).toMatch(/authenticator app/);
    expect(id).toMatchObject({ email, name: 'New Member', 'cognito:groups': ['sub-committee-member'], sub: created.Username });
    expect(listed.Users?.map((u) => [u.Username, u.UserStatus, u.Enabled])).toEqual([[created.Username, 'CONFIRMED', true]]);
    expect(listed.Users?.[0]?.UserCreateDate).toBeInstanceOf(Date);
    expect(bySub.Users?.[0]?.Username).toBe(created.Username);
    expect(inGroup.Users?.map((u) => u.Username)).toContain(created.Username);
    expect(groups.Groups?.map((g) => g.GroupName)).toEqual(['sub-committee-member']);
  });

  it('refuses sign-in and refresh for a disabled user, and lets them back in when enabled', async () => {
    // Prepare
    const chair = 'lscb-chair@example.org';
    const tokens = await staffSignIn(chair);

    // Act
    await cognito.send(new AdminDisableUserCommand({ UserPoolId: staff.userPoolId, Username: chair }));
    const refresh = await failure(
      cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: staff.clientId, AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken as string } })),
    );
    const signIn = await failure(
      cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: staff.clientId, AuthParameters: { USERNAME: chair, PASSWORD } })),
    );
    const got = await cognito.send(new AdminGetUserCommand({ UserPoolId: staff.userPoolId, Username: chair }));
    await cognito.send(new AdminEnableUserCommand({ UserPoolId: staff.userPoolId, Username: chair }));
    const again = await staffPasswordStep(chair);
    const oldRefresh = await failure(
      cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: staff.clientId, AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken as string } })),
    );

    // Assess
    expect(refresh).toEqual({ name: 'NotAuthorizedException', message: 'User is disabled.' });
    expect(signIn).toEqual({ name: 'NotAuthorizedException', message: 'User is disabled.' });
    expect(got.Enabled).toBe(false);
    expect(again.session).toBeTruthy();
    // Disabling revoked the old sign-in for good.
    expect(oldRefresh.message).toBe('Refresh Token has been revoked');
  });

  it('GlobalSignOut and RevokeToken end refresh', async () => {
    // Prepare
    const auditor = 'auditor@example.org';
    const first = await staffSignIn(auditor);
    const second = await staffSignIn(auditor);
    const refresh = (t: AuthenticationResultType) =>
      cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: staff.clientId, AuthParameters: { REFRESH_TOKEN: t.RefreshToken as string } }));

    // Act
    const me = await cognito.send(new GetUserCommand({ AccessToken: first.AccessToken }));
    await cognito.send(new RevokeTokenCommand({ ClientId: staff.clientId, Token: first.RefreshToken }));
    const afterRevoke = await failure(refresh(first));
    const secondStillWorks = await refresh(second);
    await cognito.send(new GlobalSignOutCommand({ AccessToken: second.AccessToken }));
    const afterSignOut = await failure(refresh(second));
    const accessAfterSignOut = await failure(cognito.send(new GetUserCommand({ AccessToken: second.AccessToken })));

    // Assess
    expect(me.UserAttributes?.find((a) => a.Name === 'email')?.Value).toBe(auditor);
    expect(afterRevoke.name).toBe('NotAuthorizedException');
    expect(secondStillWorks.AuthenticationResult?.IdToken).toBeTruthy();
    expect(afterSignOut).toEqual({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    expect(accessAfterSignOut.name).toBe('NotAuthorizedException');
  });

  it('refuses admin operations without a signature, with a forged one, or signed with other credentials', async () => {
    // Prepare: a header that only looks like a signature, and real signatures made with the wrong secret or key id
    const listUsers = new ListUsersCommand({ UserPoolId: staff.userPoolId, Limit: 1 });
    const forgedHeader = `AWS4-HMAC-SHA256 Credential=${platform.adminCredentials.accessKeyId}/20261126/eu-west-2/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;
    const clientWith = (accessKeyId: string, secretAccessKey: string) =>
      new CognitoIdentityProviderClient({ endpoint: platform.cognitoEndpoint, region, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
    const wrongSecret = clientWith(platform.adminCredentials.accessKeyId, 'not-the-secret');
    const wrongKey = clientWith('local', 'local');

    // Act
    const unsigned = await fetch(`${platform.cognitoEndpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUsers' },
      body: JSON.stringify({ UserPoolId: staff.userPoolId }),
    });
    const forged = await fetch(`${platform.cognitoEndpoint}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.AdminAddUserToGroup',
        'x-amz-date': '20261126T100000Z',
        authorization: forgedHeader,
      },
      body: JSON.stringify({ UserPoolId: staff.userPoolId, Username: 'lscb-chair@example.org', GroupName: 'business-manager' }),
    });
    const bySecret = await failure(wrongSecret.send(listUsers));
    const byKey = await failure(wrongKey.send(listUsers));
    const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: staff.userPoolId, Username: 'lscb-chair@example.org' }));
    const signed = await cognito.send(listUsers);
    wrongSecret.destroy();
    wrongKey.destroy();

    // Assess
    expect(unsigned.status).toBe(403);
    expect(await unsigned.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ __type: 'InvalidSignatureException' });
    expect(bySecret.name).toBe('InvalidSignatureException');
    expect(byKey.name).toBe('InvalidSignatureException');
    // The forged request changed nothing.
    expect(groups.Groups?.map((g) => g.GroupName)).toEqual(['board-chair']);
    expect(signed.Users?.length).toBe(1);
  });

  it('keeps users, keys and sign-ins across a restart, and seeds idempotently', async () => {
    // Prepare
    const tokens = await staffSignIn(businessManager);
    const jwksUrl = `${issuerFor(staff.userPoolId, region, platform.cognitoEndpoint)}/.well-known/jwks.json`;
    const kidBefore = ((await (await fetch(jwksUrl)).json()) as { keys: { kid: string }[] }).keys[0]?.kid;
    const usersBefore = await cognito.send(new ListUsersCommand({ UserPoolId: staff.userPoolId }));

    // Act: the same data folder, not fresh
    await platform.stop();
    cognito.destroy();
    platform = await startTestPlatform({ dataDir: ws.dataDir, clock, webDist: ws.webDist, lambdas: catalogueLambdas, stateMachines: catalogueStateMachines, seedStaffPassword: PASSWORD });
    cognito = new CognitoIdentityProviderClient({ endpoint: platform.cognitoEndpoint, region, credentials: platform.adminCredentials, maxAttempts: 1 });
    const jwksUrlAfter = `${issuerFor(staff.userPoolId, region, platform.cognitoEndpoint)}/.well-known/jwks.json`;
    const kidAfter = ((await (await fetch(jwksUrlAfter)).json()) as { keys: { kid: string }[] }).keys[0]?.kid;
    const usersAfter = await cognito.send(new ListUsersCommand({ UserPoolId: staff.userPoolId }));
    const refreshed = await cognito.send(
      new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: staff.clientId, AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken as string } }),
    );

    // Assess
    expect(kidAfter).toBe(kidBefore);
    expect(usersAfter.Users?.map((u) => u.Username).sort()).toEqual(usersBefore.Users?.map((u) => u.Username).sort());
    expect(refreshed.AuthenticationResult?.IdToken).toBeTruthy();
  });

  describe('referrers (passwordless)', () => {
    it('signs up on an allowed domain, confirms with the emailed code and signs in with the sign-up Session', async () => {
      // Prepare
      const email = 'duty.social.worker@nhs.net';

      // Act
      const { result, email: verification } = await mailFrom(email, 'Your verification code', () =>
        cognito.send(new SignUpCommand({ ClientId: referrer.clientId, Username: email, UserAttributes: [{ Name: 'email', Value: email }] })),
      );
      const signedUp = result as { UserConfirmed: boolean; UserSub: string; Session: string };
      const again = await failure(cognito.send(new SignUpCommand({ ClientId: referrer.clientId, Username: email, UserAttributes: [{ Name: 'email', Value: email }] })));
      const confirmed = await cognito.send(
        new ConfirmSignUpCommand({ ClientId: referrer.clientId, Username: email, ConfirmationCode: codeIn(verification), Session: signedUp.Session }),
      );
      const signedIn = await cognito.send(
        new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: referrer.clientId, AuthParameters: { USERNAME: email }, Session: confirmed.Session }),
      );
      const id = await verify(signedIn.AuthenticationResult?.IdToken as string, referrer);

      // Assess
      expect(signedUp.UserConfirmed).toBe(false);
      expect(signedUp.Session).toBeTruthy();
      expect(again.name).toBe('UsernameExistsException');
      expect(confirmed.Session).toBeTruthy();
      expect(id).toMatchObject({ sub: signedUp.UserSub, email, email_verified: true, aud: referrer.clientId, token_use: 'id' });
      expect(id['cognito:groups']).toBeUndefined();
    });

    it('signs a known referrer in with an emailed code (USER_AUTH, EMAIL_OTP first factor)', async () => {
      // Prepare
      const email = 'duty.social.worker@nhs.net';

      // Act
      const { result, email: mail } = await mailFrom(email, 'Your sign-in code', () =>
        cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: referrer.clientId, AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' } })),
      );
      const challenge = result as { ChallengeName: string; Session: string };
      const out = await cognito.send(
        new RespondToAuthChallengeCommand({ ClientId: referrer.clientId, ChallengeName: 'EMAIL_OTP', Session: challenge.Session, ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE: codeIn(mail) } }),
      );
      const passwordFlow = await failure(
        cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: referrer.clientId, AuthParameters: { USERNAME: email, PASSWORD } })),
      );

      // Assess
      expect(challenge.ChallengeName).toBe('EMAIL_OTP');
      expect((await verify(out.AuthenticationResult?.IdToken as string, referrer)).email).toBe(email);
      expect(passwordFlow.name).toBe('InvalidParameterException');
    });

    it.skipIf(!hasPreSignUpHandler)('refuses sign-up on a domain the Board does not allow (PreSignUp trigger)', async () => {
      // Act
      const error = await failure(
        cognito.send(new SignUpCommand({ ClientId: referrer.clientId, Username: 'someone@gmail.com', UserAttributes: [{ Name: 'email', Value: 'someone@gmail.com' }] })),
      );
      const listed = await cognito.send(new ListUsersCommand({ UserPoolId: referrer.userPoolId, Filter: 'email = "someone@gmail.com"' }));

      // Assess
      expect(error.name).toBe('UserLambdaValidationException');
      expect(error.message).toMatch(/^PreSignUp failed with error .+\.$/);
      expect(listed.Users).toEqual([]);
    });

    it('emails at most 5 codes per address in 15 minutes, known or not', async () => {
      // Prepare
      const email = 'rate.limited@police.uk';
      const unknown = 'not.signed.up@police.uk';
      await cognito.send(new SignUpCommand({ ClientId: referrer.clientId, Username: email, UserAttributes: [{ Name: 'email', Value: email }] }));
      const resend = (username: string) => cognito.send(new ResendConfirmationCodeCommand({ ClientId: referrer.clientId, Username: username }));
      const signIn = (username: string) =>
        cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: referrer.clientId, AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'EMAIL_OTP' } }));

      // Act: SignUp sent the first code
      for (let i = 0; i < 4; i++) await resend(email);
      const sixth = await failure(resend(email));
      for (let i = 0; i < 5; i++) await signIn(unknown);
      const sixthUnknown = await failure(signIn(unknown));
      clock.advance(15 * MINUTE + 1000);
      const later = await resend(email);

      // Assess
      expect(sixth).toEqual({ name: 'LimitExceededException', message: 'Attempt limit exceeded, please try after some time.' });
      expect(sixthUnknown.name).toBe('LimitExceededException');
      expect(later.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
    });
  });

  describe('password reset (staff)', () => {
    const TEMPORARY = 'Temporary-Passw0rd!';
    const NEW_PASSWORD = 'A-brand-new-Passw0rd!';
    const forgot = (username: string, clientId = staff.clientId) => cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: username }));
    const confirm = (username: string, code: string, password = NEW_PASSWORD) =>
      cognito.send(new ConfirmForgotPasswordCommand({ ClientId: staff.clientId, Username: username, ConfirmationCode: code, Password: password }));
    const passwordSignIn = (username: string, password: string) =>
      cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: staff.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }));
    const mailCount = async () => (await readMailbox(platform.sesEndpoint)).length;

    /** An invited staff member, not yet signed in (FORCE_CHANGE_PASSWORD). */
    async function invite(email: string): Promise<void> {
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: staff.userPoolId,
          Username: email,
          MessageAction: 'SUPPRESS',
          TemporaryPassword: TEMPORARY,
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      );
    }

    /** Replaces the temporary password with PASSWORD (status CONFIRMED; the MFA_SETUP step is left unanswered). */
    async function chooseFirstPassword(email: string): Promise<void> {
      const challenge = await passwordSignIn(email, TEMPORARY);
      await cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: staff.clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: email, NEW_PASSWORD: PASSWORD },
        }),
      );
    }

    it('resets a password with the emailed code, clears the lockout, and sign-in still asks for the authenticator app (MFA)', async () => {
      // Prepare
      const email = 'reset.me@example.org';
      await invite(email);
      const invited = await failure(forgot(email));
      await chooseFirstPassword(email);
      // Signing in sets up an authenticator app (MFA_SETUP), as the web app does.
      const earlier = await signInStaffLocally(platform, email, PASSWORD);
      for (let i = 0; i < 5; i++) await failure(passwordSignIn(email, 'Wrong-passw0rd!'));
      const locked = await failure(passwordSignIn(email, PASSWORD));

      // Act
      const { result, email: mail } = await mailFrom(email, 'Your password reset code', () => forgot(email));
      const code = codeIn(mail);
      const weak = await failure(confirm(email, code, 'password1234'));
      const wrong = await failure(confirm(email, code === '00000000' ? '11111111' : '00000000'));
      const done = await confirm(email, code);
      const reused = await failure(confirm(email, code, 'Another-new-Passw0rd!'));
      const oldPassword = await failure(passwordSignIn(email, PASSWORD));
      const challenge = await passwordSignIn(email, NEW_PASSWORD);
      const signedIn = await cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: staff.clientId,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: authenticatorCode(email, clock.now().getTime()).code },
        }),
      );
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: staff.userPoolId, Username: email }));
      const earlierRefresh = await cognito.send(
        new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: staff.clientId, AuthParameters: { REFRESH_TOKEN: earlier.RefreshToken as string } }),
      );

      // Assess
      expect(invited).toEqual({ name: 'NotAuthorizedException', message: 'User password cannot be reset in the current state.' });
      expect(locked.message).toBe('Password attempts exceeded');
      expect((result as { CodeDeliveryDetails: unknown }).CodeDeliveryDetails).toEqual({ DeliveryMedium: 'EMAIL', Destination: 'r***@e***', AttributeName: 'email' });
      expect(mail.text).toContain('5 minutes');
      expect(mail.text.replace(code, '')).not.toMatch(/\d{4}/);
      expect(weak.name).toBe('InvalidPasswordException');
      expect(wrong.name).toBe('CodeMismatchException');
      expect(done.$metadata.httpStatusCode).toBe(200);
      expect(reused.name).toBe('CodeMismatchException');
      expect(oldPassword).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
      // MFA is not bypassed: the new password leads to the app's code, not to tokens.
      expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
      expect(challenge.AuthenticationResult).toBeUndefined();
      expect((await verify(signedIn.AuthenticationResult?.IdToken as string, staff)).email).toBe(email);
      expect(user.UserStatus).toBe('CONFIRMED');
      // As in Cognito, ConfirmForgotPassword signs no one out: an earlier sign-in refreshes until it ends.
      expect(earlierRefresh.AuthenticationResult?.IdToken).toBeTruthy();
    });

    it('answers unknown and disabled users as it answers a real one, and emails them nothing', async () => {
      // Prepare
      const chair = 'lscb-chair@example.org';
      const unknown = 'nobody.here@example.org';
      await cognito.send(new AdminDisableUserCommand({ UserPoolId: staff.userPoolId, Username: chair }));
      const before = await mailCount();

      // Act
      const forUnknown = await forgot(unknown);
      const forDisabled = await forgot(chair);
      const sent = (await readMailbox(platform.sesEndpoint)).slice(before);
      const guesses = [];
      for (let i = 0; i < 4; i++) guesses.push(await failure(confirm(unknown, '12345678')));
      const disabledGuess = await failure(confirm(chair, '12345678'));
      const referrerPool = await failure(forgot('duty.social.worker@nhs.net', referrer.clientId));
      await cognito.send(new AdminEnableUserCommand({ UserPoolId: staff.userPoolId, Username: chair }));

      // Assess
      expect(forUnknown.CodeDeliveryDetails).toEqual({ DeliveryMedium: 'EMAIL', Destination: 'n***@e***', AttributeName: 'email' });
      expect(forDisabled.CodeDeliveryDetails).toEqual({ DeliveryMedium: 'EMAIL', Destination: 'l***@e***', AttributeName: 'email' });
      expect(sent).toEqual([]);
      // The same answers as for a real account: two wrong codes, then the code is dead.
      expect(guesses.map((g) => g.name)).toEqual(['CodeMismatchException', 'CodeMismatchException', 'TooManyFailedAttemptsException', 'CodeMismatchException']);
      expect(disabledGuess.name).toBe('CodeMismatchException');
      expect(referrerPool.name).toBe('InvalidParameterException');
    });

    it('expires a code after 5 minutes, kills it after 3 wrong tries, honours only the newest, and sends at most 5 codes in 15 minutes', async () => {
      // Prepare
      const email = 'reset.limits@example.org';
      await invite(email);
      await chooseFirstPassword(email);
      const resetCode = async () => codeIn((await mailFrom(email, 'Your password reset code', () => forgot(email))).email);
      const wrongFor = (code: string) => (code === '00000000' ? '11111111' : '00000000');

      // Act
      const first = await resetCode();
      clock.advance(6 * MINUTE);
      const expired = await failure(confirm(email, first));
      const second = await resetCode();
      const tries = [];
      for (let i = 0; i < 3; i++) tries.push(await failure(confirm(email, wrongFor(second))));
      const rightTooLate = await failure(confirm(email, second));
      const older = await resetCode();
      const newest = await resetCode();
      const olderRefused = older === newest ? { name: 'CodeMismatchException' } : await failure(confirm(email, older));
      const changed = await confirm(email, newest);
      const fifth = await forgot(email);
      const sixth = await failure(forgot(email));

      // Assess
      expect(expired.name).toBe('ExpiredCodeException');
      expect(tries.map((t) => t.name)).toEqual(['CodeMismatchException', 'CodeMismatchException', 'TooManyFailedAttemptsException']);
      expect(rightTooLate.name).toBe('CodeMismatchException');
      expect(olderRefused.name).toBe('CodeMismatchException');
      expect(changed.$metadata.httpStatusCode).toBe(200);
      expect(fifth.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
      expect(sixth).toEqual({ name: 'LimitExceededException', message: 'Attempt limit exceeded, please try after some time.' });
    });
    it('refuses email recovery while MFA is the emailed code, as Cognito does, and allows it once an authenticator app replaces it', async () => {
      // Prepare: a seeded account, whose second factor is the emailed code
      const email = platform.localStaff.accounts.find((a) => a.role === 'external-reader')?.email as string;
      const before = await mailCount();
      const refused = await failure(forgot(email));
      const sentOnRefusal = (await readMailbox(platform.sesEndpoint)).slice(before).filter((m) => m.to.includes(email));
      const tokens = await staffSignIn(email);
      const AccessToken = tokens.AccessToken as string;
      const mfaBefore = await cognito.send(new GetUserCommand({ AccessToken }));

      // Act: the "Sign-in security" page's calls
      const tooEarly = await failure(cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } })));
      const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
      const secret = SecretCode as string;
      const now = clock.now().getTime();
      const wrong = await failure(cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totpAt(base32Decode(secret), now - 10 * MINUTE) })));
      const verified = await cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totpAt(base32Decode(secret), now) }));
      rememberAuthenticatorApp(email, secret, Math.floor(now / 30_000));
      await cognito.send(
        new SetUserMFAPreferenceCommand({
          AccessToken,
          SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
          EmailMfaSettings: { Enabled: false, PreferredMfa: false },
        }),
      );
      const noFactor = await failure(
        cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } })),
      );
      const mfaAfter = await cognito.send(new AdminGetUserCommand({ UserPoolId: staff.userPoolId, Username: email }));
      const { email: resetMail } = await mailFrom(email, 'Your password reset code', () => forgot(email));
      const challenge = await passwordSignIn(email, PASSWORD);
      const respond = (code: string) =>
        cognito.send(
          new RespondToAuthChallengeCommand({
            ClientId: staff.clientId,
            ChallengeName: 'SOFTWARE_TOKEN_MFA',
            Session: challenge.Session,
            ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code },
          }),
        );
      const replayed = await failure(respond(totpAt(base32Decode(secret), now)));
      const signedIn = await respond(authenticatorCode(email, clock.now().getTime()).code);

      // Assess
      expect(refused).toEqual({ name: 'InvalidParameterException', message: 'Cannot reset password for the user as there is no registered/verified email or phone_number' });
      expect(sentOnRefusal).toEqual([]);
      expect(mfaBefore.UserMFASettingList).toEqual(['EMAIL_OTP']);
      expect(tooEarly.name).toBe('InvalidParameterException');
      expect(wrong.name).toBe('EnableSoftwareTokenMFAException');
      expect(verified.Status).toBe('SUCCESS');
      expect(noFactor.name).toBe('InvalidParameterException');
      expect(mfaAfter.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
      expect(mfaAfter.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
      expect(codeIn(resetMail)).toMatch(/^\d{8}$/);
      expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
      // A code works once: the one VerifySoftwareToken took cannot sign in.
      expect(replayed.name).toBe('CodeMismatchException');
      expect((await verify(signedIn.AuthenticationResult?.IdToken as string, staff)).email).toBe(email);
    });

    it('lets an administrator reset a sign-in (app forgotten, password refused, emailed code) and resend an invitation', async () => {
      // Prepare: one person who has signed in with an app, one still invited
      const email = 'lost.phone@example.org';
      const invitedOnly = 'never.signed.in@example.org';
      await invite(email);
      await chooseFirstPassword(email);
      await signInStaffLocally(platform, email, PASSWORD);
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: staff.userPoolId,
          Username: invitedOnly,
          UserAttributes: [{ Name: 'email', Value: invitedOnly }, { Name: 'email_verified', Value: 'true' }],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
      const firstInvitation = (await waitForMail(platform.sesEndpoint, (all) => all.some((m) => m.to.includes(invitedOnly)), { timeoutMs: 5000, intervalMs: 25 })).find((m) =>
        m.to.includes(invitedOnly),
      ) as CapturedEmail;
      const emailMfaUser = 'lscb-chair@example.org';

      // Act: what the Users page's "Reset sign-in" does (CognitoUserDirectory.resetSignIn)
      await cognito.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: staff.userPoolId,
          Username: email,
          SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
          EmailMfaSettings: { Enabled: false, PreferredMfa: false },
        }),
      );
      const { email: resetMail } = await mailFrom(email, 'Your sign-in has been reset', () =>
        cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: staff.userPoolId, Username: email })),
      );
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: staff.userPoolId, Username: email }));
      const oldPassword = await failure(passwordSignIn(email, PASSWORD));
      const wrongPassword = await failure(passwordSignIn(email, 'Not-the-Passw0rd!'));
      await confirm(email, codeIn(resetMail));
      const next = await passwordSignIn(email, NEW_PASSWORD);
      const emailMfaRefused = await failure(cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: staff.userPoolId, Username: emailMfaUser })));
      const invitedRefused = await failure(cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: staff.userPoolId, Username: invitedOnly })));
      const { email: secondInvitation } = await mailFrom(invitedOnly, 'Your account for Example Local Safeguarding Children Board', () =>
        cognito.send(new AdminCreateUserCommand({ UserPoolId: staff.userPoolId, Username: invitedOnly, MessageAction: 'RESEND', DesiredDeliveryMediums: ['EMAIL'] })),
      );
      const temporaryIn = (m: CapturedEmail) => /temporary password is (\S+)/.exec(m.text)?.[1] as string;
      const oldTemporary = await failure(passwordSignIn(invitedOnly, temporaryIn(firstInvitation)));
      const newTemporary = await passwordSignIn(invitedOnly, temporaryIn(secondInvitation));
      const resendConfirmed = await failure(
        cognito.send(new AdminCreateUserCommand({ UserPoolId: staff.userPoolId, Username: email, MessageAction: 'RESEND', DesiredDeliveryMediums: ['EMAIL'] })),
      );

      // Assess
      expect(user.UserStatus).toBe('RESET_REQUIRED');
      expect(user.UserMFASettingList).toEqual([]);
      expect(resetMail.text).toContain(`${platform.appUrl}/sign-in/reset-password`);
      expect(oldPassword).toEqual({ name: 'PasswordResetRequiredException', message: 'Password reset required for the user' });
      expect(wrongPassword).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
      // The old app is gone: the next sign-in sets up a new one.
      expect(next.ChallengeName).toBe('MFA_SETUP');
      expect(emailMfaRefused.name).toBe('InvalidParameterException');
      expect(invitedRefused).toEqual({ name: 'NotAuthorizedException', message: 'User password cannot be reset in the current state.' });
      expect(temporaryIn(secondInvitation)).not.toBe(temporaryIn(firstInvitation));
      expect(oldTemporary.name).toBe('NotAuthorizedException');
      expect(newTemporary.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
      expect(resendConfirmed.name).toBe('UnsupportedUserStateException');
    });
  });
});
