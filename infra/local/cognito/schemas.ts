import * as z from 'zod';
import { CognitoError } from './errors.js';

/**
 * Request shapes of the operations the emulator serves, as in the Cognito
 * API reference. Unknown members are dropped (the SDK and browsers send
 * optional ones such as UserContextData that the emulator has no use for).
 */

const name = z.string().min(1).max(256);
const poolId = z.string().min(1).max(55);
const clientId = z.string().min(1).max(128);
const attributes = z.array(z.object({ Name: z.string().min(1).max(32), Value: z.string().max(2048).optional() })).max(50);
const stringMap = z.record(z.string(), z.string());
const limit = z.number().int().min(0).max(60).optional();
const mfaSettings = z.object({ Enabled: z.boolean().optional(), PreferredMfa: z.boolean().optional() });

export const schemas = {
  InitiateAuth: z.object({
    AuthFlow: z.string().min(1),
    ClientId: clientId,
    AuthParameters: stringMap.optional(),
    ClientMetadata: stringMap.optional(),
    Session: z.string().min(20).max(2048).optional(),
  }),
  RespondToAuthChallenge: z.object({
    ClientId: clientId,
    ChallengeName: z.string().min(1),
    Session: z.string().min(20).max(2048),
    ChallengeResponses: stringMap.optional(),
  }),
  SignUp: z.object({
    ClientId: clientId,
    Username: name,
    Password: z.string().optional(),
    UserAttributes: attributes.optional(),
    ValidationData: attributes.optional(),
    ClientMetadata: stringMap.optional(),
  }),
  ConfirmSignUp: z.object({
    ClientId: clientId,
    Username: name,
    ConfirmationCode: z.string().min(1).max(2048),
    Session: z.string().min(20).max(2048).optional(),
  }),
  ResendConfirmationCode: z.object({ ClientId: clientId, Username: name }),
  ForgotPassword: z.object({ ClientId: clientId, Username: name, ClientMetadata: stringMap.optional() }),
  ConfirmForgotPassword: z.object({
    ClientId: clientId,
    Username: name,
    ConfirmationCode: z.string().min(1).max(2048),
    Password: z.string().min(1).max(256),
    ClientMetadata: stringMap.optional(),
  }),
  GetUser: z.object({ AccessToken: z.string().min(1) }),
  GlobalSignOut: z.object({ AccessToken: z.string().min(1) }),
  RevokeToken: z.object({ Token: z.string().min(1), ClientId: clientId }),
  AdminCreateUser: z.object({
    UserPoolId: poolId,
    Username: name,
    UserAttributes: attributes.optional(),
    TemporaryPassword: z.string().min(1).max(256).optional(),
    MessageAction: z.enum(['RESEND', 'SUPPRESS']).optional(),
    DesiredDeliveryMediums: z.array(z.enum(['SMS', 'EMAIL'])).optional(),
    ClientMetadata: stringMap.optional(),
  }),
  AdminGetUser: z.object({ UserPoolId: poolId, Username: name }),
  ListUsers: z.object({
    UserPoolId: poolId,
    AttributesToGet: z.array(z.string()).optional(),
    Limit: limit,
    PaginationToken: z.string().optional(),
    Filter: z.string().max(256).optional(),
  }),
  AdminAddUserToGroup: z.object({ UserPoolId: poolId, Username: name, GroupName: name }),
  AdminRemoveUserFromGroup: z.object({ UserPoolId: poolId, Username: name, GroupName: name }),
  AdminListGroupsForUser: z.object({ UserPoolId: poolId, Username: name, Limit: limit, NextToken: z.string().optional() }),
  ListUsersInGroup: z.object({ UserPoolId: poolId, GroupName: name, Limit: limit, NextToken: z.string().optional() }),
  AdminDisableUser: z.object({ UserPoolId: poolId, Username: name }),
  AdminEnableUser: z.object({ UserPoolId: poolId, Username: name }),
  AdminUserGlobalSignOut: z.object({ UserPoolId: poolId, Username: name }),
  // Authenticator-app (TOTP) MFA: with the signed-in user's AccessToken, or during sign-in with the MFA_SETUP Session.
  AssociateSoftwareToken: z.object({ AccessToken: z.string().min(1).optional(), Session: z.string().min(20).max(2048).optional() }),
  VerifySoftwareToken: z.object({
    AccessToken: z.string().min(1).optional(),
    Session: z.string().min(20).max(2048).optional(),
    UserCode: z.string().min(6).max(6),
    FriendlyDeviceName: z.string().max(131072).optional(),
  }),
  SetUserMFAPreference: z.object({ AccessToken: z.string().min(1), SoftwareTokenMfaSettings: mfaSettings.optional(), EmailMfaSettings: mfaSettings.optional() }),
  AdminSetUserMFAPreference: z.object({
    UserPoolId: poolId,
    Username: name,
    SoftwareTokenMfaSettings: mfaSettings.optional(),
    EmailMfaSettings: mfaSettings.optional(),
  }),
  AdminResetUserPassword: z.object({ UserPoolId: poolId, Username: name, ClientMetadata: stringMap.optional() }),
} as const;

export type OperationName = keyof typeof schemas;
export type Input<Op extends OperationName> = z.infer<(typeof schemas)[Op]>;

/** Operations that need a signed request (IAM credentials) in AWS. */
export const SIGNED_OPERATIONS: ReadonlySet<OperationName> = new Set<OperationName>([
  'AdminCreateUser',
  'AdminGetUser',
  'ListUsers',
  'AdminAddUserToGroup',
  'AdminRemoveUserFromGroup',
  'AdminListGroupsForUser',
  'ListUsersInGroup',
  'AdminDisableUser',
  'AdminEnableUser',
  'AdminUserGlobalSignOut',
  'AdminSetUserMFAPreference',
  'AdminResetUserPassword',
]);

export function isOperation(name: string): name is OperationName {
  return Object.hasOwn(schemas, name);
}

/**
 * Parses an operation's input; a bad one is an InvalidParameterException
 * worded as AWS words validation errors (`1 validation error detected: ...`).
 */
export function parseInput<Op extends OperationName>(op: Op, input: unknown): Input<Op> {
  const result = schemas[op].safeParse(input);
  if (result.success) return result.data as Input<Op>;
  const issues = result.error.issues;
  const lines = issues.map((i) => {
    const at = i.path.map(String).map((p) => p.charAt(0).toLowerCase() + p.slice(1)).join('.') || 'input';
    return `Value at '${at}' failed to satisfy constraint: ${i.message}`;
  });
  throw new CognitoError('InvalidParameterException', `${issues.length} validation error${issues.length === 1 ? '' : 's'} detected: ${lines.join('; ')}`);
}
