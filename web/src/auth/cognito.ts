import { loadPublicConfig } from './public-config.js';

/**
 * Cognito's JSON 1.1 API, called with fetch: the AWS SDK would triple the
 * size of the page. Every operation is `POST cognitoApiUrl` with an
 * `X-Amz-Target` naming it; errors come back as HTTP 400 `{__type, message}`.
 */

/** Tokens from a completed sign-in or refresh. A refresh has no RefreshToken. */
export interface AuthenticationResult {
  IdToken: string;
  AccessToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
}

/** What InitiateAuth and RespondToAuthChallenge answer. */
export interface AuthResponse {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AuthenticationResult?: AuthenticationResult;
}

/** A Cognito error, by its exception name (`CodeMismatchException`, ...). */
export class CognitoError extends Error {
  readonly type: string;
  constructor(type: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CognitoError';
    this.type = type;
  }
}

/** Calls one Cognito operation; throws CognitoError (type `NetworkError` when there is no answer). */
export async function cognito<T = Record<string, unknown>>(operation: string, body: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    const config = await loadPublicConfig();
    response = await fetch(config.cognitoApiUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(body),
      // Never send cookies to the identity provider; it is cross-origin in AWS.
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    throw new CognitoError('NetworkError', 'No answer from the sign-in service', { cause: error });
  }
  let json: Record<string, unknown> = {};
  try {
    const parsed: unknown = await response.json();
    if (parsed && typeof parsed === 'object') json = parsed as Record<string, unknown>;
  } catch {
    // An empty or non-JSON body: the status decides below.
  }
  if (!response.ok) {
    // `__type` may be qualified: "com.amazonaws...#CodeMismatchException".
    const rawType = typeof json.__type === 'string' ? json.__type : response.status >= 500 ? 'ServiceError' : 'UnknownError';
    const message = typeof json.message === 'string' ? json.message : typeof json.Message === 'string' ? json.Message : '';
    throw new CognitoError(rawType.split('#').pop() ?? rawType, message);
  }
  return json as T;
}

/** What the person is doing when Cognito answers with an error: the same error reads differently. */
export type CognitoContext = 'password' | 'code' | 'new-password' | 'send-code' | 'reset-password';

export const PASSWORD_RULES = [
  'be at least 12 characters long',
  'include a capital letter and a lowercase letter',
  'include a number',
  'include a symbol, like ! or ?',
] as const;

export const SERVICE_PROBLEM = 'Sorry, there is a problem with the service. Try again later';
const TOO_MANY_CODES = 'You have asked for too many codes. Wait 15 minutes and try again';

/** The Board's reason from a pre sign-up trigger: "PreSignUp failed with error <reason>." */
function triggerReason(message: string): string | undefined {
  const reason = message.replace(/^\s*\w+ failed with error\s*/i, '').trim().replace(/\.$/, '');
  return reason || undefined;
}

/**
 * GOV.UK wording for a Cognito error. Never says whether an account exists:
 * an unknown email and a wrong password read the same.
 */
export function cognitoMessage(error: unknown, context: CognitoContext): string {
  if (!(error instanceof CognitoError)) return SERVICE_PROBLEM;
  switch (error.type) {
    case 'CodeMismatchException':
      return 'The code is not correct. Check the email and try again';
    case 'ExpiredCodeException':
      return 'The code has expired. Request a new code';
    case 'LimitExceededException':
    case 'TooManyRequestsException':
    case 'CodeDeliveryFailureException':
      return TOO_MANY_CODES;
    case 'TooManyFailedAttemptsException':
      if (context === 'password') return 'You have tried to sign in too many times. Wait 15 minutes and try again';
      // A password reset code dies after 3 wrong tries; a new one can be asked for at once.
      if (context === 'reset-password') return 'You have entered too many incorrect codes. Request a new code';
      return 'You have entered too many incorrect codes. Wait 15 minutes and try again';
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      if (context === 'password') return 'Enter a correct email address and password';
      // With a code: the sign-in session ran out or was used up.
      if (context === 'code' || context === 'new-password' || context === 'reset-password') return 'The code has expired. Request a new code';
      return SERVICE_PROBLEM;
    case 'InvalidPasswordException':
      return `Enter a password that meets the rules: it must ${PASSWORD_RULES.join(', ')}`;
    case 'PasswordResetRequiredException':
      return 'You need to reset your password. Contact the Board’s business manager';
    case 'UserLambdaValidationException':
      return triggerReason(error.message) ?? 'Enter a work email address from a partner agency, like name@nhs.net';
    case 'InvalidParameterException':
      return context === 'send-code' ? 'Enter an email address in the correct format, like name@example.gov.uk' : SERVICE_PROBLEM;
    default:
      return SERVICE_PROBLEM;
  }
}
