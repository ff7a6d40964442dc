import type { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { type IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import { Widget } from '@lumino/widgets';

import type { Finding, RuleSummary } from '../findings';
import { requestAPI } from '../request';
import type { INbprodFindings, INotebookFindings } from '../tokens';
import { applyQuickFix } from './fixes';
import { jumpTo } from './jump';
import { groupForPanel, readinessScore } from './mapping';

/**
 * The *Production readiness* side panel: the current notebook's score, its
 * notebook-level findings at the top, then its cell findings by category and
 * severity; a click jumps to the finding, "Docs" shows the rule's
 * documentation (Markdown, rendered by JupyterLab's sanitizing rendermime),
 * "Fix" applies its quick fix.
 * Everything from the notebook is set as text.
 */
export class ReadinessPanel extends Widget {
  constructor(
    private _tracker: INotebookTracker,
    private _findings: INbprodFindings,
    private _rendermime: IRenderMimeRegistry | null = null
  ) {
    super();
    this.id = 'nbprod-readiness';
    this.title.caption = 'Production readiness';
    this.addClass('nbprod-ReadinessPanel');
    _tracker.currentChanged.connect(this._refresh, this);
    _findings.changed.connect(this._onFindings, this);
    this._refresh();
  }

  dispose(): void {
    this._disposeDocs();
    super.dispose();
  }

  private _onFindings(_: INbprodFindings, state: INotebookFindings): void {
    if (state.panel === this._tracker.currentWidget) {
      this._refresh();
    }
  }

  private _refresh(): void {
    const panel = this._tracker.currentWidget;
    const state = panel ? this._findings.get(panel) : undefined;
    const node = this.node;
    this._disposeDocs();
    node.replaceChildren();
    const header = el('div', 'nbprod-ReadinessPanel-header');
    header.appendChild(
      el('h2', 'nbprod-ReadinessPanel-title', 'Production readiness')
    );
    node.appendChild(header);
    if (!panel || !state) {
      node.appendChild(
        el(
          'p',
          'nbprod-ReadinessPanel-empty',
          'Open a notebook to see its findings.'
        )
      );
      return;
    }
    if (panel !== this._shownPanel) {
      this._openDocs.clear();
      this._shownPanel = panel;
    }
    const findings = state.findings;
    const score = readinessScore(findings);
    header.appendChild(
      el('div', 'nbprod-ReadinessPanel-notebook', panel.context.path)
    );
    const scoreNode = el('div', 'nbprod-ReadinessPanel-score', `${score}/100`);
    scoreNode.dataset.score = String(score);
    scoreNode.title =
      'Readiness score: 100 / (1 + cost / 40), the cost being 15 per error, 5 per warning and 1 per info finding';
    header.appendChild(scoreNode);
    header.appendChild(
      el(
        'div',
        'nbprod-ReadinessPanel-counts',
        `${findings.length} finding${findings.length === 1 ? '' : 's'}`
      )
    );
    if (state.error) {
      node.appendChild(el('p', 'nbprod-ReadinessPanel-error', state.error));
    }
    if (findings.length === 0 && !state.error) {
      node.appendChild(
        el('p', 'nbprod-ReadinessPanel-empty', 'No demo-only patterns found.')
      );
    }
    // Findings about the whole notebook (no cell to jump to) come first.
    const whole = findings.filter(f => f.cell_index === null);
    if (whole.length > 0) {
      const section = el('section', 'nbprod-NotebookFindings');
      section.appendChild(
        el(
          'h3',
          'nbprod-NotebookFindings-title',
          `Whole notebook (${whole.length})`
        )
      );
      for (const { severity, findings: list } of groupForPanel(whole).flatMap(
        group => group.bySeverity
      )) {
        const ul = el('ul', `nbprod-FindingList nbprod-severity-${severity}`);
        for (const finding of list) {
          ul.appendChild(this._item(panel, state, finding));
        }
        section.appendChild(ul);
      }
      node.appendChild(section);
    }
    for (const group of groupForPanel(
      findings.filter(f => f.cell_index !== null)
    )) {
      const section = el('section', 'nbprod-Group');
      section.dataset.category = group.category;
      const count = group.bySeverity.reduce((n, s) => n + s.findings.length, 0);
      section.appendChild(
        el('h3', 'nbprod-Group-title', `${group.category} (${count})`)
      );
      for (const { severity, findings: list } of group.bySeverity) {
        const ul = el('ul', `nbprod-FindingList nbprod-severity-${severity}`);
        for (const finding of list) {
          ul.appendChild(this._item(panel, state, finding));
        }
        section.appendChild(ul);
      }
      node.appendChild(section);
    }
  }

  private _item(
    panel: NotebookPanel,
    state: INotebookFindings,
    finding: Finding
  ): HTMLElement {
    const li = el('li', 'nbprod-Finding');
    li.dataset.code = finding.code;
    li.dataset.severity = finding.severity;
    const main = el('button', 'nbprod-Finding-main');
    main.title =
      finding.cell_index === null
        ? 'Go to the top of the notebook'
        : 'Go to the finding';
    main.appendChild(
      el(
        'span',
        `nbprod-Severity nbprod-severity-${finding.severity}`,
        finding.severity
      )
    );
    main.appendChild(el('span', 'nbprod-Finding-code', finding.code));
    main.appendChild(el('span', 'nbprod-Finding-message', finding.message));
    main.appendChild(el('span', 'nbprod-Finding-where', where(finding)));
    main.addEventListener('click', () => void jumpTo(panel, finding));
    li.appendChild(main);

    const actions = el('div', 'nbprod-Finding-actions');
    const docs = el('button', 'nbprod-Finding-docs jp-mod-styled', 'Docs');
    docs.setAttribute('aria-expanded', 'false');
    const status = el('p', 'nbprod-Finding-status');
    status.hidden = true;
    const docBox = el('div', 'nbprod-RuleDoc');
    docBox.hidden = true;
    const key = findingKey(finding);
    const showDocs = () => {
      docBox.hidden = false;
      docs.setAttribute('aria-expanded', 'true');
      this._openDocs.add(key);
      void this._renderDoc(finding.code, docBox);
    };
    docs.addEventListener('click', () => {
      if (!docBox.hidden) {
        docBox.hidden = true;
        docs.setAttribute('aria-expanded', 'false');
        this._openDocs.delete(key);
        return;
      }
      showDocs();
    });
    actions.appendChild(docs);
    if (finding.fix) {
      const fix = el('button', 'nbprod-Finding-fix jp-mod-styled', 'Fix');
      fix.title = finding.fix.message;
      fix.addEventListener('click', () => {
        fix.setAttribute('disabled', '');
        applyQuickFix(panel, finding)
          .then(() => state.lint())
          .catch(reason => {
            fix.removeAttribute('disabled');
            status.hidden = false;
            status.textContent = `The fix did not apply: ${(reason as Error).message}`;
          });
      });
      actions.appendChild(fix);
    }
    li.appendChild(actions);
    li.appendChild(status);
    li.appendChild(docBox);
    // A lint while typing rebuilds the list; documentation that was open stays open.
    if (this._openDocs.has(key)) {
      showDocs();
    }
    return li;
  }

  /** Fetch a rule's documentation once and render it as Markdown into `box`. */
  private async _renderDoc(code: string, box: HTMLElement): Promise<void> {
    if (this._docRenderers.has(box)) {
      return; // rendered already; only hidden in between
    }
    box.replaceChildren(el('p', 'nbprod-RuleDoc-loading', 'Loading…'));
    let rule: RuleSummary;
    try {
      let request = this._rules.get(code);
      if (!request) {
        request = requestAPI<RuleSummary>(`rules/${encodeURIComponent(code)}`);
        this._rules.set(code, request);
        request.catch(() => this._rules.delete(code));
      }
      rule = await request;
    } catch (reason) {
      box.replaceChildren(
        el('p', 'nbprod-RuleDoc-error', (reason as Error).message)
      );
      return;
    }
    if (!box.isConnected || box.hidden || this._docRenderers.has(box)) {
      return;
    }
    const title = el(
      'p',
      'nbprod-RuleDoc-title',
      `${rule.code} ${rule.name} (${rule.category}, ${rule.severity})`
    );
    const markdown = rule.doc ?? rule.summary;
    if (!this._rendermime) {
      // No rendermime in this JupyterLab: the Markdown source, as text.
      box.replaceChildren(title, el('pre', 'nbprod-RuleDoc-source', markdown));
      return;
    }
    // Untrusted: JupyterLab's sanitizer cleans the HTML the Markdown becomes.
    const renderer = this._rendermime.createRenderer('text/markdown');
    renderer.addClass('nbprod-RuleDoc-body');
    box.replaceChildren(title);
    Widget.attach(renderer, box);
    this._docRenderers.set(box, renderer);
    try {
      await renderer.renderModel(
        new MimeModel({ data: { 'text/markdown': markdown }, trusted: false })
      );
    } catch (reason) {
      renderer.node.replaceChildren(
        el('pre', 'nbprod-RuleDoc-source', markdown)
      );
      console.warn('nbprod: rule documentation not rendered', reason);
    }
  }

  private _disposeDocs(): void {
    for (const renderer of this._docRenderers.values()) {
      renderer.dispose();
    }
    this._docRenderers.clear();
  }

  private _docRenderers = new Map<HTMLElement, Widget>();
  private _openDocs = new Set<string>();
  private _rules = new Map<string, Promise<RuleSummary>>();
  private _shownPanel: NotebookPanel | null = null;
}

function findingKey(finding: Finding): string {
  return [finding.code, finding.cell_id ?? finding.cell_index, finding.message]
    .map(String)
    .join('\u0000');
}

function where(finding: Finding): string {
  if (finding.cell_index === null) {
    return 'notebook';
  }
  const line = finding.line === null ? '' : `, line ${finding.line}`;
  return `cell ${finding.cell_index + 1}${line}`;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}
