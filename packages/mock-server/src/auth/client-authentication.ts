import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DemoClient } from '../seed/types.js';
import { OAuthError } from './oauth-error.js';

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

export interface AuthenticatedClient {
  client: DemoClient;
  method: ClientAuthMethod;
}

const basicChallenge = { 'WWW-Authenticate': 'Basic realm="shifo"' };

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `Authorization: Basic` credentials; RFC 6749 §2.3.1 form-encodes both parts before base64. */
function basicCredentials(header: string): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
    return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/**
 * Who is asking the token endpoint: a confidential client by `client_secret_basic` or `client_secret_post` (both, as
 * DHP's documents disagree), or a public client by its `client_id` alone (`none`, its grant is protected by PKCE).
 */
export function authenticateClient(
  req: IncomingMessage,
  form: Record<string, string | undefined>,
  clients: readonly DemoClient[],
): AuthenticatedClient {
  const header = req.headers.authorization;
  const usedBasic = header !== undefined && /^Basic\s/i.test(header);
  const refuse = (description: string) =>
    new OAuthError(401, 'invalid_client', description, usedBasic ? basicChallenge : {});

  let clientId = form.client_id;
  let secret = form.client_secret;
  let method: ClientAuthMethod = secret === undefined ? 'none' : 'client_secret_post';
  if (usedBasic) {
    const credentials = basicCredentials(header);
    if (!credentials) throw refuse('The Basic credentials are malformed.');
    if (secret !== undefined) {
      throw new OAuthError(400, 'invalid_request', 'Use one client authentication method: HTTP Basic or the form.');
    }
    if (clientId !== undefined && clientId !== credentials.id) {
      throw new OAuthError(400, 'invalid_request', 'client_id in the form differs from the Basic credentials.');
    }
    clientId = credentials.id;
    secret = credentials.secret;
    method = 'client_secret_basic';
  }
  if (!clientId) throw refuse('Client authentication is required (client_id).');
  const client = clients.find((candidate) => candidate.clientId === clientId);
  if (!client) throw refuse('Unknown client_id.');

  if (client.type === 'public') {
    if (secret) throw refuse(`${client.clientId} is a public client: it has no secret; prove the grant with PKCE.`);
    return { client, method: 'none' };
  }
  if (secret === undefined || method === 'none') {
    throw refuse('This client must authenticate with client_secret_post or client_secret_basic.');
  }
  if (!sameSecret(secret, client.clientSecret)) throw refuse('Invalid client credentials.');
  return { client, method };
}
