import type { Handler } from '../handler.js';

/**
 * `GET /.well-known/smart-configuration`: SMART App Launch 2 discovery, with absolute URLs on the host the client
 * used, so the same server works as `localhost`, `127.0.0.1` or behind a port forward.
 */
export const getSmartConfiguration: Handler = (context) => ({
  status: 200,
  body: {
    issuer: context.origin,
    authorization_endpoint: `${context.origin}/oauth/authorize`,
    token_endpoint: `${context.origin}/oauth/token`,
    grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'none'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: [
      'openid',
      'fhirUser',
      'launch/patient',
      'offline_access',
      'user/*.rs',
      'user/*.cruds',
      'patient/*.rs',
      'system/*.rs',
      'system/*.cruds',
      'queue',
      'feedback',
      'admin',
    ],
    capabilities: [
      'launch-standalone',
      'client-public',
      'client-confidential-symmetric',
      'context-standalone-patient',
      'permission-patient',
      'permission-user',
      'permission-v2',
    ],
  },
  headers: { 'Cache-Control': 'public, max-age=300' },
});
