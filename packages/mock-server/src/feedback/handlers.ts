import type { Handler } from '../handler.js';
import { createFeedbackLink } from './create-link.js';
import { getFeedbackStats } from './feedback-stats.js';
import { getFeedbackLink } from './link-info.js';
import { getFeedbackQuestionnaire } from './link-questionnaire.js';
import { submitFeedback } from './submit-feedback.js';

/** Patient feedback links, responses and statistics (`/feedback/...`) by operationId. */
export const feedbackHandlers: Record<string, Handler> = {
  createFeedbackLink,
  getFeedbackLink,
  getFeedbackQuestionnaire,
  submitFeedback,
  getFeedbackStats,
};
