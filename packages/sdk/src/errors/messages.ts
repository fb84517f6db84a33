import type { ShifoErrorKind } from './shifo-error.js';

/** The languages the SDK speaks: Uzbek (Latin, the default; Cyrillic), Russian, English. */
export type MessageLocale = 'uz' | 'uz-Cyrl' | 'ru' | 'en';

/** Maps a BCP 47 tag (`uz-Latn-UZ`, `ru-RU`, `uz-Cyrl`) to one of the four, or `undefined` for other languages. */
export function messageLocale(tag: string | undefined): MessageLocale | undefined {
  const parts = (tag ?? '').toLowerCase().split(/[-_]/);
  if (parts[0] === 'uz') return parts.includes('cyrl') ? 'uz-Cyrl' : 'uz';
  if (parts[0] === 'ru' || parts[0] === 'en') return parts[0];
  return undefined;
}

/** One phrase per error kind, in each language: [uz, uz-Cyrl, ru, en]. */
export const kindMessages: Record<ShifoErrorKind, readonly [string, string, string, string]> = {
  network: [
    'Server bilan bogʻlanib boʻlmadi. Aloqani tekshirib, qayta urinib koʻring.',
    'Сервер билан боғланиб бўлмади. Алоқани текшириб, қайта уриниб кўринг.',
    'Не удалось связаться с сервером. Проверьте подключение и повторите попытку.',
    'The server could not be reached. Check the connection and try again.',
  ],
  timeout: [
    'Server oʻz vaqtida javob bermadi. Qayta urinib koʻring.',
    'Сервер ўз вақтида жавоб бермади. Қайта уриниб кўринг.',
    'Сервер не ответил вовремя. Повторите попытку.',
    'The server did not answer in time. Try again.',
  ],
  offline: [
    'Internetga ulanish yoʻq. Aloqa tiklangach, qayta urinib koʻring.',
    'Интернетга уланиш йўқ. Алоқа тиклангач, қайта уриниб кўринг.',
    'Нет подключения к сети. Повторите попытку, когда связь восстановится.',
    'You are offline. Try again when the connection is back.',
  ],
  auth: [
    'Seans tugadi. Tizimga qaytadan kiring.',
    'Сеанс тугади. Тизимга қайтадан киринг.',
    'Сеанс завершён. Войдите в систему снова.',
    'Your session has ended. Please sign in again.',
  ],
  forbidden: [
    'Bu amal uchun sizda ruxsat yoʻq.',
    'Бу амал учун сизда рухсат йўқ.',
    'У вас нет прав на это действие.',
    'You are not allowed to do this.',
  ],
  'not-found': [
    'Soʻralgan yozuv topilmadi.',
    'Сўралган ёзув топилмади.',
    'Запрошенная запись не найдена.',
    'The requested record was not found.',
  ],
  conflict: [
    'Yozuv shu orada oʻzgargan. Uni yangilab, qayta urinib koʻring.',
    'Ёзув шу орада ўзгарган. Уни янгилаб, қайта уриниб кўринг.',
    'Запись тем временем изменилась. Обновите её и повторите попытку.',
    'The record has changed in the meantime. Reload it and try again.',
  ],
  invalid: [
    'Baʼzi maʼlumotlar notoʻgʻri. Ularni tekshirib, qayta yuboring.',
    'Баъзи маълумотлар нотўғри. Уларни текшириб, қайта юборинг.',
    'Некоторые данные указаны неверно. Проверьте их и отправьте снова.',
    'Some of the data is not valid. Check it and send again.',
  ],
  'business-rule': [
    'Soʻrov tibbiy yozuvlar tizimi qoidalariga koʻra rad etildi.',
    'Сўров тиббий ёзувлар тизими қоидаларига кўра рад этилди.',
    'Запрос отклонён по правилам системы медицинских записей.',
    'The health record system refused the request under one of its rules.',
  ],
  server: [
    'Server soʻrovni bajara olmadi. Birozdan soʻng qayta urinib koʻring.',
    'Сервер сўровни бажара олмади. Бироздан сўнг қайта уриниб кўринг.',
    'Сервер не смог выполнить запрос. Повторите попытку чуть позже.',
    'The server could not complete the request. Try again shortly.',
  ],
};

export const localeIndex: Record<MessageLocale, 0 | 1 | 2 | 3> = { uz: 0, 'uz-Cyrl': 1, ru: 2, en: 3 };
