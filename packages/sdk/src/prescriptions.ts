import type { ClientContext } from './client-context.js';
import {
  buildMedicationRequests,
  checkPrescriptionInput,
  type PrescriptionInput,
} from './clinical/prescription-input.js';
import { normalizePrescriptionNumber } from './clinical/prescription-number.js';
import { resourcesOf } from './clinical/searchset.js';
import { STATUS_REASON_SYSTEM } from './clinical/code-systems.js';
import { invalidInput } from './clinical/invalid-input.js';
import { withItemExpressions } from './clinical/item-expressions.js';
import { isShifoError } from './errors/shifo-error.js';
import { formBody } from './fhir/form.js';
import type { Bundle, Schemas } from './fhir/types.js';
import { REQUEST_ID_SYSTEM } from './offline/send-intent.js';
import { unwrap } from './transport/unwrap.js';
import type { WriteOptions, WriteResult } from './writes/write-channel.js';
import { writesOf } from './writes/writes-of.js';

export type MedicationRequest = Schemas['MedicationRequest'];
export type PrescriptionStatus = MedicationRequest['status'];

/** Why a prescription is withdrawn or held (HL7 `medicationrequest-status-reason`, the codes DHP binds). */
export type PrescriptionStatusReason =
  | 'altchoice'
  | 'clarif'
  | 'drughigh'
  | 'hospadm'
  | 'labint'
  | 'non-avail'
  | 'preg'
  | 'salg'
  | 'sddi'
  | 'sdupther'
  | 'sintol'
  | 'surg'
  | 'washout';

/**
 * What `prescriptions.create` resolves to: `sent` with the created MedicationRequests (one per item, in the order of
 * the items, each with its server-assigned number: `prescriptionNumberOf`), or `queued` when offline.
 */
export type CreatePrescriptionResult = WriteResult<MedicationRequest[]>;

/** What `prescriptions.cancel` resolves to: the cancelled prescription, or `queued` when offline. */
export type CancelPrescriptionResult = WriteResult<MedicationRequest>;

export interface PrescriptionsApi {
  /**
   * Prescribes one or more medicines for a patient. The form is checked first (ShifoError `invalid`, `expression`
   * naming the field, e.g. `items[1].dose.value`); then one UZ Core MedicationRequest per item is created — several
   * items in one atomic transaction sharing a `groupIdentifier`, so either all are prescribed or none. Re-sending
   * after a lost answer never prescribes twice. The server's refusals arrive as ShifoErrors: `business-rule` with
   * `code` `not-prescribable` (not in the formulary, anaesthetic, validity over the cap) or the clinical findings
   * `salg` / `sdupther` / `drughigh` in each issue's `details.coding` — pass them back in `items[i].overrides`, with
   * a reason, to prescribe anyway. A refusal's issues name the form's item first (`expression: ['items[1]',
   * 'Bundle.entry[1].resource.medication']`), so the form can show it under the right medicine.
   *
   * @example
   * const result = await shifo.prescriptions.create({
   *   patientId: 'pt-dilnoza-yusupova',
   *   diagnosis: { code: 'I10' },
   *   items: [{ medicationId: 'med-amlodipine-5mg-tab', dose: { value: 1, unit: 'tablet' }, timesPerDay: 1,
   *             durationDays: 30, quantity: { value: 30, unit: 'tablet' } }],
   * });
   * if (result.status === 'sent') print(prescriptionNumberOf(result.resource[0]!));
   */
  create(input: PrescriptionInput, options?: WriteOptions): Promise<CreatePrescriptionResult>;
  /** Reads one prescription by its server id (ShifoError `not-found`, `forbidden`, … when refused). */
  get(id: string, options?: { signal?: AbortSignal }): Promise<MedicationRequest>;
  /**
   * The prescription with this number (as printed, typed or scanned from the QR code), or `undefined`. The check
   * character is verified first: a mistyped number throws ShifoError `invalid` without asking the server. The
   * number travels in a POST body, never in a URL.
   *
   * @example const prescription = await shifo.prescriptions.findByNumber('c8a579-a83008-42ffau');
   */
  findByNumber(number: string, options?: { signal?: AbortSignal }): Promise<MedicationRequest | undefined>;
  /**
   * A patient's prescriptions, newest first (at most `count`, default 50, max 100), optionally only those in the
   * given status(es).
   *
   * @example const active = await shifo.prescriptions.listForPatient('pt-dilnoza-yusupova', { status: 'active' });
   */
  listForPatient(
    patientId: string,
    options?: { status?: PrescriptionStatus | PrescriptionStatus[]; count?: number; signal?: AbortSignal },
  ): Promise<MedicationRequest[]>;
  /**
   * Withdraws a prescription (status `cancelled` with a `statusReason`): a PUT with `If-Match` on the version read
   * just before, so it never overwrites a change it has not seen. Repeating a cancel that already happened (a lost
   * answer, a second click) answers the cancelled prescription with `replayed: true`. Refusals: ShifoError
   * `business-rule` `invalid-transition` (already completed, cancelled, …), `forbidden` for pharmacists.
   *
   * @example await shifo.prescriptions.cancel(id, { code: 'altchoice', text: 'Switched to another medicine' });
   */
  cancel(
    id: string,
    reason: PrescriptionStatusReason | { code: PrescriptionStatusReason; text?: string },
    options?: WriteOptions,
  ): Promise<CancelPrescriptionResult>;
}

export type { PrescriptionInput };

