import { HttpError } from '../../http/http-error.js';
import { codedIssue } from '../../http/outcome.js';

/** The version an `If-Match` names: `W/"3"` and `"3"` both mean version 3. */
export function versionInIfMatch(ifMatch: string): string | undefined {
  return /^(?:W\/)?"([^"]+)"$/.exec(ifMatch.trim())?.[1];
}

/**
 * Optimistic locking as DHP does it: an update without `If-Match` is 412 `if-match-required`, one naming another
 * version 412 `version-mismatch` (DHP's text: "Version is mismatch").
 */
export function assertIfMatch(ifMatch: string | undefined, currentVersion: string | undefined, target: string): void {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    throw new HttpError(412, [
      codedIssue(
        'invalid',
        'if-match-required',
        `Send If-Match with the ETag of the version you read (e.g. W/"${currentVersion ?? '1'}") to update ${target}.`,
        'If-Match',
      ),
    ]);
  }
  if (versionInIfMatch(ifMatch) !== currentVersion) {
    throw new HttpError(412, [codedIssue('invalid', 'version-mismatch', 'Version is mismatch', 'If-Match')]);
  }
}
