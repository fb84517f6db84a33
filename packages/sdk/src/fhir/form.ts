type FormValue = string | number | boolean | undefined | readonly (string | number | boolean)[];

/**
 * Options that send a search as a form body, so identifiers stay out of URLs and access logs.
 * Repeated parameters (date ranges: `date=ge2025-01-01&date=le2025-12-31`) become one form entry per value.
 */
export function formBody<T extends Record<string, FormValue>>(body: T) {
  return {
    body,
    bodySerializer: (values: Record<string, unknown>) => {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(values)) {
        for (const item of Array.isArray(value) ? value : [value])
          if (item !== undefined) form.append(key, String(item));
      }
      return form.toString();
    },
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  } as const;
}
