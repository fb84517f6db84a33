import { html, nothing, svg } from 'lit';

const WIDTH = 64;
const HEIGHT = 20;
const PAD = 2;

/**
 * A tiny trend line of recent values (oldest first), drawn as SVG through Lit's `svg` template (never markup
 * from strings). `label` gives screen readers the values as text.
 */
export function sparkline(values: readonly number[], label: string) {
  if (values.length < 2) return nothing;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const step = (WIDTH - 2 * PAD) / (values.length - 1);
  const points = values
    .map((value, i) => {
      const x = PAD + i * step;
      const y = HEIGHT - PAD - ((value - min) / span) * (HEIGHT - 2 * PAD);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  const last = points.split(' ').pop()!.split(',');
  return html`<svg
    part="sparkline"
    class="sparkline"
    role="img"
    aria-label=${label}
    viewBox="0 0 ${WIDTH} ${HEIGHT}"
    width=${WIDTH}
    height=${HEIGHT}
  >
    ${svg`<polyline points=${points} fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
      <circle cx=${last[0]!} cy=${last[1]!} r="2" fill="currentColor" />`}
  </svg>`;
}
