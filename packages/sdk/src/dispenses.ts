import type { ClientContext } from './client-context.js';
import { DISPENSE_ADMIN_LOCATION_SYSTEM } from './clinical/code-systems.js';
import { invalidInput } from './clinical/invalid-input.js';
import { normalizePrescriptionNumber } from './clinical/prescription-number.js';
import { resourcesOf } from './clinical/searchset.js';
import { ShifoError } from './errors/shifo-error.js';
import { formBody } from './fhir/form.js';
import type { Bundle, Schemas } from './fhir/types.js';
import { unwrap } from './transport/unwrap.js';
import type { WriteOptions, WriteResult } from './writes/write-channel.js';
import { writesOf } from './writes/writes-of.js';

export type MedicationDispense = Schemas['MedicationDispense'];
type MedicationRequest = Schemas['MedicationRequest'];

/** A pharmacist's hand-over: which prescription, how much, and optionally which product and batch. */
export interface DispenseInput {
  /** The prescription's server id. Give this or `number`. */
  prescriptionId?: string;
  /** The prescription number as printed or scanned (checked before use). Give this or `prescriptionId`. */
  number?: string;
  /** How much is handed over now, in the prescription's unit (partial dispensing is allowed). */
  quantity: number;
  /** Another formulary product of the same INN, when substituting (default: the prescribed medicine). */
  medicationId?: string;
  /** Batch handed over: recorded on the dispense; an expired batch is refused by the server. */
  batch?: { lotNumber?: string; expirationDate: string };
  /** When it was handed over (ISO date-time); default now. */
  whenHandedOver?: string;
  note?: string;
}

/** What `dispenses.create` resolves to: the recorded dispense, or `queued` when offline. */
export type CreateDispenseResult = WriteResult<MedicationDispense>;

/** How much of a prescription has been handed over and how much may still be. */
export interface DispenseBalance {
  /** `dispenseRequest.quantity.value` (undefined when the prescription states none). */
  prescribed: number | undefined;
  /** Sum of the `completed` dispenses. */
  dispensed: number;
  /** What may still be dispensed (never below 0); 0 when the prescription is no longer `active`. */
  remaining: number;
  /** The unit the prescription counts in (e.g. `dona`). */
  unit: string | undefined;
  prescription: MedicationRequest;
}

export interface DispensesApi {
  /**
   * Records a (partial) hand-over against a prescription, found by id or by its number. The dispense names the
   * prescription, the same patient and the prescribed medicine (or a substitute product), counts in the prescription's
   * unit, and is sent so that a lost answer never records it twice. Refusals (ShifoError `business-rule`):
   * `over-dispense` (the text says what remains), `prescription-not-dispensable` (cancelled, completed, expired, not
   * yet valid), another INN, an expired batch; `forbidden` for anyone but pharmacists; `invalid` for a bad quantity
   * or a mistyped number, before anything is sent.
   *
   * @example await shifo.dispenses.create({ number: 'C8A579-A83008-42FFAU', quantity: 10 });
   */
  create(input: DispenseInput, options?: WriteOptions): Promise<CreateDispenseResult>;
  /**
   * The dispenses recorded against a prescription, oldest first.
   *
   * @example const handedOver = await shifo.dispenses.listForPrescription(prescription.id);
   */
  listForPrescription(prescriptionId: string, options?: { signal?: AbortSignal }): Promise<MedicationDispense[]>;
  /**
   * How much of a prescription is left to dispense ("30 prescribed, 10 dispensed, 20 left").
   *
   * @example const { remaining, unit } = await shifo.dispenses.remaining(prescription.id);
   */
  remaining(prescriptionId: string, options?: { signal?: AbortSignal }): Promise<DispenseBalance>;
}

function checkInput(input: DispenseInput): void {
  const byId = typeof input.prescriptionId === 'string' && input.prescriptionId.trim() !== '';
  const byNumber = typeof input.number === 'string' && input.number.trim() !== '';
  if (byId === byNumber) throw invalidInput('prescriptionId', 'Name the prescription by its id or by its number.');
  if (typeof input.quantity !== 'number' || !Number.isFinite(input.quantity) || input.quantity <= 0) {
    throw invalidInput('quantity', 'The quantity handed over must be more than 0.');
  }
  if (input.batch && !/^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$/u.test(input.batch.expirationDate)) {
    throw invalidInput('batch.expirationDate', 'The batch expiry is a date (YYYY-MM-DD).');
  }
  if (input.whenHandedOver !== undefined && Number.isNaN(Date.parse(input.whenHandedOver))) {
    throw invalidInput('whenHandedOver', 'whenHandedOver is an ISO date-time.');
  }
}

