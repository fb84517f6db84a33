function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A fault route's path glob as a regular expression: `*` is any run of characters within one segment, a `**`
 * segment any number of segments (none included): `/queue/**` matches `/queue` and `/queue/tickets/t1/transitions`.
 */
export function compileRoutePattern(pattern: string): RegExp {
  const segments = pattern.replace(/^\/+|\/+$/g, '').split('/');
  const body = segments
    .map((segment) => (segment === '**' ? '(?:/[^/]*)*' : `/${segment.split('*').map(escapeRegExp).join('[^/]*')}`))
    .join('');
  return new RegExp(`^${body}/?$`);
}
