import { styleMap } from 'lit/directives/style-map.js';

/**
 * The style of a `.long-list` with `rows` rows: the browser lays out and paints such a list only near the
 * viewport (`content-visibility: auto` in card-styles), and until it first does, reserves about this much room so
 * the scrollbar does not jump. The rows stay in the DOM: screen readers, find-in-page, keyboard and print reach
 * every one. Set through the CSSOM (`styleMap`), so a strict `style-src` policy does not block it.
 */
export function longListStyle(rows: number) {
  return styleMap({ '--_rows': String(rows) });
}
