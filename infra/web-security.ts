export interface ContentSecurityPolicyOptions {
  /**
   * Origin the browser may call besides the app itself: in AWS the web app
   * signs people in by calling Cognito's API directly, e.g.
   * `https://cognito-idp.eu-west-2.amazonaws.com`. Unset, the policy is
   * self-only (what the local server uses today).
   */
  readonly cognitoOrigin?: string;
  /**
   * Origin of the bucket of attached files: the browser PUTs an upload
   * straight to its presigned URL (functions/adapters/aws/s3-file-store.ts),
   * e.g. `https://<bucket>.s3.eu-west-2.amazonaws.com`, or the local s3rver.
   */
  readonly filesOrigin?: string;
}

/** One https origin (a deploy-time token is fine), or a local emulator's http origin. */
const ORIGIN = /^(https:\/\/[^\s;'*/]+|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?)$/;

/**
 * Content-Security-Policy of every page: the app's own origin only (plus
 * Cognito's API for `connect-src` when given), no inline script or style, no
 * framing, forms post only to us.
 */
export function contentSecurityPolicy(options: ContentSecurityPolicyOptions = {}): string {
  const cognitoOrigin = options.cognitoOrigin?.replace(/\/+$/, '');
  if (cognitoOrigin !== undefined && !ORIGIN.test(cognitoOrigin)) {
    // A path, a wildcard, another directive or plain http off this machine would widen the policy.
    throw new Error(`cognitoOrigin must be an https origin (or http on localhost) without a path or wildcard, got: ${cognitoOrigin}`);
  }
  const filesOrigin = options.filesOrigin?.replace(/\/+$/, '');
  if (filesOrigin !== undefined && !ORIGIN.test(filesOrigin)) {
    throw new Error(`filesOrigin must be an https origin (or http on localhost) without a path or wildcard, got: ${filesOrigin}`);
  }
  const connect = ["connect-src 'self'", cognitoOrigin, filesOrigin].filter(Boolean).join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    connect,
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/** The self-only policy: the local server's (which drops upgrade-insecure-requests). */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();
