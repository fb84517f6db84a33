import type { Locale } from '../i18n/locales.js';
import type { SummaryQuantity } from './summary-types.js';

const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** Numbers as the element's language writes them (`5,6` in Russian and Uzbek, `5.6` in English). */
export function formatNumber(value: number, locale: Locale): string {
  let format = numberFormats.get(locale);
  if (!format) {
    // Browsers' ICU has no uz-Cyrl number data of its own; Uzbek rules apply to both scripts.
    format = new Intl.NumberFormat(locale === 'uz-Cyrl' ? 'uz' : locale, { maximumFractionDigits: 2 });
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

/** UCUM codes people do not read as units: the human `unit` is shown when the record has one. */
export function formatQuantity(quantity: SummaryQuantity | undefined, locale: Locale): string {
  if (!quantity || quantity.value === undefined) return '—';
  const comparator = quantity.comparator && quantity.comparator !== 'ad' ? `${quantity.comparator} ` : '';
  const unit = quantity.unit ?? quantity.code;
  return `${comparator}${formatNumber(quantity.value, locale)}${unit ? ` ${unit}` : ''}`;
}

/** `120–160 g/L`, `< 5.2 mmol/L`, `> 60`: the reference range as a clinician writes it. */
export function formatRange(
  range: { low?: SummaryQuantity; high?: SummaryQuantity; text?: string } | undefined,
  locale: Locale,
): string | undefined {
  if (!range) return undefined;
  const low = range.low?.value;
  const high = range.high?.value;
  const unit = range.high?.unit ?? range.low?.unit;
  const suffix = unit ? ` ${unit}` : '';
  if (low !== undefined && high !== undefined)
    return `${formatNumber(low, locale)}–${formatNumber(high, locale)}${suffix}`;
  if (high !== undefined) return `≤ ${formatNumber(high, locale)}${suffix}`;
  if (low !== undefined) return `≥ ${formatNumber(low, locale)}${suffix}`;
  return range.text;
}
