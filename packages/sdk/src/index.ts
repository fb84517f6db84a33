export { createShifoClient, type ShifoClient, type ShifoClientOptions } from './client.js';
export { createShifoCore, type ShifoCore } from './core.js';
export type { ClientContext } from './client-context.js';
export type { WriteChannel, WriteOptions, WriteResult } from './writes/write-channel.js';
export { writesOf } from './writes/writes-of.js';
export { createPatientsApi } from './patients.js';
export { createPatientLookupApi, type PatientLookupApi } from './patient-lookup.js';
export type { AuthOption, AuthProvider } from './auth/auth-provider.js';
export { clientCredentials, type ClientCredentialsOptions } from './auth/client-credentials.js';
export { pkce, type PkceAuth, type PkceOptions, type RedirectStorage } from './auth/pkce.js';
export type { RenewingAuthProvider } from './auth/token-source.js';
export { ShifoError, isShifoError, SHIFO_ERROR_SYSTEM, type ShifoErrorKind } from './errors/shifo-error.js';
export { outcomeText } from './errors/from-response.js';
export { describeError } from './errors/describe-error.js';
export type { MessageLocale } from './errors/messages.js';
export type { FetchLike } from './transport/attempt.js';
export { isSafeToRetry, type RetryOptions } from './transport/retry-policy.js';
export { defaultProfiles, resolveProfiles, type ShifoProfiles } from './fhir/profiles.js';
export type { FhirPaths, ShifoPaths } from './fhir/paths.js';
export type { Bundle, HumanName, Identifier, OperationOutcome, Patient, Schemas } from './fhir/types.js';
export type { PatientsApi } from './patients.js';
export { maskIdentifier } from './display/mask.js';
export { ageInYears } from './display/age.js';
export { displayName, formatHumanName } from './display/name.js';
export { findIdentifier } from './display/identifiers.js';
export * from './utils.js';
export * from './offline/index.js';
export { parseSummary } from './summary/parse-summary.js';
export { DISPENSED_QUANTITY_URL, withDispensedQuantity } from './summary/dispensed-quantity.js';
export type * from './summary/types.js';
// Clinical task helpers: patients search, prescriptions, dispenses, medications, terminology.
export type { IdentityDocumentKind, PatientSearchQuery, PatientSearchResult } from './patients.js';
export { normalizeBirthCertificateNumber, normalizePassportNumber } from './clinical/identity-documents.js';
export { createPrescriptionsApi } from './prescriptions.js';
export { createDispensesApi } from './dispenses.js';
export { createMedicationsApi } from './medications.js';
export { createTerminologyApi } from './terminology.js';
export type {
  CancelPrescriptionResult,
  CreatePrescriptionResult,
  MedicationRequest,
  PrescriptionInput,
  PrescriptionsApi,
  PrescriptionStatus,
  PrescriptionStatusReason,
} from './prescriptions.js';
export type {
  AmountInput,
  ClinicalFinding,
  MedicationCodeInput,
  PrescriptionItemInput,
} from './clinical/prescription-input.js';
export { normalizePrescriptionNumber, prescriptionNumberOf } from './clinical/prescription-number.js';
export type {
  CreateDispenseResult,
  DispenseBalance,
  DispenseInput,
  DispensesApi,
  MedicationDispense,
} from './dispenses.js';
export type { Medication, MedicationSearchOptions, MedicationsApi } from './medications.js';
export type { Icd10Concept, Icd10SearchOptions, TerminologyApi, TerminologyLanguage } from './terminology.js';
// Queue, appointments, feedback and audit helpers.
export { createQueueApi } from './queue/queue-api.js';
export type {
  IssueTicketOptions,
  IssueTicketResult,
  QueueApi,
  TicketMoveOptions,
  TicketTransferOptions,
} from './queue/queue-api.js';
export type {
  QueueSubscribeOptions,
  QueueSubscription,
  QueueSubscriptionState,
  QueueTarget,
} from './queue/subscribe.js';
export type * from './queue/types.js';
export { createAppointmentsApi } from './appointments.js';
export type { Appointment, AppointmentsApi, BookOptions, FreeSlotsQuery, Slot } from './appointments.js';
export { createFeedbackApi } from './feedback.js';
export type {
  CreateFeedbackLinkOptions,
  FeedbackApi,
  FeedbackLink,
  FeedbackLinkInfo,
  FeedbackReceipt,
  FeedbackStats,
  FeedbackSubmission,
  FeedbackSubmitResult,
  Questionnaire,
} from './feedback.js';
export { accessRecordOf, createAuditApi } from './audit.js';
export type { AccessAction, AccessRecord, AuditApi, AuditEvent, AuditQuery } from './audit.js';
