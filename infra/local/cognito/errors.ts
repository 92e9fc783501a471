/**
 * Errors the emulator answers with, named exactly as Cognito names them so
 * the SDK raises the same exception classes locally as in AWS.
 */
export type CognitoErrorType =
  | 'CodeMismatchException'
  | 'ExpiredCodeException'
  | 'InternalErrorException'
  | 'InvalidParameterException'
  | 'InvalidPasswordException'
  | 'InvalidSignatureException'
  | 'UnrecognizedClientException'
  | 'LimitExceededException'
  | 'MissingAuthenticationTokenException'
  | 'NotAuthorizedException'
  | 'PasswordResetRequiredException'
  | 'EnableSoftwareTokenMFAException'
  | 'SoftwareTokenMFANotFoundException'
  | 'ResourceNotFoundException'
  | 'SerializationException'
  | 'TooManyFailedAttemptsException'
  | 'TooManyRequestsException'
  | 'UnexpectedLambdaException'
  | 'UnknownOperationException'
  | 'UnsupportedUserStateException'
  | 'UserLambdaValidationException'
  | 'UserNotConfirmedException'
  | 'UserNotFoundException'
  | 'UsernameExistsException';

/** A Cognito error answer: HTTP 400 (403 for a missing signature) with `{__type, message}`. */
export class CognitoError extends Error {
  readonly type: CognitoErrorType;
  readonly status: number;

  constructor(type: CognitoErrorType, message: string, options?: ErrorOptions & { status?: number }) {
    super(message, options);
    this.name = 'CognitoError';
    this.type = type;
    this.status = options?.status ?? (type === 'InternalErrorException' ? 500 : 400);
  }
}

/** Messages Cognito uses, kept in one place so the same situation always reads the same. */
export const MESSAGES = {
  badCredentials: 'Incorrect username or password.',
  passwordAttemptsExceeded: 'Password attempts exceeded',
  userDisabled: 'User is disabled.',
  invalidSession: 'Invalid session for the user.',
  sessionExpired: 'Invalid session for the user, session is expired.',
  codeMismatch: 'Invalid code or auth state for the user.',
  codeExpired: 'Invalid code provided, please request a code again.',
  verificationCodeMismatch: 'Invalid verification code provided, please try again.',
  passwordCannotBeReset: 'User password cannot be reset in the current state.',
  noVerifiedEmail: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
  tooManyFailedCodes: 'Too many failed attempts. Request a new code.',
  limitExceeded: 'Attempt limit exceeded, please try after some time.',
  userNotFound: 'User does not exist.',
  userNotConfirmed: 'User is not confirmed.',
  usernameExists: 'An account with the given email already exists.',
  adminUsernameExists: 'User account already exists',
  temporaryPasswordExpired: 'Temporary password has expired and must be reset by an administrator.',
  refreshInvalid: 'Invalid Refresh Token',
  refreshRevoked: 'Refresh Token has been revoked',
  refreshExpired: 'Refresh Token has expired',
  accessInvalid: 'Invalid Access Token',
  accessRevoked: 'Access Token has been revoked',
  accessExpired: 'Access Token has expired',
  passwordResetRequired: 'Password reset required for the user',
  totpMismatch: 'Code mismatch',
  totpNotVerified: 'User has not verified software token mfa',
  totpNotAssociated: 'Software token MFA has not been associated with the user.',
} as const;
