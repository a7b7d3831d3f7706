export {
  checkExamFiles,
  checkVariants,
  contractVariants,
  examOfVariants,
  SCORE_SLACK,
  type ContractResult,
  type Disagreement,
  type Tamper,
} from './contract.js';
export { canvasGrade, readQtiItems, bigDecimal, type CanvasItem } from './canvas-grader.js';
export {
  moodleGrade,
  moodleNumber,
  readMoodleQuiz,
  type MoodleGrade,
  type MoodleQuestion,
} from './moodle-grader.js';
export { modelResponse, scriptedResponses, type ScriptedResponse } from './responses.js';
export { allTemplates } from './templates.js';
