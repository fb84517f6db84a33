import { isShifoError, ShifoError } from '../errors/shifo-error.js';

/** `items[i]` for a server expression about the i-th item: `Bundle.entry[i]…` in a form, `MedicationRequest…` alone. */
function itemOf(expression: string, single: boolean): string | undefined {
  const entry = /^Bundle\.entry\[(\d+)\]/.exec(expression)?.[1];
  if (entry !== undefined) return `items[${entry}]`;
  return single && expression.startsWith('MedicationRequest') ? 'items[0]' : undefined;
}

/**
 * The server's refusal with each issue also pointing at the form's item (`items[1]`) ahead of the server's own
 * FHIRPath (`Bundle.entry[1].resource.medication`), so a form shows the message under the right medicine whichever
 * side caught the problem. Anything that is not such a refusal passes through untouched.
 */
export function withItemExpressions(failure: unknown, single: boolean): unknown {
  if (!isShifoError(failure) || !failure.outcome) return failure;
  let changed = false;
  const issue = failure.outcome.issue.map((item) => {
    const expression = item.expression ?? [];
    const items = expression.flatMap((path) => itemOf(path, single) ?? []);
    if (items.length === 0) return item;
    changed = true;
    return { ...item, expression: [...new Set(items), ...expression] };
  });
  if (!changed) return failure;
  return new ShifoError(failure.message, {
    kind: failure.kind,
    ...(failure.status !== undefined ? { status: failure.status } : {}),
    outcome: { ...failure.outcome, issue },
    retryable: failure.retryable,
    ...(failure.language !== undefined ? { language: failure.language } : {}),
    cause: failure,
  });
}
