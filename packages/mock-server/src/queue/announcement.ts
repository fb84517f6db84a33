import type { Language } from '../http/language.js';

/** What a waiting-room screen reads aloud: the ticket number and the room. */
export function announcement(number: string, room: string, language: Language): string {
  switch (language) {
    case 'uz-Cyrl':
      return `${number}, ${room}-хона`;
    case 'ru':
      return `${number}, кабинет ${room}`;
    case 'en':
      return `${number}, room ${room}`;
    default:
      return `${number}, ${room}-xona`;
  }
}
