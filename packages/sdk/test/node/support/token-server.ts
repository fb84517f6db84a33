// A scripted OAuth token endpoint and a resource that accepts only the tokens it issued, for the auth tests.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { delay, json, outcome, type Route } from './hostile-server.js';

export interface TokenGrant {
  form: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface TokenServer {
  /** The `/oauth/token` route. */
  tokenRoute: Route;
  /** A FHIR-like route answering 200 to a live token, 401 (token-expired) otherwise. */
  resourceRoute: Route;
  /** Every grant received, in order. */
  grants: TokenGrant[];
  /** Makes a token invalid at once, as if it expired mid-flight. */
  revoke(token: string): void;
  /** The challenge each authorization code was issued for (PKCE). */
  challenges: Map<string, string>;
  /** Lifetime of tokens issued from now on (seconds). */
  expiresIn: number;
  /** Answer grants with this status instead (e.g. 503), while set. */
  failWith: number | undefined;
  /** Wait before answering a grant (ms). */
  latencyMs: number;
}

export function createTokenServer(): TokenServer {
  let issued = 0;
  const live = new Set<string>();
  const refreshTokens = new Set<string>();
  const server: TokenServer = {
    grants: [],
    challenges: new Map(),
    expiresIn: 3600,
    failWith: undefined,
    latencyMs: 0,
    revoke: (token) => live.delete(token),
    tokenRoute: async ({ req, res, body }) => {
      const form = new URLSearchParams(body);
      server.grants.push({ form, headers: req.headers });
      await delay(server.latencyMs);
      if (server.failWith) return json(res, server.failWith, { error: 'temporarily_unavailable' });
      const grant = form.get('grant_type');
      if (grant === 'authorization_code') {
        const challenge = server.challenges.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (!challenge || createHash('sha256').update(verifier).digest('base64url') !== challenge) {
          return json(res, 400, { error: 'invalid_grant', error_description: 'code_verifier does not match' });
        }
      } else if (grant === 'refresh_token') {
        const presented = form.get('refresh_token') ?? '';
        if (!refreshTokens.delete(presented)) {
          return json(res, 400, { error: 'invalid_grant', error_description: 'unknown refresh token' });
        }
      } else if (grant !== 'client_credentials') {
        return json(res, 400, { error: 'unsupported_grant_type' });
      }
      issued++;
      const accessToken = `token-${issued}`;
      live.add(accessToken);
      const refreshToken = grant === 'client_credentials' ? undefined : `refresh-${issued}`;
      if (refreshToken) refreshTokens.add(refreshToken);
      json(
        res,
        200,
        { access_token: accessToken, token_type: 'Bearer', expires_in: server.expiresIn, refresh_token: refreshToken },
        { 'Cache-Control': 'no-store' },
      );
    },
    resourceRoute: ({ req, res }) => {
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || !live.has(token)) {
        return outcome(res, 401, 'login', 'The access token is unknown or has expired.', {
          'WWW-Authenticate': 'Bearer error="invalid_token"',
        });
      }
      json(res, 200, { resourceType: 'Patient', id: new URL(req.url ?? '/', 'http://x').pathname.split('/').pop() });
    },
  };
  return server;
}
