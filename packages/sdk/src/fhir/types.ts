import type { components } from '../generated/shifo-api.js';

/** FHIR R5 resource and datatype shapes, as the contract describes them (the subset Shifo uses; others allowed). */
export type Schemas = components['schemas'];
export type Patient = Schemas['Patient'];
export type Bundle = Schemas['Bundle'];
export type OperationOutcome = Schemas['OperationOutcome'];
export type HumanName = NonNullable<Patient['name']>[number];
export type Identifier = NonNullable<Patient['identifier']>[number];
