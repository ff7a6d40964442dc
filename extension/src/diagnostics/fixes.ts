import type { NotebookPanel } from '@jupyterlab/notebook';

import type { CellChange, Finding, FixResult } from '../findings';
import { postAPI } from '../request';

/**
 * Ask the server for a finding's quick fix (`POST /nbprod/fix`, computed by
 * `nbprod.lint.fixes.apply_fix`) and apply its changes through the notebook
 * model in one transaction, so JupyterLab's undo takes it back.
 */
export async function applyQuickFix(
  panel: NotebookPanel,
  finding: Finding
): Promise<FixResult> {
  const model = panel.content.model;
  if (!model) {
    throw new Error('the notebook has no model');
  }
  const result = await postAPI<FixResult>('fix', {
    path: panel.context.path,
    notebook: model.toJSON(),
    code: finding.code,
    cell_id: finding.cell_id,
    line: finding.line,
    column: finding.column
  });
  applyChanges(panel, result.changes);
  return result;
}

/**
 * Apply the changes of a fix reply to the shared model. Each edited cell
 * changes in one transaction of its own (the origin its undo manager tracks, so
 * Ctrl+Z in the cell takes the fix back); inserted cells come in one notebook
 * transaction (undone with the notebook's undo).
 */
export function applyChanges(
  panel: NotebookPanel,
  changes: CellChange[]
): void {
  const shared = panel.content.model!.sharedModel;
  const find = (change: CellChange) => {
    if (change.cell_id) {
      const byId = shared.cells.find(cell => cell.id === change.cell_id);
      if (byId) {
        return byId;
      }
    }
    return shared.cells[change.cell_index];
  };
  const edits = changes.filter(change => change.kind !== 'insert_cell');
  const targets = edits.map(find);
  if (targets.some(cell => !cell)) {
    throw new Error('the cell of this fix is gone; lint again');
  }
  const byCell = new Map<(typeof targets)[number], CellChange[]>();
  edits.forEach((change, i) => {
    byCell.set(targets[i], [...(byCell.get(targets[i]) ?? []), change]);
  });
  for (const [cell, list] of byCell) {
    cell.transact(() => {
      for (const change of list) {
        if (change.kind === 'set_source' && change.source !== undefined) {
          replaceMinimal(cell, change.source);
        } else if (change.kind === 'set_tags') {
          if (change.tags && change.tags.length > 0) {
            cell.setMetadata('tags', change.tags);
          } else {
            cell.deleteMetadata('tags');
          }
        }
      }
    });
  }
  const inserts = changes.filter(change => change.kind === 'insert_cell');
  if (inserts.length > 0) {
    shared.transact(() => {
      for (const change of inserts) {
        shared.insertCell(change.cell_index, {
          cell_type: 'code',
          source: change.source ?? '',
          metadata: change.tags?.length ? { tags: change.tags } : {},
          ...(change.cell_id ? { id: change.cell_id } : {})
        });
      }
    });
  }
}

/** Replace only the differing middle of a source, so cursors and undo stay local. */
function replaceMinimal(
  cell: {
    getSource(): string;
    updateSource(start: number, end: number, value?: string): void;
  },
  next: string
): void {
  const current = cell.getSource();
  let start = 0;
  while (
    start < current.length &&
    start < next.length &&
    current[start] === next[start]
  ) {
    start++;
  }
  let end = 0;
  while (
    end < current.length - start &&
    end < next.length - start &&
    current[current.length - 1 - end] === next[next.length - 1 - end]
  ) {
    end++;
  }
  cell.updateSource(
    start,
    current.length - end,
    next.slice(start, next.length - end)
  );
}