export function createDispensesApi(context: ClientContext): DispensesApi {
  const { fhir, profiles } = context;

  async function readPrescription(id: string, signal?: AbortSignal): Promise<MedicationRequest> {
    return unwrap(await fhir.GET('/MedicationRequest/{id}', { params: { path: { id } }, signal })) as MedicationRequest;
  }

  async function prescriptionOf(input: DispenseInput, signal?: AbortSignal): Promise<MedicationRequest> {
    if (input.prescriptionId) return readPrescription(input.prescriptionId.trim(), signal);
    const identifier = `${profiles.identifierSystems.prescriptionNumber}|${normalizePrescriptionNumber(input.number ?? '')}`;
    const bundle = unwrap(await fhir.POST('/MedicationRequest/_search', { ...formBody({ identifier }), signal }));
    const found = resourcesOf<MedicationRequest>(bundle as Bundle, 'MedicationRequest')[0];
    if (!found) {
      throw new ShifoError('No prescription has this number.', {
        kind: 'not-found',
        status: 404,
        outcome: {
          resourceType: 'OperationOutcome',
          issue: [
            {
              severity: 'error',
              code: 'not-found',
              diagnostics: 'No prescription has this number.',
              expression: ['number'],
            },
          ],
        },
      });
    }
    return found;
  }

  /** The medicine element of the dispense: the prescribed one, a substitute, and with a batch a contained product. */
  async function medicationOf(
    input: DispenseInput,
    prescription: MedicationRequest,
    signal?: AbortSignal,
  ): Promise<Pick<MedicationDispense, 'medication' | 'contained'>> {
    const chosen = input.medicationId?.trim();
    const medication = chosen ? { reference: { reference: `Medication/${chosen}` } } : prescription.medication;
    if (!input.batch) return { medication };
    // Batch and expiry travel on a contained Medication (R5), which must still say which medicine it is.
    const referenced = medication.reference?.reference?.match(/^Medication\/(.+)$/u)?.[1];
    const code = referenced
      ? unwrap(await fhir.GET('/Medication/{id}', { params: { path: { id: referenced } }, signal })).code
      : medication.concept;
    const batch = {
      ...(input.batch.lotNumber ? { lotNumber: input.batch.lotNumber } : {}),
      expirationDate: input.batch.expirationDate,
    };
    // A contained product is a batch of a known medicine, not a catalogue entry: it carries no identifier of its own.
    const product = { resourceType: 'Medication', id: 'batch', ...(code ? { code } : {}), batch };
    return { contained: [product as Schemas['Resource']], medication: { reference: { reference: '#batch' } } };
  }

  async function listForPrescription(prescriptionId: string, options?: { signal?: AbortSignal }) {
    const bundle = unwrap(
      await fhir.GET('/MedicationDispense', {
        params: { query: { prescription: `MedicationRequest/${prescriptionId}`, _sort: 'date', _count: 100 } },
        signal: options?.signal,
      }),
    );
    return resourcesOf<MedicationDispense>(bundle as Bundle, 'MedicationDispense');
  }

  return {
    async create(input, options) {
      checkInput(input);
      const prescription = await prescriptionOf(input, options?.signal);
      const unit = prescription.dispenseRequest?.quantity;
      const dispense: MedicationDispense = {
        resourceType: 'MedicationDispense',
        meta: { profile: [profiles.canonicals.MedicationDispense ?? ''] },
        status: 'completed',
        category: [{ coding: [{ system: DISPENSE_ADMIN_LOCATION_SYSTEM, code: 'outpatient' }] }],
        ...(await medicationOf(input, prescription, options?.signal)),
        subject: { reference: prescription.subject.reference },
        authorizingPrescription: [{ reference: `MedicationRequest/${prescription.id ?? ''}` }],
        quantity: {
          value: input.quantity,
          ...(unit?.unit ? { unit: unit.unit } : {}),
          ...(unit?.system ? { system: unit.system } : {}),
          ...(unit?.code ? { code: unit.code } : {}),
        },
        whenHandedOver: input.whenHandedOver ?? new Date().toISOString(),
        ...(input.note?.trim() ? { note: [{ text: input.note.trim() }] } : {}),
      } as MedicationDispense;
      return writesOf(context).write<MedicationDispense>(
        { method: 'POST', path: '/fhir/MedicationDispense', body: dispense },
        options,
      );
    },

    listForPrescription,

    async remaining(prescriptionId, options) {
      const [prescription, dispenses] = await Promise.all([
        readPrescription(prescriptionId, options?.signal),
        listForPrescription(prescriptionId, options),
      ]);
      const prescribed = prescription.dispenseRequest?.quantity?.value;
      const dispensed = dispenses
        .filter((dispense) => dispense.status === 'completed')
        .reduce((total, dispense) => total + (dispense.quantity?.value ?? 0), 0);
      const open = prescription.status === 'active' && prescribed !== undefined;
      return {
        prescribed,
        dispensed,
        remaining: open ? Math.max(0, prescribed - dispensed) : 0,
        unit: prescription.dispenseRequest?.quantity?.unit,
        prescription,
      };
    },
  };
}
