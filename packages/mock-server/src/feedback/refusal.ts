import { HttpError } from '../http/http-error.js';
import { codedIssue, errorIssue, type IssueCode, type ShifoErrorCode } from '../http/outcome.js';
import type { Language } from '../http/language.js';
import { message, type MessageKey } from './messages.js';

export interface RefusalOptions {
  /** Shifo error code for `issue.details.coding` (docs/contract.md §6). */
  shifoCode?: ShifoErrorCode;
  expression?: string;
  /** The linkId `{item}` stands for in the message. */
  item?: string;
}

/** A feedback refusal whose text is in the negotiated language (the public form shows it as is). */
export function refusal(
  status: number,
  code: IssueCode,
  key: MessageKey,
  language: Language,
  options: RefusalOptions = {},
): HttpError {
  const text = message(key, language, options.item);
  const issue =
    options.shifoCode === undefined
      ? errorIssue(code, text, options.expression)
      : codedIssue(code, options.shifoCode, text, options.expression);
  return new HttpError(status, [issue], { 'Content-Language': language });
}