interface TransactionResponse {
  entry?: { resource?: MedicationRequest; response?: { status?: string } }[];
}

export function createPrescriptionsApi(context: ClientContext): PrescriptionsApi {
  const { fhir, profiles } = context;

  async function get(id: string, options?: { signal?: AbortSignal }): Promise<MedicationRequest> {
    return unwrap(
      await fhir.GET('/MedicationRequest/{id}', { params: { path: { id } }, signal: options?.signal }),
    ) as MedicationRequest;
  }

  async function createOne(request: MedicationRequest, options?: WriteOptions): Promise<CreatePrescriptionResult> {
    const result = await writesOf(context)
      .write<MedicationRequest>({ method: 'POST', path: '/fhir/MedicationRequest', body: request }, options)
      .catch((failure: unknown) => {
        throw withItemExpressions(failure, true);
      });
    return result.status === 'queued' ? result : { ...result, resource: [result.resource] };
  }

  /** Several items: one transaction, each entry a conditional create on its own request id (safe to re-send). */
  async function createMany(requests: MedicationRequest[], options?: WriteOptions): Promise<CreatePrescriptionResult> {
    const entry = requests.map((request) => {
      const requestId = crypto.randomUUID();
      return {
        fullUrl: `urn:uuid:${crypto.randomUUID()}`,
        resource: { ...request, identifier: [{ system: REQUEST_ID_SYSTEM, value: requestId }] },
        request: {
          method: 'POST',
          url: 'MedicationRequest',
          ifNoneExist: `identifier=${REQUEST_ID_SYSTEM}|${requestId}`,
        },
      };
    });
    const result = await writesOf(context)
      .write<TransactionResponse>(
        {
          method: 'POST',
          path: '/fhir',
          body: { resourceType: 'Bundle', type: 'transaction', entry },
          headers: { Prefer: 'return=representation' },
        },
        options,
      )
      .catch((failure: unknown) => {
        throw withItemExpressions(failure, false);
      });
    if (result.status === 'queued') return result;
    const entries = result.resource.entry ?? [];
    const created = entries.flatMap((item) => (item.resource ? [item.resource] : []));
    // Every entry answered 200 (found by its request id): the whole form had been prescribed before.
    const replayed = result.replayed || entries.every((item) => item.response?.status?.startsWith('200') === true);
    return { status: 'sent', resource: created, replayed, intentId: result.intentId };
  }

  return {
    async create(input, options) {
      checkPrescriptionInput(input);
      const group = input.items.length > 1 ? crypto.randomUUID() : undefined;
      const requests = buildMedicationRequests(input, {
        profiles,
        now: new Date(),
        ...(group ? { groupIdentifier: `urn:uuid:${group}` } : {}),
      });
      return requests.length === 1 ? createOne(requests[0]!, options) : createMany(requests, options);
    },

    get,

    async findByNumber(number, options) {
      const identifier = `${profiles.identifierSystems.prescriptionNumber}|${normalizePrescriptionNumber(number)}`;
      const bundle = unwrap(
        await fhir.POST('/MedicationRequest/_search', { ...formBody({ identifier }), signal: options?.signal }),
      );
      return resourcesOf<MedicationRequest>(bundle as Bundle, 'MedicationRequest')[0];
    },

    async listForPatient(patientId, options) {
      if (patientId.trim() === '') throw invalidInput('patientId', 'Choose the patient.');
      const count = options?.count ?? 50;
      if (!Number.isInteger(count) || count < 1 || count > 100) throw invalidInput('count', 'count is 1 to 100.');
      const statuses = options?.status === undefined ? [] : [options.status].flat();
      const bundle = unwrap(
        await fhir.GET('/MedicationRequest', {
          params: {
            query: {
              patient: patientId,
              ...(statuses.length ? { status: statuses.join(',') } : {}),
              _sort: '-date',
              _count: count,
            },
          },
          signal: options?.signal,
        }),
      );
      return resourcesOf<MedicationRequest>(bundle as Bundle, 'MedicationRequest');
    },

    async cancel(id, reason, options) {
      const { code, text } = typeof reason === 'string' ? { code: reason, text: undefined } : reason;
      if (!code) throw invalidInput('reason', 'Say why the prescription is cancelled.');
      const current = await get(id, options);
      if (current.status === 'cancelled') {
        // Already done (a second click, or a re-send after a lost answer): nothing to change.
        return { status: 'sent', resource: current, replayed: true, intentId: crypto.randomUUID() };
      }
      const next: MedicationRequest = {
        ...current,
        status: 'cancelled',
        statusReason: {
          coding: [{ system: STATUS_REASON_SYSTEM, code }],
          ...(text?.trim() ? { text: text.trim() } : {}),
        },
      };
      try {
        return await writesOf(context).write<MedicationRequest>(
          {
            method: 'PUT',
            path: `/fhir/MedicationRequest/${encodeURIComponent(id)}`,
            body: next,
            headers: { 'If-Match': `W/"${current.meta?.versionId ?? ''}"` },
          },
          options,
        );
      } catch (failure) {
        // A lost answer re-sent on the old version is refused (412); if the cancel is what happened, it succeeded.
        if (!isShifoError(failure) || failure.status !== 412) throw failure;
        const now = await get(id, options);
        if (now.status !== 'cancelled') throw failure;
        return { status: 'sent', resource: now, replayed: true, intentId: crypto.randomUUID() };
      }
    },
  };
}
