import type { Cell } from '@jupyterlab/cells';
import { PathExt } from '@jupyterlab/coreutils';
import { NotebookActions, type NotebookPanel } from '@jupyterlab/notebook';
import type { DocumentRegistry } from '@jupyterlab/docregistry';
import type { Message } from '@lumino/messaging';
import { Signal, type ISignal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';

import type { Finding, LintReply } from '../findings';
import { postAPI } from '../request';
import type { INbprodSettings, INotebookFindings } from '../tokens';
import { badge, underline } from './markers';
import { describe, groupByCell, type ICellRef } from './mapping';

/**
 * Lints one notebook through `POST /nbprod/lint` (sending the unsaved model)
 * on open, save, execution and edits (debounced), and shows the findings.
 */
export class NotebookLinter implements INotebookFindings {
  constructor(
    readonly panel: NotebookPanel,
    private _settings: () => INbprodSettings
  ) {
    this._banner = new NotebookBanner();
    panel.contentHeader.addWidget(this._banner);
    const notebook = panel.content;
    notebook.cellInViewportChanged.connect(this._onCellRendered, this);
    notebook.model?.contentChanged.connect(this._onEdit, this);
    panel.context.saveState.connect(this._onSave, this);
    NotebookActions.executed.connect(this._onExecuted, this);
    panel.disposed.connect(() => this.dispose());
    void panel.context.ready.then(() => {
      if (!this._disposed && this._settings().lintOnOpen) {
        void this.lint();
      }
    });
  }

  get findings(): Finding[] {
    return this._findings;
  }

  get error(): string | null {
    return this._error;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Lint after the configured quiet time (restarting it on each call). */
  schedule(): void {
    if (this._timer !== undefined) {
      window.clearTimeout(this._timer);
    }
    this._timer = window.setTimeout(() => {
      this._timer = undefined;
      void this.lint();
    }, this._settings().debounceMs);
  }

  /**
   * Lint now. One request at a time: a lint asked for while one is in flight
   * runs once that one is done (so typing never queues up requests).
   */
  async lint(): Promise<void> {
    if (this._inFlight) {
      this._pending = true;
      return this._inFlight;
    }
    this._inFlight = this._lintOnce();
    try {
      await this._inFlight;
    } finally {
      this._inFlight = null;
    }
    if (this._pending && !this._disposed) {
      this._pending = false;
      await this.lint();
    }
  }

  private async _lintOnce(): Promise<void> {
    const model = this.panel.content.model;
    if (this._disposed || !model) {
      return;
    }
    const settings = this._settings();
    const sequence = ++this._sequence;
    const body: Record<string, unknown> = {
      path: this.panel.context.path,
      notebook: model.toJSON()
    };
    if (settings.select !== null) {
      body.select = settings.select;
    }
    if (settings.ignore.length > 0) {
      body.ignore = settings.ignore;
    }
    let reply: LintReply | null = null;
    let error: string | null = null;
    try {
      reply = await postAPI<LintReply>('lint', body);
    } catch (reason) {
      error = `nbprod could not lint this notebook: ${(reason as Error).message}`;
    }
    if (this._disposed || sequence !== this._sequence) {
      return;
    }
    if (reply !== null) {
      // A rule that crashed is reported next to the other rules' findings.
      this._findings = reply.findings;
      error =
        reply.crashes.length > 0
          ? reply.crashes.map(crash => `nbprod: ${crash.message}`).join('\n')
          : null;
    }
    this._error = error;
    this.render();
    this._changed.emit();
  }

  /** Show the current findings on the cells and in the banner. */
  render(): void {
    const cells = this.panel.content.widgets;
    const grouped = groupByCell(this._findings, cellRefs(cells));
    this._shown = grouped.cells;
    cells.forEach((cell, index) => this._show(cell, grouped.cells.get(index)));
    this._banner.display(
      PathExt.basename(this.panel.context.path),
      grouped.notebook,
      this._error
    );
    this.panel.node.dataset.nbprodLinted = String(this._sequence);
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    window.clearTimeout(this._timer);
    NotebookActions.executed.disconnect(this._onExecuted, this);
    Signal.clearData(this);
    this._banner.dispose();
  }

  private _show(cell: Cell, findings: Finding[] = []): void {
    badge(cell, findings);
    underline(cell, this._settings().underline ? findings : []);
  }

  private _onCellRendered(_: unknown, cell: Cell): void {
    const index = this.panel.content.widgets.indexOf(cell);
    if (index >= 0 && cell.inViewport) {
      this._show(cell, this._shown.get(index));
    }
  }

  private _onEdit(): void {
    if (this._settings().lintOnEdit) {
      this.schedule();
    }
  }

  private _onSave(
    _: DocumentRegistry.IContext<any>,
    state: DocumentRegistry.SaveState
  ): void {
    if (state === 'completed' && this._settings().lintOnSave) {
      void this.lint();
    }
  }

  private _onExecuted(
    _: unknown,
    args: { notebook: unknown; cell: Cell; success: boolean }
  ): void {
    if (
      args.notebook === this.panel.content &&
      this._settings().lintOnExecute
    ) {
      this.schedule();
    }
  }

  private _banner: NotebookBanner;
  private _changed = new Signal<this, void>(this);
  private _disposed = false;
  private _error: string | null = null;
  private _inFlight: Promise<void> | null = null;
  private _pending = false;
  private _findings: Finding[] = [];
  private _sequence = 0;
  private _shown = new Map<number, Finding[]>();
  private _timer: number | undefined = undefined;
}

function cellRefs(cells: readonly Cell[]): ICellRef[] {
  return cells.map((cell, index) => ({
    id: cell.model.id ?? null,
    index
  }));
}

/** Notebook-level findings (and lint errors) above the notebook. */
class NotebookBanner extends Widget {
  constructor() {
    super();
    this.addClass('nbprod-NotebookBanner');
    this.hide();
  }

  display(name: string, findings: Finding[], error: string | null): void {
    this.node.replaceChildren();
    if (findings.length > 0) {
      const title = document.createElement('div');
      title.className = 'nbprod-NotebookBanner-title';
      const count = `${findings.length} finding${findings.length === 1 ? '' : 's'}`;
      title.textContent = `nbprod: ${count} about the whole notebook ${name}`;
      this.node.appendChild(title);
    }
    if (error !== null) {
      const item = document.createElement('div');
      item.className = 'nbprod-NotebookBanner-error';
      item.textContent = error;
      this.node.appendChild(item);
    }
    for (const finding of findings) {
      const item = document.createElement('div');
      item.className = `nbprod-NotebookBanner-item nbprod-severity-${finding.severity}`;
      item.textContent = describe(finding);
      this.node.appendChild(item);
    }
    this.setHidden(this.node.childElementCount === 0);
    this._fitToContent();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._fitToContent();
  }

  protected onResize(msg: Widget.ResizeMessage): void {
    super.onResize(msg);
    this._fitToContent();
  }

  /**
   * The notebook's content header is a box layout, which sizes its children
   * from their CSS min-height: give the banner the height of its content
   * (at most its CSS max-height, then it scrolls), or it gets none.
   */
  private _fitToContent(): void {
    if (!this.isVisible) {
      return;
    }
    const last = this.node.lastElementChild as HTMLElement | null;
    const style = getComputedStyle(this.node);
    const height = last
      ? last.offsetTop +
        last.offsetHeight +
        parseFloat(style.paddingBottom) +
        parseFloat(style.borderBottomWidth)
      : 0;
    const max = parseFloat(style.maxHeight);
    const next = `${Math.ceil(Number.isNaN(max) ? height : Math.min(height, max))}px`;
    if (this.node.style.minHeight !== next) {
      this.node.style.minHeight = next;
      this.parent?.fit();
    }
  }
}
