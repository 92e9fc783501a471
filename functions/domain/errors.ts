import type { FieldError } from '../schemas/errors.js';

/** Errors a person can act on. The HTTP mapper shows their message; anything else is a 500 that says nothing internal. */
export abstract class ClientError extends Error {
  abstract readonly statusCode: number;
}

export class ValidationError extends ClientError {
  readonly statusCode = 400;
  constructor(
    readonly errors: FieldError[],
    message = 'There is a problem with the referral',
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ValidationError';
  }
}

export class BadRequestError extends ClientError {
  readonly statusCode = 400;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BadRequestError';
  }
}

export class ConflictError extends ClientError {
  readonly statusCode = 409;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConflictError';
  }
}

export class PayloadTooLargeError extends ClientError {
  readonly statusCode = 413;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PayloadTooLargeError';
  }
}

export class UnsupportedMediaTypeError extends ClientError {
  readonly statusCode = 415;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnsupportedMediaTypeError';
  }
}

/** No valid session: sign in again. Deliberately says nothing about why. */
export class UnauthorizedError extends ClientError {
  readonly statusCode = 401;
  constructor(message = 'Sign in to continue', options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnauthorizedError';
  }
}

/** The caller's session ended (signed out, idle or revoked) when their write was checked against it. */
export class SessionEndedError extends UnauthorizedError {
  constructor(message = 'You have been signed out. Sign in again.', options?: ErrorOptions) {
    super(message, options);
    this.name = 'SessionEndedError';
  }
}

export class ForbiddenError extends ClientError {
  readonly statusCode = 403;
  constructor(message = 'You do not have permission to do this', options?: ErrorOptions) {
    super(message, options);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends ClientError {
  readonly statusCode = 404;
  constructor(message = 'Not found', options?: ErrorOptions) {
    super(message, options);
    this.name = 'NotFoundError';
  }
}

export class TooManyRequestsError extends ClientError {
  readonly statusCode = 429;
  constructor(message = 'Too many requests. Wait a minute and try again', options?: ErrorOptions) {
    super(message, options);
    this.name = 'TooManyRequestsError';
  }
}

/** A failure worth retrying (a throttled or unavailable dependency). Step Functions retries on its name. */
export class TransientError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TransientError';
  }
}
