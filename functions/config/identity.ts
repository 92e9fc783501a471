/**
 * The token issuer of a user pool: Cognito in AWS, or the local emulator
 * (which signs tokens with the same claims) when COGNITO_ENDPOINT is set.
 * Tokens are always verified against `${issuer}/.well-known/jwks.json`.
 */
export function issuerFor(poolId: string, region: string, cognitoEndpoint?: string): string {
  return cognitoEndpoint ? `${cognitoEndpoint.replace(/\/+$/, '')}/${poolId}` : `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
}

/** Where the web app sends Cognito API calls (InitiateAuth, RespondToAuthChallenge, ...). */
export function cognitoApiUrl(region: string, cognitoEndpoint?: string): string {
  return cognitoEndpoint ? cognitoEndpoint.replace(/\/+$/, '') + '/' : `https://cognito-idp.${region}.amazonaws.com/`;
}
