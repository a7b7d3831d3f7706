export { DlexamError, GenerationError } from './errors.js';
export { createRng, assertSeed, stepValue, SEED_PATTERN, type Rng } from './rng.js';
export {
  checkValue,
  describeSpec,
  domainOf,
  narrowSpec,
  sampleSpec,
  specToJsonSchema,
  valueProblem,
  type Narrowing,
  type ParamSchema,
  type ParamSpec,
  type Params,
} from './params.js';
export {
  defineTemplate,
  type BodyAnswer,
  type BuildContext,
  type Constraint,
  type Fixture,
  type NumericDistractor,
  type OptionSpec,
  type QuestionBody,
  type TableCellSpec,
  type Template,
} from './template.js';
export { renderText } from './text.js';
export {
  MAX_ATTEMPTS,
  NUMERIC_CHOICE_OPTIONS,
  effectiveSchema,
  formatNumericAnswer,
  gateProblem,
  generateFixture,
  generateVariant,
  paramProblem,
  resolveKind,
  validatePins,
  variantFromParams,
  variantProblem,
  type VariantOptions,
} from './variant.js';
export {
  GENERIC_GATES,
  genericTrivialProblem,
  numbersIn,
  trivialProblem,
  type GenericGate,
} from './trivial.js';
export {
  poolSize,
  poolMembers,
  answerKey,
  contentKey,
  paramsKey,
  ENUMERATION_LIMIT,
  ESTIMATION_DRAWS,
  ANSWER_DRAWS,
  EXHAUST_LIMIT,
  EXHAUST_DRAWS,
  type PoolMember,
  type PoolSize,
} from './pool.js';
export {
  DIFFICULTY_SAMPLE,
  effortScale,
  primeEffortScales,
  genericEffort,
  levelOf,
  variantDifficulty,
  variantEffort,
  type EffortScale,
} from './difficulty.js';
export { TemplateRegistry, isTemplateId, namespaceProblem } from './registry.js';
export {
  registryWith,
  smokeProblem,
  templateContractProblem,
  templatesOfModule,
  type TemplateModule,
} from './external.js';
export {
  assembleExam,
  parseExamSpec,
  assembleExamSource,
  slugify,
  versionCode,
  MAX_VERSIONS,
  MAX_QUESTIONS_PER_VERSION,
  type AssembleOptions,
  type ExamSpec,
  type SlotSpec,
} from './exam.js';
export { templateJsonSchema } from './describe.js';
export {
  schemaProblem,
  intIn,
  numberIn,
  listOf,
  record,
  type JsonSchema,
  type JsonType,
  type SchemaProblem,
} from './schema.js';
export {
  checkResponse,
  parseNumber,
  withinTolerance,
  type CheckOptions,
  type CheckResult,
  type Response,
} from './check.js';
export {
  DEFAULT_MULTIPLE_SCORING,
  askedUnit,
  gradeNumeric,
  inInterval,
  numericKey,
  roundAsAsked,
  scoreMultiple,
  scoringRule,
  wrongValueAccepted,
  wrongValueBands,
  type DecimalInterval,
  type NumericKey,
  type WrongValueBand,
} from './grading.js';
