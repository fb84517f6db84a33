import type { Principal } from './principal.js';

/** Languages of the sign-in page: Uzbek (Latin) by default, Russian and English on request. */
export type SignInLocale = 'uz' | 'ru' | 'en';

export const SIGN_IN_LOCALES: readonly SignInLocale[] = ['uz', 'ru', 'en'];

export interface SignInTexts {
  /** The language's name in itself, for the language switch. */
  languageName: string;
  title: string;
  heading: string;
  intro(clientName: string): string;
  user: string;
  role: string;
  facility: string;
  signIn: string;
  cancel: string;
  languages: string;
  unknownUser(username: string): string;
  errorHeading: string;
  errorIntro: string;
  errorDetails: string;
  roles: Record<Principal['role'], string>;
}

// Uzbek Latin: oʻ/gʻ with U+02BB, the tutuq belgisi with U+02BC.
export const SIGN_IN_TEXTS: Record<SignInLocale, SignInTexts> = {
  uz: {
    languageName: 'Oʻzbekcha',
    title: 'Shifo demo — kirish',
    heading: 'Demo foydalanuvchi sifatida kirish',
    intro: (client) =>
      `«${client}» ilovasi siz nomingizdan ishlashga ruxsat soʻramoqda. Bu sinov serveri: parol kerak emas, foydalanuvchini tanlang.`,
    user: 'Foydalanuvchi',
    role: 'Rol',
    facility: 'Muassasa',
    signIn: 'Kirish',
    cancel: 'Bekor qilish',
    languages: 'Til',
    unknownUser: (username) => `Bunday demo foydalanuvchi yoʻq: ${username}`,
    errorHeading: 'Kirish imkonsiz',
    errorIntro: 'Ilova notoʻgʻri soʻrov yubordi, shuning uchun sizni unga qaytarmaymiz.',
    errorDetails: 'Tafsilotlar',
    roles: {
      doctor: 'Shifokor',
      nurse: 'Hamshira',
      registrar: 'Registrator',
      pharmacist: 'Farmatsevt',
      patient: 'Bemor',
      admin: 'Administrator',
      display: 'Navbat ekrani',
      system: 'Tizim',
    },
  },
  ru: {
    languageName: 'Русский',
    title: 'Shifo демо — вход',
    heading: 'Вход под демо-пользователем',
    intro: (client) =>
      `Приложение «${client}» просит разрешения действовать от вашего имени. Это тестовый сервер: пароль не нужен, выберите пользователя.`,
    user: 'Пользователь',
    role: 'Роль',
    facility: 'Учреждение',
    signIn: 'Войти',
    cancel: 'Отмена',
    languages: 'Язык',
    unknownUser: (username) => `Нет такого демо-пользователя: ${username}`,
    errorHeading: 'Вход невозможен',
    errorIntro: 'Приложение отправило неверный запрос, поэтому мы не возвращаем вас в него.',
    errorDetails: 'Подробности',
    roles: {
      doctor: 'Врач',
      nurse: 'Медсестра',
      registrar: 'Регистратор',
      pharmacist: 'Фармацевт',
      patient: 'Пациент',
      admin: 'Администратор',
      display: 'Экран очереди',
      system: 'Система',
    },
  },
  en: {
    languageName: 'English',
    title: 'Shifo demo — sign in',
    heading: 'Sign in as a demo user',
    intro: (client) =>
      `“${client}” asks to act on your behalf. This is a test server: no password is needed, choose a user.`,
    user: 'User',
    role: 'Role',
    facility: 'Facility',
    signIn: 'Sign in',
    cancel: 'Cancel',
    languages: 'Language',
    unknownUser: (username) => `No such demo user: ${username}`,
    errorHeading: 'Sign-in is not possible',
    errorIntro: 'The application sent an invalid request, so you are not sent back to it.',
    errorDetails: 'Details',
    roles: {
      doctor: 'Doctor',
      nurse: 'Nurse',
      registrar: 'Registrar',
      pharmacist: 'Pharmacist',
      patient: 'Patient',
      admin: 'Administrator',
      display: 'Queue display',
      system: 'System',
    },
  },
};

function supported(tag: string): SignInLocale | undefined {
  const primary = tag.trim().toLowerCase().split('-')[0] ?? '';
  return SIGN_IN_LOCALES.find((locale) => locale === primary);
}

/** `Accept-Language` tags, best first (`ru-RU,ru;q=0.9,en;q=0.5`). */
function acceptedLanguages(header: string): string[] {
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

/** OpenID Connect's `ui_locales` first, then `Accept-Language`, else Uzbek. */
export function negotiateSignInLocale(uiLocales: string | undefined, acceptLanguage: string | undefined): SignInLocale {
  for (const tag of (uiLocales ?? '').split(' ').filter(Boolean)) {
    const locale = supported(tag);
    if (locale) return locale;
  }
  for (const tag of acceptedLanguages(acceptLanguage ?? '')) {
    const locale = supported(tag);
    if (locale) return locale;
  }
  return 'uz';
}
