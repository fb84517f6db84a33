import type { Language } from '../http/language.js';

type Message = Record<Language, string>;

/**
 * Texts of the feedback refusals, in every language the form speaks: the patient reads them on their phone.
 * `{item}` is replaced by the question's linkId.
 */
export const MESSAGES = {
  linkUnknown: {
    uz: 'Havola topilmadi yoki yaroqsiz.',
    'uz-Cyrl': 'Ҳавола топилмади ёки яроқсиз.',
    ru: 'Ссылка не найдена или недействительна.',
    en: 'This feedback link is not valid.',
  },
  linkUsed: {
    uz: 'Bu havola orqali javob allaqachon yuborilgan.',
    'uz-Cyrl': 'Бу ҳавола орқали жавоб аллақачон юборилган.',
    ru: 'По этой ссылке ответ уже отправлен.',
    en: 'A response was already submitted with this link.',
  },
  linkExpired: {
    uz: 'Havolaning amal qilish muddati tugagan.',
    'uz-Cyrl': 'Ҳаволанинг амал қилиш муддати тугаган.',
    ru: 'Срок действия ссылки истёк.',
    en: 'This feedback link has expired.',
  },
  questionnaireUnavailable: {
    uz: 'Soʻrovnoma topilmadi.',
    'uz-Cyrl': 'Сўровнома топилмади.',
    ru: 'Опросник не найден.',
    en: 'The questionnaire of this link is not available.',
  },
  wrongQuestionnaire: {
    uz: 'Javoblar boshqa soʻrovnomaga tegishli.',
    'uz-Cyrl': 'Жавоблар бошқа сўровномага тегишли.',
    ru: 'Ответы относятся к другому опроснику.',
    en: 'The answers are for another questionnaire.',
  },
  notCompleted: {
    uz: 'Soʻrovnoma yakunlanmagan (status: completed kerak).',
    'uz-Cyrl': 'Сўровнома якунланмаган (status: completed керак).',
    ru: 'Опросник не завершён (нужен status: completed).',
    en: 'Submit a completed questionnaire response (status: completed).',
  },
  missingRequired: {
    uz: 'Majburiy savolga javob berilmagan: {item}.',
    'uz-Cyrl': 'Мажбурий саволга жавоб берилмаган: {item}.',
    ru: 'Нет ответа на обязательный вопрос: {item}.',
    en: 'The required question {item} is not answered.',
  },
  unknownItem: {
    uz: 'Soʻrovnomada bunday savol yoʻq: {item}.',
    'uz-Cyrl': 'Сўровномада бундай савол йўқ: {item}.',
    ru: 'В опроснике нет такого вопроса: {item}.',
    en: 'The questionnaire has no question {item}.',
  },
  duplicateItem: {
    uz: 'Savol takrorlangan: {item}.',
    'uz-Cyrl': 'Савол такрорланган: {item}.',
    ru: 'Вопрос повторяется: {item}.',
    en: 'The question {item} appears more than once.',
  },
  notAnOption: {
    uz: 'Javob ruxsat etilgan variantlardan emas: {item}.',
    'uz-Cyrl': 'Жавоб рухсат этилган вариантлардан эмас: {item}.',
    ru: 'Ответ не входит в допустимые варианты: {item}.',
    en: 'The answer to {item} is not one of its options.',
  },
  wrongType: {
    uz: 'Javob turi notoʻgʻri: {item}.',
    'uz-Cyrl': 'Жавоб тури нотўғри: {item}.',
    ru: 'Неверный тип ответа: {item}.',
    en: 'The answer to {item} has the wrong type.',
  },
  singleAnswer: {
    uz: 'Bu savolga faqat bitta javob beriladi: {item}.',
    'uz-Cyrl': 'Бу саволга фақат битта жавоб берилади: {item}.',
    ru: 'На этот вопрос допускается только один ответ: {item}.',
    en: 'The question {item} takes a single answer.',
  },
  tooLong: {
    uz: 'Javob juda uzun: {item}.',
    'uz-Cyrl': 'Жавоб жуда узун: {item}.',
    ru: 'Слишком длинный ответ: {item}.',
    en: 'The answer to {item} is too long.',
  },
  misplacedChildren: {
    uz: 'Ichki savollarning javoblari answer.item ichida boʻlishi kerak: {item}.',
    'uz-Cyrl': 'Ички саволларнинг жавоблари answer.item ичида бўлиши керак: {item}.',
    ru: 'Ответы на вложенные вопросы должны быть в answer.item: {item}.',
    en: 'Answers to the questions under {item} belong in answer.item.',
  },
  locationUnknown: {
    uz: 'Bunday joy (Location) yoʻq.',
    'uz-Cyrl': 'Бундай жой (Location) йўқ.',
    ru: 'Такого места (Location) нет.',
    en: 'There is no such Location.',
  },
  locationInactive: {
    uz: 'Bu joy (Location) faol emas.',
    'uz-Cyrl': 'Бу жой (Location) фаол эмас.',
    ru: 'Это место (Location) не активно.',
    en: 'This Location is not active.',
  },
  encounterUnknown: {
    uz: 'Bunday tashrif (Encounter) yoʻq.',
    'uz-Cyrl': 'Бундай ташриф (Encounter) йўқ.',
    ru: 'Такого визита (Encounter) нет.',
    en: 'There is no such Encounter.',
  },
  encounterElsewhere: {
    uz: 'Tashrif boshqa muassasada boʻlgan.',
    'uz-Cyrl': 'Ташриф бошқа муассасада бўлган.',
    ru: 'Визит состоялся в другом учреждении.',
    en: 'The Encounter took place at another facility.',
  },
  otherFacility: {
    uz: 'Bu joy boshqa muassasaga tegishli.',
    'uz-Cyrl': 'Бу жой бошқа муассасага тегишли.',
    ru: 'Это место относится к другому учреждению.',
    en: 'This Location belongs to another facility.',
  },
  periodReversed: {
    uz: '"from" sanasi "to" sanasidan keyin boʻlmasligi kerak.',
    'uz-Cyrl': '"from" санаси "to" санасидан кейин бўлмаслиги керак.',
    ru: 'Дата "from" не может быть позже даты "to".',
    en: '"from" must not be after "to".',
  },
} satisfies Record<string, Message>;

export type MessageKey = keyof typeof MESSAGES;

/** A refusal text in one language, with `{item}` filled in. */
export function message(key: MessageKey, language: Language, item = ''): string {
  return MESSAGES[key][language].replace('{item}', item);
}
