/**
 * Demo users (one per role per facility, memorable usernames, password `demo`) and OAuth clients
 * (one confidential HIS back end per facility, one public PKCE browser client).
 */
import type { DemoClient, DemoUser } from './types.js';
import type { BuiltFacility } from './facilities.js';
import type { BuiltPatient } from './patients.js';

/** The password of every demo user. */
export const DEMO_PASSWORD = 'demo';

/** Facility ids and HIS client ids, also usable when the store is empty (`none`). */
export const FACILITY_CLIENTS = [
  { facilityId: 'org-yunusobod-polyclinic', slug: 'yunusobod', name: 'Yunusobod 41-son oilaviy poliklinikasi HIS' },
  {
    facilityId: 'org-tashkent-city-hospital',
    slug: 'tashkent-hospital',
    name: "Toshkent shahar ko'p tarmoqli klinik shifoxonasi HIS",
  },
  { facilityId: 'org-nukus-polyclinic', slug: 'nukus', name: 'Nukus 3-son oilaviy poliklinikasi HIS' },
] as const;

/** Scopes of a hospital back end (client_credentials). */
export const BACKEND_SCOPES = ['system/*.read', 'system/*.write', 'queue', 'feedback'];

/** Scopes a browser user may grant (narrowed by role). */
export const BROWSER_SCOPES = [
  'openid',
  'fhirUser',
  'user/*.read',
  'user/*.write',
  'patient/*.read',
  'queue',
  'feedback',
];

/** OAuth clients for the given facilities (all three when `facilityIds` is undefined). */
export function buildClients(facilityIds?: readonly string[]): DemoClient[] {
  const clients: DemoClient[] = FACILITY_CLIENTS.filter(
    (f) => facilityIds === undefined || facilityIds.includes(f.facilityId),
  ).map((f) => ({
    type: 'confidential' as const,
    clientId: `his-${f.slug}`,
    clientSecret: `his-${f.slug}-secret`,
    name: f.name,
    facilityId: f.facilityId,
    scopes: [...BACKEND_SCOPES],
    role: 'admin' as const,
  }));
  const ports = [4010, 5173, 8080, 3000];
  clients.push({
    type: 'public',
    clientId: 'shifo-web',
    name: 'Shifo web components (browser, PKCE)',
    redirectUris: ports.flatMap((p) => [`http://localhost:${p}/callback`, `http://127.0.0.1:${p}/callback`]),
    scopes: [...BROWSER_SCOPES],
  });
  return clients;
}

/** Which patient each patient user is. */
export interface PatientUserSpec {
  username: string;
  patient: BuiltPatient;
  facility: BuiltFacility;
}

/** Staff users (every staff member), display users (one per facility) and patient users. */
export function buildUsers(facilities: readonly BuiltFacility[], patients: readonly PatientUserSpec[]): DemoUser[] {
  const users: DemoUser[] = [];
  facilities.forEach((f, i) => {
    for (const s of Object.values(f.staff)) {
      const u: DemoUser = {
        id: `user-${s.username}`,
        username: s.username,
        password: DEMO_PASSWORD,
        role: s.role,
        displayName: s.displayName,
        facilityId: f.id,
        organizationId: s.organizationId,
        practitionerId: s.practitionerId,
        practitionerRoleId: s.roleId,
        locale: f.key === 'f3' ? 'ru' : 'uz',
      };
      const loc = s.roomId ?? (s.role === 'registrar' ? f.registryId : undefined);
      if (loc !== undefined) u.locationId = loc;
      users.push(u);
    }
    const suffix = i === 0 ? '' : String(i + 1);
    users.push({
      id: `user-display${suffix}`,
      username: `display${suffix}`,
      password: DEMO_PASSWORD,
      role: 'display',
      displayName: `Kutish zali ekrani — ${f.name.uz}`,
      facilityId: f.id,
      organizationId: f.id,
      locationId: f.waitingRoomId,
      locale: 'uz',
    });
  });
  for (const p of patients) {
    const lang = p.patient.spec.name.language;
    users.push({
      id: `user-${p.username}`,
      username: p.username,
      password: DEMO_PASSWORD,
      role: 'patient',
      displayName: p.patient.spec.name.text,
      facilityId: p.facility.id,
      patientId: p.patient.spec.id,
      locale: lang,
    });
  }
  return users;
}

/** The demo users with every binding to seeded resources removed (for the empty `none` store). */
export function unboundUsers(users: readonly DemoUser[]): DemoUser[] {
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    password: u.password,
    role: u.role,
    displayName: u.displayName,
    facilityId: u.facilityId,
    locale: u.locale,
  }));
}
