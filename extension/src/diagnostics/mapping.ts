import type { Category, Finding, Severity } from '../findings';

/**
 * Pure functions from findings to what the editor and the panel show.
 * No DOM and no JupyterLab imports, so they are unit-tested directly.
 */

/** Offsets (UTF-16 code units, as CodeMirror counts) of a finding in its cell. */
export interface ISourceRange {
  from: number;
  to: number;
}

/** A cell as the mapping needs it. */
export interface ICellRef {
  id: string | null;
  index: number;
}

/**
 * The line breaks Python's `str.splitlines` knows: the server counts lines
 * that way, so the frontend must too.
 */
// eslint-disable-next-line no-control-regex -- Python's line breaks include \x1c-\x1e
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

/** Start offset of every line of `source`. */
export function lineStarts(source: string): number[] {
  const starts = [0];
  LINE_BREAK.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = LINE_BREAK.exec(source)) !== null) {
    starts.push(match.index + match[0].length);
  }
  return starts;
}

/**
 * Offset of the 1-based `line` and `column` (a count of characters, i.e. code
 * points, as Python counts) in `source`, clamped to the line's end.
 */
export function offsetOf(
  source: string,
  starts: number[],
  line: number,
  column: number
): number {
  if (line < 1) {
    return 0;
  }
  if (line > starts.length) {
    return source.length;
  }
  const start = starts[line - 1];
  const end = line < starts.length ? starts[line] : source.length;
  let offset = start;
  let remaining = Math.max(column - 1, 0);
  while (remaining > 0 && offset < end) {
    const code = source.charCodeAt(offset);
    if (code === 0x0a || code === 0x0d) {
      break;
    }
    offset += code >= 0xd800 && code <= 0xdbff && offset + 1 < end ? 2 : 1;
    remaining -= 1;
  }
  return offset;
}

/**
 * The range of a finding in its cell's current source; null for a
 * notebook-level finding. An empty range grows to the rest of its line, so
 * there is always something to underline.
 */
export function findingRange(
  source: string,
  finding: Pick<Finding, 'line' | 'column' | 'end_line' | 'end_column'>
): ISourceRange | null {
  if (finding.line === null) {
    return null;
  }
  const starts = lineStarts(source);
  const from = offsetOf(source, starts, finding.line, finding.column ?? 1);
  let to = offsetOf(
    source,
    starts,
    finding.end_line ?? finding.line,
    finding.end_column ?? finding.column ?? 1
  );
  if (to <= from) {
    const lineEnd = offsetOf(source, starts, finding.line, Infinity);
    to = Math.max(lineEnd, from);
  }
  return { from, to };
}

/** The editor position (0-based line and UTF-16 column) where a finding starts. */
export function findingPosition(
  source: string,
  finding: Pick<Finding, 'line' | 'column'>
): { line: number; column: number } {
  if (finding.line === null) {
    return { line: 0, column: 0 };
  }
  const starts = lineStarts(source);
  const line = Math.min(finding.line, starts.length);
  const offset = offsetOf(source, starts, line, finding.column ?? 1);
  return { line: line - 1, column: offset - starts[line - 1] };
}

/**
 * The cell a finding belongs to: by id when both have one (ids survive cells
 * moving while a lint is in flight), else by index. -1 when the cell is gone;
 * null for a notebook-level finding.
 */
export function cellIndexOf(
  finding: Pick<Finding, 'cell_id' | 'cell_index'>,
  cells: ICellRef[]
): number | null {
  if (finding.cell_index === null) {
    return null;
  }
  if (finding.cell_id) {
    const found = cells.findIndex(cell => cell.id === finding.cell_id);
    if (found >= 0) {
      return found;
    }
    if (cells.some(cell => cell.id)) {
      return -1;
    }
  }
  return finding.cell_index < cells.length ? finding.cell_index : -1;
}

/** Findings per cell position, plus the notebook-level ones. */
export interface IFindingsByCell {
  cells: Map<number, Finding[]>;
  notebook: Finding[];
}

export function groupByCell(
  findings: Finding[],
  cells: ICellRef[]
): IFindingsByCell {
  const result: IFindingsByCell = { cells: new Map(), notebook: [] };
  for (const finding of findings) {
    const index = cellIndexOf(finding, cells);
    if (index === null) {
      result.notebook.push(finding);
    } else if (index >= 0) {
      const list = result.cells.get(index) ?? [];
      list.push(finding);
      result.cells.set(index, list);
    }
  }
  return result;
}

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

/** The most severe of some findings. */
export function worstSeverity(findings: Finding[]): Severity | null {
  for (const severity of SEVERITY_ORDER) {
    if (findings.some(f => f.severity === severity)) {
      return severity;
    }
  }
  return null;
}

/** What each severity costs the readiness score. */
export const SCORE_WEIGHTS: Record<Severity, number> = {
  error: 15,
  warning: 5,
  info: 1
};

/**
 * The readiness score, 0 to 100: `100 / (1 + cost / 40)` where the cost is
 * 15 per error, 5 per warning and 1 per info finding. 100 means no finding;
 * one warning gives 89, one error 73; it never reaches 0, so progress on a
 * very messy notebook still shows.
 */
export function readinessScore(findings: Finding[]): number {
  const cost = findings.reduce((sum, f) => sum + SCORE_WEIGHTS[f.severity], 0);
  return Math.round(100 / (1 + cost / 40));
}

/** Findings grouped by category, then severity (most severe first). */
export interface ICategoryGroup {
  category: Category;
  worst: Severity;
  bySeverity: { severity: Severity; findings: Finding[] }[];
}

export function groupForPanel(findings: Finding[]): ICategoryGroup[] {
  const categories = new Map<Category, Finding[]>();
  for (const finding of findings) {
    const list = categories.get(finding.category) ?? [];
    list.push(finding);
    categories.set(finding.category, list);
  }
  const groups: ICategoryGroup[] = [];
  for (const [category, list] of categories) {
    const bySeverity = SEVERITY_ORDER.map(severity => ({
      severity,
      findings: list.filter(f => f.severity === severity)
    })).filter(group => group.findings.length > 0);
    groups.push({ category, worst: bySeverity[0].severity, bySeverity });
  }
  groups.sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.worst) - SEVERITY_ORDER.indexOf(b.worst) ||
      a.category.localeCompare(b.category)
  );
  return groups;
}

/** A one-line description of a finding for hovers and lists (plain text). */
export function describe(finding: Finding): string {
  return `${finding.code} ${finding.name}: ${finding.message}`;
}
