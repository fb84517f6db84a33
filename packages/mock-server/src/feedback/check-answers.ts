import { isDeepStrictEqual } from 'node:util';
import type { IssueCode } from '../http/outcome.js';
import type { MessageKey } from './messages.js';
import { splitCanonical, type AnswerOption, type Questionnaire, type QuestionnaireItem } from './questionnaire.js';

/** One way the answers do not fit the questionnaire; `expression` names the item by linkId (FHIRPath). */
export interface AnswerProblem {
  code: IssueCode;
  message: MessageKey;
  /** The linkId the message names (empty for whole-response problems). */
  item: string;
  expression: string;
}

interface ResponseItem {
  linkId?: unknown;
  answer?: unknown;
  item?: unknown;
}

type Answer = Record<string, unknown> & { item?: unknown };

const MAX_PROBLEMS = 20;

/** The answer element each Questionnaire item type takes. */
const VALUE_KEY: Record<string, string> = {
  boolean: 'valueBoolean',
  decimal: 'valueDecimal',
  integer: 'valueInteger',
  date: 'valueDate',
  dateTime: 'valueDateTime',
  time: 'valueTime',
  string: 'valueString',
  text: 'valueString',
  url: 'valueUri',
  coding: 'valueCoding',
  attachment: 'valueAttachment',
  reference: 'valueReference',
  quantity: 'valueQuantity',
};

/** A linkId quoted for FHIRPath, shortened so a hostile one cannot bloat the answer. */
function quoted(linkId: string): string {
  return `'${linkId.slice(0, 100).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function valueKeys(answer: Answer): string[] {
  return Object.keys(answer).filter((key) => key.startsWith('value'));
}

function isBlank(value: unknown): boolean {
  return typeof value === 'string' && value.trim() === '';
}

function hasMeaningfulAnswer(item: ResponseItem): boolean {
  return asArray(item.answer).some((answer) =>
    valueKeys(answer as Answer).some((key) => !isBlank((answer as Answer)[key])),
  );
}

function matchesOption(key: string, value: unknown, option: AnswerOption): boolean {
  if (key === 'valueCoding') {
    const coding = value as { system?: unknown; code?: unknown };
    return (
      option.valueCoding !== undefined &&
      coding.code === option.valueCoding.code &&
      coding.system === option.valueCoding.system
    );
  }
  return isDeepStrictEqual((option as Record<string, unknown>)[key], value);
}

/**
 * Checks a QuestionnaireResponse against its Questionnaire the way a FHIR validator would for this profile:
 * the canonical and status, no unknown or duplicated items, every required item answered, answers of the item's
 * type, coded answers only from `answerOption`, `maxLength`, single answers unless `repeats`, and children of a
 * question under `answer.item`. Items with `enableWhen` are not required (their condition is not evaluated).
 */
export function checkAnswers(questionnaire: Questionnaire, response: Record<string, unknown>): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const add = (problem: AnswerProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };

  const { url, version } = splitCanonical(String(response.questionnaire ?? ''));
  if (url !== questionnaire.url || (version !== undefined && version !== questionnaire.version)) {
    add({
      code: 'value',
      message: 'wrongQuestionnaire',
      item: '',
      expression: 'QuestionnaireResponse.questionnaire',
    });
    // Answers to another questionnaire cannot be checked item by item.
    return problems;
  }
  if (response.status !== 'completed') {
    add({ code: 'value', message: 'notCompleted', item: '', expression: 'QuestionnaireResponse.status' });
  }

  function checkAnswer(definition: QuestionnaireItem, answer: Answer, path: string): void {
    const keys = valueKeys(answer);
    const expected = VALUE_KEY[definition.type];
    const key = keys[0];
    if (keys.length !== 1 || key === undefined || key !== expected) {
      add({ code: 'value', message: 'wrongType', item: definition.linkId, expression: path });
      return;
    }
    const value = answer[key];
    if (isBlank(value)) {
      add({ code: 'value', message: 'wrongType', item: definition.linkId, expression: `${path}.${key}` });
      return;
    }
    const options = definition.answerOption ?? [];
    if (options.length > 0 && !options.some((option) => matchesOption(key, value, option))) {
      add({ code: 'value', message: 'notAnOption', item: definition.linkId, expression: `${path}.${key}` });
    }
    if (
      typeof value === 'string' &&
      typeof definition.maxLength === 'number' &&
      [...value].length > definition.maxLength
    ) {
      add({ code: 'value', message: 'tooLong', item: definition.linkId, expression: `${path}.${key}` });
    }
    checkItems(definition.item ?? [], answer.item, `${path}.item`);
  }

  function checkItem(definition: QuestionnaireItem, item: ResponseItem, path: string): void {
    const answers = asArray(item.answer) as Answer[];
    if (definition.type === 'group') {
      if (answers.length > 0)
        add({ code: 'structure', message: 'wrongType', item: definition.linkId, expression: path });
      checkItems(definition.item ?? [], item.item, `${path}.item`);
      return;
    }
    if (definition.type === 'display') {
      if (answers.length > 0)
        add({ code: 'structure', message: 'wrongType', item: definition.linkId, expression: path });
      return;
    }
    if (asArray(item.item).length > 0) {
      // FHIR: an item never has both `item` and `answer`; a question's children sit under each answer.
      add({ code: 'structure', message: 'misplacedChildren', item: definition.linkId, expression: `${path}.item` });
    }
    if (answers.length > 1 && !definition.repeats) {
      add({ code: 'value', message: 'singleAnswer', item: definition.linkId, expression: `${path}.answer` });
    }
    answers.forEach((answer, index) => checkAnswer(definition, answer ?? {}, `${path}.answer[${index}]`));
  }

  function checkItems(definitions: QuestionnaireItem[], given: unknown, path: string): void {
    const items = asArray(given) as ResponseItem[];
    const seen = new Set<string>();
    for (const item of items) {
      const linkId = String(item?.linkId ?? '');
      const itemPath = `${path}.where(linkId=${quoted(linkId)})`;
      const definition = definitions.find((candidate) => candidate.linkId === linkId);
      if (!definition) {
        add({ code: 'structure', message: 'unknownItem', item: linkId.slice(0, 100), expression: itemPath });
        continue;
      }
      if (seen.has(linkId) && !definition.repeats) {
        add({ code: 'structure', message: 'duplicateItem', item: linkId, expression: itemPath });
      }
      seen.add(linkId);
      checkItem(definition, item, itemPath);
    }
    for (const definition of definitions) {
      if (!definition.required || (definition.enableWhen?.length ?? 0) > 0) continue;
      const answered = items.some(
        (item) =>
          item?.linkId === definition.linkId &&
          (definition.type === 'group' ? asArray(item.item).length > 0 : hasMeaningfulAnswer(item)),
      );
      if (!answered) {
        add({
          code: 'required',
          message: 'missingRequired',
          item: definition.linkId,
          expression: `${path}.where(linkId=${quoted(definition.linkId)})`,
        });
      }
    }
  }

  checkItems(questionnaire.item ?? [], response.item, 'QuestionnaireResponse.item');
  return problems;
}
