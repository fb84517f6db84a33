// Page for bench/card-paint.mjs: mounts <shifo-patient-card> with a summary already in memory and times the paint.
import '@shifo/components/define/shifo-patient-card.js';
import type { ShifoPatientCard } from '@shifo/components';
import { createShifoClient, type PatientSummary, type ShifoClient } from '@shifo/sdk';

export interface CardPaintInput {
  baseUrl: string;
  token: string;
  patientId: string;
  runs: number;
}

export interface CardPaintFigures {
  /** Entries per summary section, to say what was painted. */
  entries: Record<string, number>;
  /** Mount → the frame after `updateComplete`, per run. */
  paintMs: number[];
  /** Long tasks (> 50 ms) during each run, summed. */
  longTaskMs: number[];
  /** Elements in the card's shadow root after the last run. */
  shadowElements: number;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Entries per section; results count panel members too (they are rows of the card). */
function entryCounts(summary: PatientSummary): Record<string, number> {
  const { sections } = summary;
  return {
    allergies: sections.allergies.entries.length,
    problems: sections.problems.entries.length,
    medications: sections.medications.entries.length,
    results: sections.results.entries.reduce((sum, entry) => sum + 1 + entry.members.length, 0),
    vitalSigns: sections.vitalSigns.entries.length,
    encounters: sections.encounters.entries.length,
  };
}

async function run(input: CardPaintInput): Promise<CardPaintFigures> {
  const client = createShifoClient({ baseUrl: input.baseUrl, auth: () => input.token });
  const summary = await client.patients.summary(input.patientId);
  // The data is available: the card's client answers from memory, so only the card's own work is timed.
  const prefetched: ShifoClient = {
    ...client,
    patients: { ...client.patients, summary: () => Promise.resolve(summary) },
  };
  const longTasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask' });
  const paintMs: number[] = [];
  const longTaskMs: number[] = [];
  let shadowElements = 0;
  for (let index = 0; index < input.runs; index += 1) {
    await nextFrame();
    const card = document.createElement('shifo-patient-card') as ShifoPatientCard;
    card.client = prefetched;
    card.patientId = input.patientId;
    const started = performance.now();
    document.body.append(card);
    await card.updateComplete;
    await nextFrame();
    await nextFrame();
    const ended = performance.now();
    paintMs.push(ended - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
    longTasks.push(...observer.takeRecords());
    longTaskMs.push(
      longTasks
        .filter((task) => task.startTime >= started - 1 && task.startTime < ended)
        .reduce((sum, task) => sum + task.duration, 0),
    );
    shadowElements = card.shadowRoot?.querySelectorAll('*').length ?? 0;
    card.remove();
  }
  observer.disconnect();
  return { entries: entryCounts(summary), paintMs, longTaskMs, shadowElements };
}

(globalThis as unknown as { benchCardPaint: typeof run }).benchCardPaint = run;
