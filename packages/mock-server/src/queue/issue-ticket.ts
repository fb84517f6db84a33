import { recordAudit } from '../audit/audit-log.js';
import { caller, type Handler } from '../handler.js';
import { HttpError } from '../http/http-error.js';
import { idempotent } from '../http/idempotency.js';
import { codedIssue } from '../http/outcome.js';
import { assertWorksAt } from './access.js';
import { WaitingLine } from './queue-order.js';
import { canonicalReference, patientOfAppointment, resolveReference } from './references.js';
import { bodyOf } from './request.js';
import { openNow, requireService } from './services.js';
import { issueTicketIn } from './ticket-issuer.js';
import type { QueueReference, TicketPriority } from './ticket-record.js';
import { ticketView } from './ticket-view.js';

interface IssueTicketRequest {
  priority: TicketPriority;
  patient: QueueReference;
  appointment: QueueReference;
  note: string;
}

/** `POST /queue/services/{serviceId}/tickets`: a walk-in (or kiosk) ticket with the service's next number. */
export const issueTicket: Handler = (context) =>
  idempotent(context, () => {
    const principal = caller(context);
    const { state } = context;
    const service = requireService(state, String(context.params.serviceId));
    assertWorksAt(principal, service);
    if (!openNow(state, service)) {
      throw new HttpError(422, [
        codedIssue(
          'business-rule',
          'service-closed',
          'This queue is closed now: it issues no tickets outside its hours.',
        ),
      ]);
    }
    const body = bodyOf<IssueTicketRequest>(context);
    const appointment = body.appointment
      ? resolveReference(state, body.appointment, 'Appointment', 'appointment')
      : undefined;
    let patient = appointment ? patientOfAppointment(appointment) : undefined;
    if (body.patient) {
      const resolved = resolveReference(state, body.patient, 'Patient', 'patient');
      patient = canonicalReference('Patient', resolved.id, body.patient.display);
    }
    const ticket = issueTicketIn(state, service, {
      priority: body.priority ?? 'normal',
      ...(patient ? { patient } : {}),
      ...(appointment
        ? {
            appointment: canonicalReference('Appointment', appointment.id),
            bookedStart: typeof appointment.start === 'string' ? appointment.start : null,
          }
        : {}),
      ...(body.note ? { note: body.note } : {}),
    });
    if (patient?.reference) {
      recordAudit(
        state.store,
        {
          principal,
          interaction: 'create',
          patientId: patient.reference.slice('Patient/'.length),
          outcome: 'success',
          purpose: `queue ticket ${ticket.number}`,
        },
        state.now(),
      );
    }
    return {
      status: 201,
      body: ticketView(ticket, 'staff', new WaitingLine(state, service).placeOf(ticket.id)),
      headers: { Location: `${context.origin}/queue/tickets/${ticket.id}` },
    };
  });
