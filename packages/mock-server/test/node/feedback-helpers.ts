import { randomUUID } from 'node:crypto';
import type { Harness } from './harness.js';

export const QUESTIONNAIRE = 'https://dhp.uz/fhir/core/Questionnaire/PatientSatisfactionQuestionnaire';
export const ANSWERS = 'https://terminology.dhp.uz/fhir/core/CodeSystem/patient-satisfaction-cs';
export const WAITING_ROOM = 'loc-yunusobod-waiting-room';

export interface ResponseItem {
  linkId: string;
  text?: string;
  answer?: ({ item?: ResponseItem[] } & Record<string, unknown>)[];
  item?: ResponseItem[];
}

const coded = (linkId: string, code: string, children?: ResponseItem[]): ResponseItem => ({
  linkId,
  answer: [{ valueCoding: { system: ANSWERS, code }, ...(children ? { item: children } : {}) }],
});

export interface Choices {
  appointment?: string;
  wait?: string;
  competence?: string;
  info?: string;
  questions?: string;
  /** "Other (please specify)" under the appointment question. */
  appointmentOther?: string;
  suggestion?: string;
}

/** A complete, valid answer set to the national questionnaire. */
export function answers(choices: Choices = {}): ResponseItem[] {
  const items: ResponseItem[] = [
    coded(
      'appointment-method',
      choices.appointment ?? 'remote',
      choices.appointmentOther === undefined
        ? undefined
        : [{ linkId: 'appointment-method-other', answer: [{ valueString: choices.appointmentOther }] }],
    ),
    coded('wait-time', choices.wait ?? '10-15min'),
    coded('doctor-competence-satisfaction', choices.competence ?? 'fully-satisfied'),
    coded('health-info-completeness', choices.info ?? 'yes-complete'),
    coded('questions-answered', choices.questions ?? 'yes-complete'),
  ];
  if (choices.suggestion !== undefined) {
    items.push({ linkId: 'improvement-suggestions', answer: [{ valueString: choices.suggestion }] });
  }
  return items;
}

export function questionnaireResponse(items: ResponseItem[] = answers(), extra: Record<string, unknown> = {}) {
  return {
    resourceType: 'QuestionnaireResponse',
    meta: { profile: ['https://dhp.uz/fhir/core/StructureDefinition/uz-core-questionnaire-response'] },
    questionnaire: QUESTIONNAIRE,
    status: 'completed',
    item: items,
    ...extra,
  };
}

export interface CreatedLink {
  token: string;
  url: string;
  expiresAt: string;
  locationId: string;
  encounterId?: string;
  questionnaire: string;
}

export function createLinkRequest(h: Harness, bearer: string, body: Record<string, unknown>, key = randomUUID()) {
  return fetch(`${h.url}/feedback/links`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
  });
}

/** A fresh link (fails the test when it cannot be made). */
export async function createLink(
  h: Harness,
  bearer: string,
  body: Record<string, unknown> = { locationId: WAITING_ROOM },
): Promise<CreatedLink> {
  const response = await createLinkRequest(h, bearer, body);
  const created = (await response.json()) as CreatedLink;
  if (response.status !== 201) throw new Error(`link not created: ${response.status} ${JSON.stringify(created)}`);
  h.assertMatchesContract('createFeedbackLink', response, created);
  return created;
}

export function submit(
  h: Harness,
  token: string,
  submission: Record<string, unknown>,
  options: { key?: string; language?: string } = {},
) {
  return fetch(`${h.url}/feedback/links/${token}/responses`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': options.key ?? randomUUID(),
      ...(options.language ? { 'Accept-Language': options.language } : {}),
    },
    body: JSON.stringify(submission),
  });
}

/** Creates a link and submits one response with it; returns the receipt status. */
export async function respond(
  h: Harness,
  bearer: string,
  submission: Record<string, unknown>,
  locationId = WAITING_ROOM,
): Promise<number> {
  const link = await createLink(h, bearer, { locationId });
  const response = await submit(h, link.token, submission);
  await response.body?.cancel();
  if (response.status !== 201) throw new Error(`feedback not stored: ${response.status}`);
  return response.status;
}

/** Body and Shifo error code of a refusal. */
export async function refusalOf(response: Response) {
  const body = (await response.json()) as {
    resourceType?: string;
    issue: {
      code: string;
      diagnostics?: string;
      expression?: string[];
      details?: { coding?: { system: string; code: string }[]; text?: string };
    }[];
  };
  if (body.resourceType !== 'OperationOutcome')
    throw new Error(`expected an OperationOutcome: ${JSON.stringify(body)}`);
  return { body, shifoCodes: body.issue.flatMap((issue) => issue.details?.coding?.map((c) => c.code) ?? []) };
}
