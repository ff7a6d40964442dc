import type { NotebookPanel } from '@jupyterlab/notebook';

import type { Finding } from '../findings';
import { cellIndexOf, findingPosition } from './mapping';

/** Activate a finding's cell, scroll to it and put the cursor on the finding. */
export async function jumpTo(
  panel: NotebookPanel,
  finding: Finding
): Promise<void> {
  const notebook = panel.content;
  const cells = notebook.widgets.map((cell, index) => ({
    id: cell.model.id ?? null,
    index
  }));
  const index = cellIndexOf(finding, cells);
  if (index === null || index < 0) {
    notebook.node.scrollTop = 0;
    return;
  }
  notebook.activeCellIndex = index;
  notebook.deselectAll();
  const cell = notebook.widgets[index];
  await notebook.scrollToCell(cell, 'center');
  notebook.mode = 'edit';
  const editor = cell.editor;
  if (editor) {
    editor.setCursorPosition(
      findingPosition(cell.model.sharedModel.getSource(), finding)
    );
    editor.focus();
  }
}
