/** Who is calling: a person signed in with a role, or a hospital back end (`system`). */
export interface Principal {
  /** Demo user id or OAuth client id. */
  id: string;
  role: 'doctor' | 'nurse' | 'registrar' | 'pharmacist' | 'patient' | 'admin' | 'display' | 'system';
  displayName: string;
  facilityId?: string;
  /** For `patient`: the Patient they are. */
  patientId?: string;
  /** For `display`: the waiting-room location they may show. */
  locationId?: string;
  /** For staff: their PractitionerRole, used as the AuditEvent agent. */
  practitionerRoleId?: string;
  scopes: string[];
}
