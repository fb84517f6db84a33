// Pure helpers (no I/O, no DOM): PINFL validation, Uzbek text search, prescription check characters, localized
// terminology display.
export { pinflIssueCodes, type PinflIssue, type PinflIssueCode } from './pinfl/issues.js';
export { pinflCheckDigit } from './pinfl/layout.js';
export { checkPartialPinfl } from './pinfl/partial.js';
export { isPinflShaped, validatePinfl, type PinflResult, type ValidatePinflOptions } from './pinfl/validate-pinfl.js';
export { matchesUzbek, normalizeUzbek, uzbekSearchKey, type UzbekSearchKeyOptions } from './text/normalize-uzbek.js';
export {
  formatPrescriptionNumber,
  generatePrescriptionNumber,
  isValidPrescriptionNumber,
  mod37_2CheckCharacter,
} from './prescription/check-character.js';
export {
  codingDisplay,
  translated,
  translationFor,
  type PrimitiveExtensions,
  type TranslatableCoding,
  type TranslatableConcept,
  type TranslationExtension,
} from './display/coding.js';
