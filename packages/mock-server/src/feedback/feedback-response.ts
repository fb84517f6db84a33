/** Friends and Family Test answers, best first (DOMAIN.md "Patient feedback"). */
export const RATINGS = ['very-good', 'good', 'neither', 'poor', 'very-poor', 'dont-know'] as const;
export type Rating = (typeof RATINGS)[number];

/** HCAT complaint groups plus Shifo's own; `informal-payment` is confidential (admins only). */
export const COMPLAINT_CATEGORIES = [
  'quality',
  'safety',
  'environment',
  'institutional-processes',
  'listening',
  'communication',
  'respect-and-rights',
  'waiting-time',
  'informal-payment',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** Shown only to the facility administrator: 15% of citizens report informal payments in primary care. */
export const CONFIDENTIAL_CATEGORY: ComplaintCategory = 'informal-payment';

export const FEEDBACK_RESPONSE_TYPE = 'x-FeedbackResponse';

/**
 * What Shifo keeps beside the FHIR QuestionnaireResponse of one submission: the quick rating and complaints,
 * which the national questionnaire has no items for. Anonymous like the response itself.
 */
export interface FeedbackResponseRecord {
  resourceType: typeof FEEDBACK_RESPONSE_TYPE;
  /** The receipt id the submitter got. */
  id: string;
  /** The `x-FeedbackLink` used. */
  linkId: string;
  locationId: string;
  facilityId?: string;
  questionnaire: string;
  questionnaireResponseId: string;
  /** ISO instant the server accepted it. */
  receivedAt: string;
  rating?: Rating;
  complaints: ComplaintCategory[];
  complaintText?: string;
}
