import type { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { Widget } from '@lumino/widgets';

import type { Finding, RuleSummary } from '../findings';
import { requestAPI } from '../request';
import type { INbprodFindings, INotebookFindings } from '../tokens';
import { applyQuickFix } from './fixes';
import { jumpTo } from './jump';
import { groupForPanel, readinessScore } from './mapping';

/**
 * The *Production readiness* side panel: the current notebook's score and its
 * findings by category and severity; a click jumps to the finding, "Docs"
 * shows the rule's documentation, "Fix" applies its quick fix.
 * Everything from the notebook or the server is set as text.
 */
export class ReadinessPanel extends Widget {
  constructor(
    private _tracker: INotebookTracker,
    private _findings: INbprodFindings
  ) {
    super();
    this.id = 'nbprod-readiness';
    this.title.caption = 'Production readiness';
    this.addClass('nbprod-ReadinessPanel');
    _tracker.currentChanged.connect(this._refresh, this);
    _findings.changed.connect(this._onFindings, this);
    this._refresh();
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
    for (const group of groupForPanel(findings)) {
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
    main.title = 'Go to the finding';
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
    const docBox = el('pre', 'nbprod-RuleDoc');
    docBox.hidden = true;
    docs.addEventListener('click', () => {
      if (!docBox.hidden) {
        docBox.hidden = true;
        return;
      }
      docBox.hidden = false;
      docBox.textContent = 'Loading…';
      requestAPI<RuleSummary>(`rules/${encodeURIComponent(finding.code)}`)
        .then(rule => {
          docBox.textContent = `${rule.code} ${rule.name} (${rule.category}, ${rule.severity})\n\n${rule.doc ?? rule.summary}`;
        })
        .catch(reason => {
          docBox.textContent = (reason as Error).message;
        });
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
            docBox.hidden = false;
            docBox.textContent = `The fix did not apply: ${(reason as Error).message}`;
          });
      });
      actions.appendChild(fix);
    }
    li.appendChild(actions);
    li.appendChild(docBox);
    return li;
  }
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
