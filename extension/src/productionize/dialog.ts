import { Dialog, showDialog } from '@jupyterlab/apputils';
import { PathExt } from '@jupyterlab/coreutils';
import type { NotebookPanel } from '@jupyterlab/notebook';
import type { CommandRegistry } from '@lumino/commands';
import { Widget } from '@lumino/widgets';

import type { ExportReply } from '../findings';
import { NbprodRequestError, postAPI } from '../request';

/** What each file status of a preview means, for people. */
const STATUS_TEXT: Record<string, string> = {
  created: 'new',
  updated: 'changed',
  unchanged: 'unchanged',
  merged: 'your edits merged',
  conflict: 'CONFLICT: your edits kept, not overwritten',
  removed: 'removed',
  kept: 'your file, kept'
};

/** Default package name: the notebook's file name as a Python identifier. */
export function defaultPackageName(path: string): string {
  const stem = PathExt.basename(path, PathExt.extname(path));
  let name = stem
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!name || /^[0-9]/.test(name)) {
    name = `pipeline_${name}`.replace(/_+$/, '');
  }
  return name;
}

/** Default output folder: `<name>_pipeline` next to the notebook. */
export function defaultOutput(path: string, name: string): string {
  const folder = PathExt.dirname(path);
  return folder ? `${folder}/${name}_pipeline` : `${name}_pipeline`;
}

class ExportForm extends Widget {
  constructor(name: string, output: string) {
    super();
    this.addClass('nbprod-ExportForm');
    this._name = field(
      this.node,
      'Package name',
      'nbprod-ExportForm-name',
      name
    );
    this._output = field(
      this.node,
      'Output folder (relative to the server root)',
      'nbprod-ExportForm-output',
      output
    );
    const force = document.createElement('label');
    force.className = 'nbprod-ExportForm-force';
    this._force = document.createElement('input');
    this._force.type = 'checkbox';
    const text = document.createElement('span');
    text.textContent = ' Export even if lint finds errors';
    force.append(this._force, text);
    this.node.appendChild(force);
    const repin = document.createElement('label');
    repin.className = 'nbprod-ExportForm-repin';
    this._repin = document.createElement('input');
    this._repin.type = 'checkbox';
    const repinText = document.createElement('span');
    repinText.textContent =
      " Re-pin dependencies to this server's versions (default: the versions the package records)";
    repin.append(this._repin, repinText);
    this.node.appendChild(repin);
    this._defaultName = name;
  }

  /**
   * The request's options. An option the person left as it was is not sent: the
   * server then uses the one the package was exported with (its manifest), so a
   * re-export reproduces the package; an option that differs is reported back.
   */
  getValue(): IExportRequestOptions {
    const value: IExportRequestOptions = { output: this._output.value.trim() };
    const name = this._name.value.trim();
    if (name && name !== this._defaultName) {
      value.name = name;
    }
    if (this._force.checked) {
      value.force = true;
    }
    if (this._repin.checked) {
      value.repin = true;
    }
    return value;
  }

  private _defaultName: string;
  private _name: HTMLInputElement;
  private _output: HTMLInputElement;
  private _force: HTMLInputElement;
  private _repin: HTMLInputElement;
}

/** What the form sends besides the notebook's path and `dry_run`. */
export interface IExportRequestOptions {
  output: string;
  name?: string;
  force?: boolean;
  repin?: boolean;
}

function field(
  parent: HTMLElement,
  label: string,
  className: string,
  value: string
): HTMLInputElement {
  const wrapper = document.createElement('label');
  wrapper.className = 'nbprod-ExportForm-field';
  const text = document.createElement('span');
  text.textContent = label;
  const input = document.createElement('input');
  input.className = `jp-mod-styled ${className}`;
  input.value = value;
  wrapper.append(text, input);
  parent.appendChild(wrapper);
  return input;
}

