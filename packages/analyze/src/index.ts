export { AnalyzeError } from './errors.js';
export { decodeText, decodeWindows1252, type DecodedText } from './decode.js';
export { parseCsv, toCsv, formatNumber, type CsvRow } from './csv.js';
export { normalizeText } from './text.js';
export { indexExam, type ExamIndex, type ExamItem } from './exam.js';
export { matchQuestionText } from './join.js';
export {
  joinResults,
  snapFraction,
  detectLayout,
  type InputFile,
  type JoinedAnswer,
  type JoinedResults,
  type Layout,
  type StudentRecord,
} from './lms.js';
export {
  gradeResponse,
  interpretResponse,
  modelledValues,
  numberAsTyped,
  type ErrorDetail,
  type GradedResponse,
  type Lms,
  type Outcome,
} from './responses.js';
export {
  mean,
  variance,
  sd,
  covariance,
  correlation,
  discriminativeEfficiency,
  upperLower,
  cronbachAlpha,
  kr20,
  gammaQ,
  chiSquareP,
  chiSquareTest,
  fisherExactRx2,
  kruskalWallis,
  wilson,
  type TestResult,
} from './stats.js';
export {
  analyze,
  fmtP,
  type Analysis,
  type AnalyzeInput,
  type AnalyzeOptions,
  type FairnessStats,
  type ItemIndices,
  type MisconceptionStats,
  type OptionCount,
  type QuestionStats,
  type ResponseRow,
  type TemplateStats,
  type Thresholds,
  type VariantStats,
} from './analyze.js';
export {
  reportFiles,
  reportHtml,
  dataFiles,
  describeDetail,
  type ReportFile,
  type ReportOptions,
} from './report.js';
