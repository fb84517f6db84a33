import { caller, type Handler } from '../../handler.js';
import { HttpError } from '../../http/http-error.js';
import { errorIssue, type OutcomeIssue } from '../../http/outcome.js';
import { accessFor } from '../access/access-guard.js';
import { recordAuditEvent } from './audit-event-of.js';

const PINFL_SYSTEM = 'https://dhp.uz/fhir/core/sid/pid/uz/ni';

/** HL7 v3 PurposeOfUse codes (v3-ActReason) a caller may give as the reason to see an identifier in full. */
const PURPOSES_OF_USE = new Set([
  'TREAT',
  'ETREAT',
  'BTG',
  'ERTREAT',
  'CAREMGT',
  'CLINTRL',
  'COC',
  'POPHLTH',
  'HPAYMT',
  'CLMATTCH',
  'COVAUTH',
  'COVERAGE',
  'ELIGDTRM',
  'ELIGVER',
  'ENROLLM',
  'REMITADV',
  'HOPERAT',
  'HACCRED',
  'HCOMPL',
  'HDECD',
  'HDIRECT',
  'HDM',
  'HLEGAL',
  'HOUTCOMS',
  'HPRGRP',
  'HQUALIMP',
  'HSYSADMIN',
  'LABELING',
  'METAMGT',
  'MEMADMIN',
  'PATADMIN',
  'PATSFTY',
  'PERFMSR',
  'RECORDMGT',
  'SYSDEV',
  'HTEST',
  'TRAIN',
  'HRESCH',
  'PATRQT',
  'FAMRQT',
  'PWATRNY',
  'SUPNWK',
  'PUBHLTH',
  'DISASTER',
  'THREAT',
  'HMARKT',
  'GOV',
  'FRAUD',
  'DONAT',
]);

interface Parameter {
  name: string;
  valueUri?: unknown;
  valueCode?: unknown;
}

interface Identifier {
  use?: string;
  system?: string;
  value?: string;
}

/** `system` and `reason` from the Parameters body; anything else is refused with the offending element named. */
function inputsOf(body: unknown): { system: string; reason: string } {
  const parameters = ((body as { parameter?: Parameter[] } | undefined)?.parameter ?? []) as Parameter[];
  const issues: OutcomeIssue[] = [];
  let system = PINFL_SYSTEM;
  let reason = 'TREAT';
  parameters.forEach((parameter, index) => {
    const at = `Parameters.parameter[${index}]`;
    if (parameter.name === 'system') {
      if (typeof parameter.valueUri === 'string' && parameter.valueUri !== '') system = parameter.valueUri;
      else issues.push(errorIssue('value', 'system is given as valueUri.', `${at}.valueUri`));
    } else if (parameter.name === 'reason') {
      if (typeof parameter.valueCode === 'string' && PURPOSES_OF_USE.has(parameter.valueCode)) {
        reason = parameter.valueCode;
      } else {
        issues.push(
          errorIssue('value', 'reason is a v3-ActReason purpose of use as valueCode, e.g. TREAT.', `${at}.valueCode`),
        );
      }
    } else {
      issues.push(errorIssue('not-supported', 'Only the parameters system and reason are understood.', `${at}.name`));
    }
  });
  if (issues.length) throw new HttpError(400, issues);
  return { system, reason };
}

/** The current identifier of a system: a superseded (`old`) one only when there is nothing else. */
function identifierOf(identifiers: Identifier[], system: string): Identifier | undefined {
  const ofSystem = identifiers.filter((identifier) => identifier.system === system);
  return ofSystem.find((identifier) => identifier.use !== 'old') ?? ofSystem[0];
}

/**
 * `POST /fhir/Patient/{id}/$reveal-identifier`: the full identifier the summary masked, for a stated reason.
 * Every reveal (and every refused one) is an AuditEvent naming who, whose and why.
 */
export const revealPatientIdentifier: Handler = (context) => {
  const principal = caller(context);
  const { state } = context;
  const id = String(context.params.id);
  const { system, reason } = inputsOf(context.body);
  const patient = state.store.read('Patient', id);
  if (!patient) throw HttpError.of(404, 'not-found', `Patient/${id} is not known.`);
  const audit = (outcome: 'success' | 'error') =>
    recordAuditEvent(
      state.store,
      { principal, interaction: 'operation', patientId: id, entity: `Patient/${id}`, outcome, purpose: reason },
      state.now(),
    );
  const refusal = accessFor(state, principal).readRefusal(patient);
  if (refusal) {
    audit('error');
    throw refusal;
  }
  const identifier = identifierOf((patient.identifier as Identifier[] | undefined) ?? [], system);
  const event = audit('success');
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store' },
    body: {
      resourceType: 'Parameters',
      parameter: [
        ...(identifier ? [{ name: 'identifier', valueIdentifier: identifier }] : []),
        { name: 'auditEvent', valueReference: { reference: `AuditEvent/${event.id}` } },
      ],
    },
  };
};
