/**
 * The wire types of nbprod's server routes, generated from
 * `converter/nbprod/lint/findings.schema.json` (see `jlpm build:types`).
 */
export type {
  Category,
  CellChange,
  Edit,
  ErrorReply,
  ExportReply,
  Finding,
  Findings,
  Fix,
  FixResult,
  LintReply,
  RuleCrash,
  RuleSummary,
  Severity
} from './_findings';
