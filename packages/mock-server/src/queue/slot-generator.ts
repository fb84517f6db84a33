/**
 * Bookable FHIR Slots generated from the queue services' schedules (14 days from "today" of the seed), so that
 * online booking has something to book. UZ Core has no Slot profile, so slots carry no `meta.profile`
 * (docs/contract.md §2). `schedule` is `Schedule/<serviceId>`: check-in finds the queue of a booking through it.
 */
import type { FhirResource, QueueService, Seed } from '../seed/types.js';
import { compactTime, localInstant, tashkentDateTime } from './clock.js';

const SNOMED = 'http://snomed.info/sct';
/** Who serves the slot and where: a Slot has no actor of its own in FHIR R5 (its Schedule has). */
export const SLOT_PRACTITIONER_ROLE_URL = 'https://shifo.uz/fhir/StructureDefinition/slot-practitioner-role';
export const SLOT_LOCATION_URL = 'https://shifo.uz/fhir/StructureDefinition/slot-location';

/** SNOMED CT specialty of each kind of service (the last part of its id, `qs-<facility>-<kind>`). */
const SPECIALTY: Readonly<Record<string, { code: string; display: string }>> = {
  therapist: { code: '394802001', display: 'General medicine' },
  lab: { code: '394915009', display: 'General pathology' },
  pediatrician: { code: '394537008', display: 'Pediatric specialty' },
  dentist: { code: '394812008', display: 'Dental medicine specialties' },
  gynecologist: { code: '394586005', display: 'Gynecology' },
  cardiologist: { code: '394579002', display: 'Cardiology' },
  surgeon: { code: '394609007', display: 'General surgery' },
};

function minutes(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

function hhmm(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function specialtyOf(service: QueueService): { code: string; display: string } | undefined {
  return SPECIALTY[service.id.split('-').at(-1) ?? ''];
}

/** `Slot.serviceType`: the specialty code (searchable with `service-type`) and the service's name. */
function serviceType(service: QueueService) {
  const specialty = specialtyOf(service);
  return [
    {
      concept: {
        ...(specialty ? { coding: [{ system: SNOMED, ...specialty }] } : {}),
        // Localised names come from `GET /queue/services`; thousands of slots stay small without translations.
        text: service.name.uz,
      },
    },
  ];
}

/** Free slots of every working block of every service. */
export function buildSlots(seed: Seed): FhirResource[] {
  const byId = new Map(
    seed.resources
      .filter((r) => r.resourceType === 'Location' || r.resourceType === 'PractitionerRole')
      .map((r) => [`${r.resourceType}/${r.id}`, r]),
  );
  const slots: FhirResource[] = [];
  for (const service of seed.queueServices) {
    const specialty = specialtyOf(service);
    for (const block of service.schedules) {
      const room = byId.get(`Location/${block.roomId}`);
      const roomLabel = (room?.alias as string[] | undefined)?.[0] ?? block.roomId;
      const role = byId.get(`PractitionerRole/${block.practitionerRoleId}`);
      const practitioner = (role?.practitioner as { display?: string } | undefined)?.display;
      const end = minutes(block.end);
      for (let at = minutes(block.start); at + block.slotMinutes <= end; at += block.slotMinutes) {
        const start = hhmm(at);
        slots.push({
          resourceType: 'Slot',
          id: `slot-${service.id.replace(/^qs-/, '')}-${block.date.replaceAll('-', '')}-${compactTime(start)}-${roomLabel}`,
          extension: [
            {
              url: SLOT_PRACTITIONER_ROLE_URL,
              valueReference: {
                reference: `PractitionerRole/${block.practitionerRoleId}`,
                ...(practitioner ? { display: practitioner } : {}),
              },
            },
            {
              url: SLOT_LOCATION_URL,
              valueReference: {
                reference: `Location/${block.roomId}`,
                ...(typeof room?.name === 'string' ? { display: room.name } : {}),
              },
            },
          ],
          serviceType: serviceType(service),
          ...(specialty ? { specialty: [{ coding: [{ system: SNOMED, ...specialty }] }] } : {}),
          schedule: { reference: `Schedule/${service.id}`, display: service.name.uz },
          status: 'free',
          start: tashkentDateTime(localInstant(block.date, start)),
          end: tashkentDateTime(localInstant(block.date, hhmm(at + block.slotMinutes))),
        });
      }
    }
  }
  return slots;
}
