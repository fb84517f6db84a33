import type { Principal } from './principal.js';
import { SIGN_IN_TEXTS, type SignInLocale } from './sign-in-texts.js';

export interface SignInUser {
  username: string;
  role: Principal['role'];
  facilityName: string;
}

export interface SignInPage {
  locale: SignInLocale;
  clientName: string;
  users: readonly SignInUser[];
  /** The authorization request, carried through the form as hidden fields. */
  hiddenFields: readonly (readonly [string, string])[];
  /** Where the form goes (the authorization endpoint itself; a chosen user arrives as `login_hint`). */
  action: string;
  /** The client's redirect URI with `error=access_denied` and the state. */
  cancelUrl: string;
  languageLinks: readonly { locale: SignInLocale; href: string }[];
  /** A problem to announce above the list (an unknown `login_hint`). */
  notice?: string;
}

export const HTML_TYPE = 'text/html; charset=utf-8';

/** Headers of every sign-in page: never cached, never framed (clickjacking), no referrer leaking the request. */
export function pageHeaders(locale: SignInLocale, formTarget?: string): Record<string, string> {
  const formAction = formTarget ? `'self' ${formTarget}` : `'self'`;
  return {
    'Cache-Control': 'no-store',
    'Content-Language': locale,
    'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
  body { margin: 0 auto; max-width: 52rem; padding: 1rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: start; padding: .4rem .5rem; border-bottom: 1px solid #8884; }
  button { font: inherit; padding: .3rem .9rem; cursor: pointer; }
  :focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
  nav ul { list-style: none; display: flex; gap: 1rem; padding: 0; }
  [role="alert"] { border: 2px solid #b3261e; padding: .5rem; }
`;

function page(locale: SignInLocale, title: string, content: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${content}
</main>
</body>
</html>
`;
}

/** The demo-user picker: one button per user; choosing one signs them in and returns to the client. */
export function renderSignInPage(input: SignInPage): string {
  const t = SIGN_IN_TEXTS[input.locale];
  const languages = input.languageLinks
    .map(({ locale, href }) => {
      const current = locale === input.locale ? ' aria-current="true"' : '';
      return `<li><a href="${escapeHtml(href)}" lang="${locale}" hreflang="${locale}"${current}>${escapeHtml(SIGN_IN_TEXTS[locale].languageName)}</a></li>`;
    })
    .join('');
  const hidden = input.hiddenFields
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const rows = input.users
    .map(
      (user) => `<tr>
<th scope="row">${escapeHtml(user.username)}</th>
<td>${escapeHtml(t.roles[user.role])}</td>
<td>${escapeHtml(user.facilityName)}</td>
<td><button type="submit" name="login_hint" value="${escapeHtml(user.username)}" aria-label="${escapeHtml(`${t.signIn}: ${user.username}`)}">${escapeHtml(t.signIn)}</button></td>
</tr>`,
    )
    .join('\n');
  const notice = input.notice ? `<p role="alert">${escapeHtml(input.notice)}</p>` : '';
  return page(
    input.locale,
    t.title,
    `<nav aria-label="${escapeHtml(t.languages)}"><ul>${languages}</ul></nav>
<h1>${escapeHtml(t.heading)}</h1>
<p>${escapeHtml(t.intro(input.clientName))}</p>
${notice}
<form method="get" action="${escapeHtml(input.action)}">
${hidden}
<table>
<thead><tr><th scope="col">${escapeHtml(t.user)}</th><th scope="col">${escapeHtml(t.role)}</th><th scope="col">${escapeHtml(t.facility)}</th><td></td></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</form>
<p><a href="${escapeHtml(input.cancelUrl)}">${escapeHtml(t.cancel)}</a></p>`,
  );
}

/** Shown instead of redirecting when the client or its redirect URI cannot be trusted (RFC 6749 §4.1.2.1). */
export function renderSignInError(locale: SignInLocale, error: string, description: string): string {
  const t = SIGN_IN_TEXTS[locale];
  return page(
    locale,
    t.errorHeading,
    `<h1>${escapeHtml(t.errorHeading)}</h1>
<p role="alert">${escapeHtml(t.errorIntro)}</p>
<p>${escapeHtml(t.errorDetails)}: <code lang="en">${escapeHtml(error)}</code> — <span lang="en">${escapeHtml(description)}</span></p>`,
  );
}
