import {
  RangeSetBuilder,
  StateEffect,
  StateField,
  type Extension
} from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView } from '@codemirror/view';
import type { Cell } from '@jupyterlab/cells';
import type { CodeMirrorEditor } from '@jupyterlab/codemirror';

import type { Finding, Severity } from '../findings';
import { describe, findingRange, worstSeverity } from './mapping';

/**
 * Markers on cells: a badge with the count and worst severity, and each
 * finding's range underlined in the editor with the message on hover.
 * Every notebook string goes into the DOM as text (textContent, attributes).
 */

const setFindings = StateEffect.define<DecorationSet>();

/** Holds the underlines; maps them through edits until the next lint. */
const findingsField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = value.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setFindings)) {
        next = effect.value;
      }
    }
    return next;
  },
  provide: field => EditorView.decorations.from(field)
});

const extension: Extension = [findingsField];

function decorations(source: string, findings: Finding[]): DecorationSet {
  const ranges = findings
    .map(finding => ({ finding, range: findingRange(source, finding) }))
    .filter(item => item.range !== null)
    .sort((a, b) => a.range!.from - b.range!.from || a.range!.to - b.range!.to);
  const builder = new RangeSetBuilder<Decoration>();
  for (const { finding, range } of ranges) {
    if (range!.to > range!.from) {
      builder.add(
        range!.from,
        range!.to,
        Decoration.mark({
          class: `nbprod-Underline nbprod-Underline-${finding.severity}`,
          attributes: {
            title: describe(finding),
            'data-nbprod-code': finding.code
          }
        })
      );
    }
  }
  return builder.finish();
}

/** Underline findings in a cell's editor (if the cell has one rendered). */
export function underline(cell: Cell, findings: Finding[]): void {
  const editor = cell.editor as CodeMirrorEditor | null;
  const view = editor?.editor;
  if (!view) {
    return;
  }
  if (view.state.field(findingsField, false) === undefined) {
    if (findings.length === 0) {
      return;
    }
    view.dispatch({ effects: StateEffect.appendConfig.of(extension) });
  }
  const source = view.state.doc.toString();
  view.dispatch({ effects: setFindings.of(decorations(source, findings)) });
}

const SEVERITY_CLASSES = ['error', 'warning', 'info'].map(
  s => `nbprod-cell-${s}`
);

/** Show (or clear) the badge of a cell. */
export function badge(cell: Cell, findings: Finding[]): void {
  const node = cell.node;
  let element = node.querySelector(
    ':scope > .nbprod-CellBadge'
  ) as HTMLElement | null;
  node.classList.remove(...SEVERITY_CLASSES);
  const worst: Severity | null = worstSeverity(findings);
  if (worst === null) {
    element?.remove();
    node.removeAttribute('data-nbprod-count');
    return;
  }
  if (!element) {
    element = document.createElement('div');
    element.className = 'nbprod-CellBadge';
    node.appendChild(element);
  }
  node.classList.add(`nbprod-cell-${worst}`);
  node.setAttribute('data-nbprod-count', String(findings.length));
  element.dataset.severity = worst;
  element.textContent = String(findings.length);
  element.title = findings.map(describe).join('\n');
  element.setAttribute(
    'aria-label',
    `${findings.length} nbprod finding${findings.length === 1 ? '' : 's'}, worst: ${worst}`
  );
}
