import { css } from 'lit';

/**
 * Shared design tokens. Global `--shifo-*` custom properties set by the host page win; the values here are
 * the fallbacks. Colours meet WCAG AA contrast (≥ 4.5:1) on their backgrounds in both themes.
 */
export const tokens = css`
  :host {
    --_font: var(--shifo-font-family, system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif);
    --_text: var(--shifo-color-text, #1b1f24);
    --_muted: var(--shifo-color-text-muted, #4a5360);
    --_surface: var(--shifo-color-surface, #ffffff);
    --_border: var(--shifo-color-border, #c9d1db);
    --_accent: var(--shifo-color-accent, #0b5cad);
    --_danger: var(--shifo-color-danger, #a3141b);
    --_danger-surface: var(--shifo-color-danger-surface, #fdecec);
    --_warning-surface: var(--shifo-color-warning-surface, #fff4d6);
    --_warning-border: var(--shifo-color-warning-border, #8a5a00);
    --_radius: var(--shifo-radius, 6px);
    --_space: var(--shifo-space, 0.75rem);
    font-family: var(--_font);
    color: var(--_text);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_text: var(--shifo-color-text, #e8ecf1);
      --_muted: var(--shifo-color-text-muted, #b3bcc8);
      --_surface: var(--shifo-color-surface, #161b22);
      --_border: var(--shifo-color-border, #3b4452);
      --_accent: var(--shifo-color-accent, #79b8ff);
      --_danger: var(--shifo-color-danger, #ff9b9b);
      --_danger-surface: var(--shifo-color-danger-surface, #3a1416);
      --_warning-surface: var(--shifo-color-warning-surface, #3a2c0a);
      --_warning-border: var(--shifo-color-warning-border, #e0b85c);
    }
  }
`;
