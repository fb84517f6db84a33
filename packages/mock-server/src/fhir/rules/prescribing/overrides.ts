import { HttpError } from '../../../http/http-error.js';
import { errorIssue } from '../../../http/outcome.js';
import { asObject, asObjects, asString, type JsonObject } from './json.js';
import { STATUS_REASON_SYSTEM, type FindingCode } from './terminology.js';

/**
 * Shifo's extension by which a prescriber overrides a clinical finding, with the reason (the "override with
 * reason" tier of prescriber alerts, DOMAIN.md). One per finding, on the MedicationRequest; it is stored with the
 * prescription, so the override stays on record:
 *
 * ```json
 * { "url": "https://shifo.uz/fhir/StructureDefinition/clinical-check-override",
 *   "extension": [
 *     { "url": "finding", "valueCoding": { "system": "http://terminology.hl7.org/CodeSystem/medicationrequest-status-reason", "code": "salg" } },
 *     { "url": "reason", "valueString": "Took amoxicillin in 2024 without a reaction" } ] }
 * ```
 */
export const OVERRIDE_EXTENSION_URL = 'https://shifo.uz/fhir/StructureDefinition/clinical-check-override';

const FINDINGS: ReadonlySet<string> = new Set<FindingCode>(['salg', 'sdupther', 'drughigh']);

function isFinding(code: string | undefined): code is FindingCode {
  return code !== undefined && FINDINGS.has(code);
}

/** The findings a request overrides, each with its reason. Refuses (400) a malformed override. */
export function overriddenFindings(request: JsonObject): Map<FindingCode, string> {
  const overrides = new Map<FindingCode, string>();
  asObjects(request.extension).forEach((extension, index) => {
    if (extension.url !== OVERRIDE_EXTENSION_URL) return;
    const parts = asObjects(extension.extension);
    const finding = asObject(parts.find((part) => part.url === 'finding')?.valueCoding);
    const reason = asString(parts.find((part) => part.url === 'reason')?.valueString)?.trim();
    const code = asString(finding?.code);
    const system = asString(finding?.system);
    if (!isFinding(code) || (system !== undefined && system !== STATUS_REASON_SYSTEM)) {
      throw new HttpError(400, [
        errorIssue(
          'value',
          `An override names the finding it overrides: a valueCoding from ${STATUS_REASON_SYSTEM} with code salg, sdupther or drughigh.`,
          `MedicationRequest.extension[${index}]`,
        ),
      ]);
    }
    if (!reason) {
      throw new HttpError(400, [
        errorIssue(
          'required',
          'An override must give its reason (valueString).',
          `MedicationRequest.extension[${index}]`,
        ),
      ]);
    }
    overrides.set(code, reason);
  });
  return overrides;
}
