import type { Middleware } from 'openapi-fetch';
import type { AuthProvider } from '../auth/auth-provider.js';

/** Adds the bearer token and the user's language to every request. */
export function headersMiddleware(auth: AuthProvider, locale: () => string | undefined): Middleware {
  return {
    async onRequest({ request }) {
      const token = await auth.getAccessToken();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      const language = locale();
      if (language && !request.headers.has('Accept-Language')) request.headers.set('Accept-Language', language);
      return request;
    },
  };
}