/** The preview: files with their status, and the diff, all as text. */
export function previewNode(reply: ExportReply): HTMLElement {
  const node = document.createElement('div');
  node.className = 'nbprod-ExportPreview';
  const summary = document.createElement('p');
  summary.textContent = reply.differs
    ? `Package ${reply.package} in ${reply.output}:`
    : `${reply.output} is up to date; nothing to write.`;
  node.appendChild(summary);
  if (reply.conflicts.length > 0) {
    const warn = document.createElement('p');
    warn.className = 'nbprod-ExportPreview-conflicts';
    warn.textContent = `${reply.conflicts.length} file(s) you edited conflict with the new export; they will be left as they are. Merge them by hand, or move them away and export again.`;
    node.appendChild(warn);
  }
  for (const change of reply.changes) {
    const p = document.createElement('p');
    p.className = 'nbprod-ExportPreview-change';
    p.textContent = change.message;
    node.appendChild(p);
  }
  const files = reply.files;
  const list = document.createElement('ul');
  list.className = 'nbprod-ExportPreview-files';
  for (const file of files) {
    const item = document.createElement('li');
    item.dataset.status = file.status;
    const status = document.createElement('span');
    status.className = 'nbprod-ExportPreview-status';
    status.textContent = STATUS_TEXT[file.status] ?? file.status;
    const path = document.createElement('span');
    path.textContent = file.path;
    item.append(status, path);
    list.appendChild(item);
  }
  node.appendChild(list);
  for (const note of reply.notes) {
    const p = document.createElement('p');
    p.className = 'nbprod-ExportPreview-note';
    p.textContent = note;
    node.appendChild(p);
  }
  if (reply.diff) {
    const diff = document.createElement('pre');
    diff.className = 'nbprod-ExportPreview-diff';
    diff.textContent = reply.diff;
    node.appendChild(diff);
  }
  return node;
}

async function showProblem(title: string, reason: unknown): Promise<void> {
  const body = document.createElement('div');
  body.className = 'nbprod-ExportProblem';
  body.textContent =
    reason instanceof NbprodRequestError || reason instanceof Error
      ? reason.message
      : String(reason);
  await showDialog({
    title,
    body: new Widget({ node: body }),
    buttons: [Dialog.okButton({ label: 'Close' })]
  });
}

/**
 * Productionize a notebook: ask for the name and output folder, preview the
 * package (`dry_run`), write it, then open its README.
 */
export async function productionize(
  panel: NotebookPanel,
  commands: CommandRegistry
): Promise<void> {
  const path = panel.context.path;
  const name = defaultPackageName(path);
  const form = await showDialog({
    title: 'Productionize',
    body: new ExportForm(name, defaultOutput(path, name)),
    buttons: [Dialog.cancelButton(), Dialog.okButton({ label: 'Preview' })]
  });
  if (!form.button.accept || !form.value) {
    return;
  }
  const request = { path, ...form.value };
  let preview: ExportReply;
  try {
    if (panel.context.model.dirty) {
      await panel.context.save();
    }
    preview = await postAPI<ExportReply>('export', {
      ...request,
      dry_run: true
    });
  } catch (reason) {
    await showProblem('Productionize: cannot preview the package', reason);
    return;
  }
  const confirm = await showDialog({
    title: `Preview of ${preview.output}`,
    body: new Widget({ node: previewNode(preview) }),
    buttons: [
      Dialog.cancelButton(),
      Dialog.okButton({
        label: preview.differs ? 'Write package' : 'Open package'
      })
    ]
  });
  if (!confirm.button.accept) {
    return;
  }
  let written: ExportReply = preview;
  if (preview.differs) {
    try {
      written = await postAPI<ExportReply>('export', {
        ...request,
        dry_run: false
      });
    } catch (reason) {
      await showProblem('Productionize: the package was not written', reason);
      return;
    }
    if (written.conflicts.length > 0) {
      await showProblem(
        'Productionize: conflicts',
        `Written, except ${written.conflicts.join(', ')}: you edited these files and the new export changes them too. They were left as they are; merge by hand.`
      );
    }
  }
  await commands.execute('filebrowser:go-to-path', {
    path: `/${written.output}`
  });
  await commands.execute('docmanager:open', {
    path: `${written.output}/README.md`
  });
}
