import { expect, test, type IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

/**
 * nbprod in a real JupyterLab on Chromium: markers on the flagged cells, the
 * readiness panel and its jump, a quick fix, Productionize, and the edit ->
 * markers latency on a 200-cell notebook.
 */

const REPO = path.resolve(__dirname, '..', '..', '..');
const DEMO = path.join(REPO, 'examples', 'demo_day', 'demo_day.ipynb');
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'messy.ipynb');
const SOURCE = fs.existsSync(DEMO) ? DEMO : FIXTURE;
const NAME = path.basename(SOURCE);
const DOCS = path.join(REPO, 'docs');
/** Markup that would run script if a string were ever put in the DOM as HTML. */
const XSS = '<img src=x onerror=alert(1)>';

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface IFinding {
  code: string;
  severity: string;
  cell_index: number | null;
  cell_id: string | null;
  fix: unknown;
}

async function openLinted(page: IJupyterLabPageFixture, tmpPath: string) {
  const target = `${tmpPath}/${NAME}`;
  await page.contents.uploadFile(SOURCE, target);
  await page.notebook.openByPath(target);
  await page.notebook.activate(NAME);
  await page.waitForSelector('.jp-NotebookPanel[data-nbprod-linted]');
  // What the server finds is what the cells must show.
  const reply = await page.request.post('/nbprod/lint', {
    data: { path: target }
  });
  expect(reply.ok()).toBe(true);
  const body = (await reply.json()) as {
    findings: IFinding[];
    crashes: unknown[];
  };
  expect(body.crashes).toEqual([]);
  return { target, findings: body.findings };
}

function cell(page: Page, index: number) {
  return page
    .locator('.jp-NotebookPanel:visible .jp-Notebook .jp-Cell')
    .nth(index);
}

const RANK: Record<string, number> = { error: 0, warning: 1, info: 2 };

test.describe('nbprod', () => {
  test('flags the demo notebook: a badge with count and severity per flagged cell', async ({
    page,
    tmpPath
  }) => {
    const { findings } = await openLinted(page, tmpPath);
    expect(findings.length).toBeGreaterThan(3);
    const perCell = new Map<number, IFinding[]>();
    for (const f of findings) {
      if (f.cell_index !== null) {
        perCell.set(f.cell_index, [...(perCell.get(f.cell_index) ?? []), f]);
      }
    }
    const total = await page
      .locator('.jp-NotebookPanel:visible .jp-Cell')
      .count();
    for (let index = 0; index < total; index++) {
      const badge = cell(page, index).locator(':scope > .nbprod-CellBadge');
      const expected = perCell.get(index);
      if (!expected) {
        await expect(badge).toHaveCount(0);
        continue;
      }
      const worst = expected
        .map(f => f.severity)
        .sort((a, b) => RANK[a] - RANK[b])[0];
      await expect(badge).toHaveText(String(expected.length));
      await expect(badge).toHaveAttribute('data-severity', worst);
    }
    // The exact range is underlined, with code and message on hover (title).
    const underline = page
      .locator(
        '.jp-NotebookPanel:visible .nbprod-Underline[data-nbprod-code="NBP062"]'
      )
      .first();
    await expect(underline).toContainText('RandomForestClassifier');
    await expect(underline).toHaveAttribute(
      'title',
      /^NBP062 [a-z-]+: .*random_state/
    );
    // Notebook-level findings are shown above the notebook, with room to be read
    // (the content header's box layout gives a child no height of its own).
    const whole = findings.filter(f => f.cell_index === null);
    if (whole.length > 0) {
      const banner = page.locator(
        '.jp-NotebookPanel:visible .nbprod-NotebookBanner'
      );
      await expect(banner).toBeVisible();
      await expect(banner.locator('.nbprod-NotebookBanner-item')).toHaveCount(
        whole.length
      );
      const last = banner.locator('.nbprod-NotebookBanner-item').last();
      const outer = (await banner.boundingBox())!;
      const inner = (await last.boundingBox())!;
      expect(outer.height).toBeGreaterThan(30);
      expect(inner.y + inner.height).toBeLessThanOrEqual(
        outer.y + outer.height + 1
      );
      // The cells start below it.
      const first = (await cell(page, 0).boundingBox())!;
      expect(first.y).toBeGreaterThanOrEqual(outer.y + outer.height - 1);
    }
    // Notebook strings are text: the fixture's markup never becomes an element.
    await expect(page.locator('.jp-NotebookPanel img[src="x"]')).toHaveCount(0);
    await page.screenshot({ path: path.join(DOCS, 'flagged-notebook.png') });
  });

  test('the readiness panel groups findings, scores, jumps and shows rule docs', async ({
    page,
    tmpPath
  }) => {
    const { findings } = await openLinted(page, tmpPath);
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('nbprod:open-readiness-panel')
    );
    const panel = page.locator('#nbprod-readiness');
    await expect(panel).toBeVisible();
    await expect(panel.locator('.nbprod-Finding')).toHaveCount(findings.length);
    const score = Number(
      await panel
        .locator('.nbprod-ReadinessPanel-score')
        .getAttribute('data-score')
    );
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThan(100);
    const categories = await panel
      .locator('.nbprod-Group')
      .evaluateAll(nodes =>
        nodes.map(n => (n as HTMLElement).dataset.category)
      );
    expect(new Set(categories).size).toBe(categories.length);

    const target = findings.find(f => f.code === 'NBP090')!;
    await panel
      .locator('.nbprod-Finding[data-code="NBP090"] .nbprod-Finding-main')
      .first()
      .click();
    await expect(cell(page, target.cell_index!)).toHaveClass(/jp-mod-active/);
    await expect(
      cell(page, target.cell_index!).locator('.cm-editor')
    ).toHaveClass(/cm-focused/);

    // Notebook-level findings come first, in a section of their own.
    const whole = findings.filter(f => f.cell_index === null);
    if (whole.length > 0) {
      await expect(panel.locator('section').first()).toHaveClass(
        /nbprod-NotebookFindings/
      );
      await expect(
        panel.locator('.nbprod-NotebookFindings .nbprod-Finding')
      ).toHaveCount(whole.length);
      await expect(
        panel.locator('.nbprod-Group .nbprod-Finding-where', {
          hasText: /^notebook$/
        })
      ).toHaveCount(0);
    }

    // The rule's documentation is Markdown, rendered (sanitized) by rendermime.
    const item = panel.locator('.nbprod-Finding[data-code="NBP090"]').first();
    await item.locator('.nbprod-Finding-docs').click();
    const doc = item.locator('.nbprod-RuleDoc');
    await expect(doc.locator('.jp-RenderedMarkdown h2').first()).toContainText(
      'What it does'
    );
    await expect(
      doc.locator('.jp-RenderedMarkdown code').first()
    ).toBeVisible();
    await expect(doc).not.toContainText('## What it does');
    // It stays open when a lint (here: an edit elsewhere) rebuilds the list.
    await page.evaluate(() => {
      const cells = (window as any).jupyterapp.shell.currentWidget.content
        .widgets;
      const shared = cells[cells.length - 1].model.sharedModel;
      shared.setSource(shared.getSource() + '\n');
    });
    await page.waitForTimeout(600);
    await expect(doc.locator('.jp-RenderedMarkdown h2').first()).toBeVisible();
    await page.screenshot({ path: path.join(DOCS, 'readiness-panel.png') });
  });

  test('settings: ignoring a rule and the lint triggers take effect at once', async ({
    page,
    tmpPath
  }) => {
    const { findings } = await openLinted(page, tmpPath);
    const setSetting = (key: string, value: unknown) =>
      page.evaluate(
        async ([key, value]) => {
          const registry = await (window as any).galata.getPlugin(
            '@jupyterlab/apputils-extension:settings'
          );
          await registry.set('nbprod:plugin', key, value);
        },
        [key, value] as [string, unknown]
      );
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('nbprod:open-readiness-panel')
    );
    const panel = page.locator('#nbprod-readiness');
    const target = findings.find(f => f.code === 'NBP090')!;
    await expect(
      panel.locator('.nbprod-Finding[data-code="NBP090"]')
    ).not.toHaveCount(0);

    // Rule selection: ignore NBP090, and it leaves the panel and the cell's badge.
    await setSetting('ignore', ['NBP090']);
    await expect(
      panel.locator('.nbprod-Finding[data-code="NBP090"]')
    ).toHaveCount(0);
    const rest = findings.filter(
      f => f.cell_index === target.cell_index && f.code !== 'NBP090'
    ).length;
    const badge = cell(page, target.cell_index!).locator(
      ':scope > .nbprod-CellBadge'
    );
    if (rest > 0) {
      await expect(badge).toHaveText(String(rest));
    } else {
      await expect(badge).toHaveCount(0);
    }
    await expect(
      page.locator(
        '.jp-NotebookPanel:visible .nbprod-Underline[data-nbprod-code="NBP090"]'
      )
    ).toHaveCount(0);

    // Triggers: with lint-as-you-type off an edit is not linted; saving is.
    expect(findings.some(f => f.code === 'NBP092')).toBe(false);
    await setSetting('lintOnEdit', false);
    await page.waitForTimeout(500);
    const linted = await page
      .locator('.jp-NotebookPanel:visible')
      .getAttribute('data-nbprod-linted');
    await page.evaluate(() => {
      const shared = (window as any).jupyterapp.shell.currentWidget.content
        .widgets[0].model.sharedModel;
      shared.setSource(shared.getSource() + '\nbreakpoint()');
    });
    await page.waitForTimeout(1000);
    await expect(page.locator('.jp-NotebookPanel:visible')).toHaveAttribute(
      'data-nbprod-linted',
      linted!
    );
    await expect(
      panel.locator('.nbprod-Finding[data-code="NBP092"]')
    ).toHaveCount(0);
    await page.notebook.save();
    await expect(
      panel.locator('.nbprod-Finding[data-code="NBP092"]')
    ).toHaveCount(1);
    // Ignoring NBP090 still holds on the lint after saving.
    await expect(
      panel.locator('.nbprod-Finding[data-code="NBP090"]')
    ).toHaveCount(0);
  });

  test('notebook strings holding markup render as text, never as HTML', async ({
    page,
    tmpPath
  }) => {
    const dialogs: string[] = [];
    page.on('dialog', dialog => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const name = `${XSS}.ipynb`;
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: {
          name: 'python3',
          display_name: 'Python 3',
          language: 'python'
        }
      },
      cells: [
        {
          cell_type: 'markdown',
          id: 'md',
          metadata: {},
          source: `# Heading ${XSS}\n\nSome text ${XSS}`
        },
        {
          cell_type: 'code',
          id: 'read',
          metadata: {},
          execution_count: 1,
          outputs: [],
          // NBP052 quotes the path in its message and its fix.
          source: `import pandas as pd\ndf = pd.read_csv('/data/${XSS}/train.csv')\nprint(len(df))  # ${XSS}`
        },
        {
          cell_type: 'code',
          id: 'home',
          metadata: {},
          execution_count: 2,
          outputs: [],
          // NBP021 quotes the path too.
          source: `path = '/home/alice/${XSS}.csv'\n`
        }
      ]
    };
    await page.contents.uploadContent(
      JSON.stringify(notebook),
      'text',
      `${tmpPath}/${name}`
    );
    // Galata's openByPath matches the name as a regular expression; open by command.
    await page.evaluate(
      path =>
        (window as any).jupyterapp.commands.execute('docmanager:open', {
          path
        }),
      `${tmpPath}/${name}`
    );
    const nb = page.locator('.jp-NotebookPanel:visible');
    await expect(nb).toHaveAttribute('data-nbprod-linted', /\d+/);

    // Cell markers: the badge's hover text and the underline's.
    const badge = cell(page, 1).locator(':scope > .nbprod-CellBadge');
    await expect(badge).toHaveAttribute('title', new RegExp(escapeRe(XSS)));
    const underline = nb
      .locator('.nbprod-Underline[data-nbprod-code="NBP052"]')
      .first();
    await expect(underline).toContainText(XSS);
    await expect(underline).toHaveAttribute(
      'title',
      new RegExp(`^NBP052 .*${escapeRe(XSS)}`)
    );
    await expect(
      cell(page, 2).locator('.nbprod-Underline[data-nbprod-code="NBP021"]')
    ).toHaveAttribute('title', new RegExp(escapeRe(XSS)));

    // The notebook-level findings header names the notebook, as text.
    const banner = nb.locator('.nbprod-NotebookBanner');
    await expect(banner.locator('.nbprod-NotebookBanner-title')).toContainText(
      name
    );

    // The panel: the notebook's path, the messages and the fix's hover text.
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('nbprod:open-readiness-panel')
    );
    const panel = page.locator('#nbprod-readiness');
    await expect(panel.locator('.nbprod-ReadinessPanel-notebook')).toHaveText(
      `${tmpPath}/${name}`
    );
    const finding = panel.locator('.nbprod-Finding[data-code="NBP052"]');
    await expect(finding.locator('.nbprod-Finding-message')).toContainText(XSS);
    await expect(finding.locator('.nbprod-Finding-fix')).toHaveAttribute(
      'title',
      new RegExp(escapeRe(XSS))
    );
    await expect(
      panel.locator('.nbprod-NotebookFindings .nbprod-Finding')
    ).not.toHaveCount(0);

    // Productionize: the dialog and the preview (title, files, diff).
    await page.evaluate(() => {
      void (window as any).jupyterapp.commands.execute('nbprod:productionize');
    });
    const form = page.locator('.jp-Dialog');
    await expect(form.locator('.nbprod-ExportForm-name')).toHaveValue(
      'img_src_x_onerror_alert_1'
    );
    const output = `${tmpPath}/${XSS}_pipeline`;
    await form.locator('.nbprod-ExportForm-output').fill(output);
    await form.getByRole('button', { name: 'Preview' }).click();
    const preview = page.locator('.jp-Dialog .nbprod-ExportPreview');
    await expect(preview).toBeVisible();
    await expect(page.locator('.jp-Dialog-header')).toContainText(output);
    await expect(preview.locator('.nbprod-ExportPreview-diff')).toContainText(
      `from '${name}'`
    );
    await expect(
      page.locator('.jp-Dialog img, .jp-Dialog [onerror]')
    ).toHaveCount(0);
    await page
      .locator('.jp-Dialog')
      .getByRole('button', { name: 'Cancel' })
      .click();

    // No element was made from the markup anywhere nbprod puts text. JupyterLab's
    // own Markdown cell renders a sanitized <img src="x"> (its onerror stripped).
    await page.waitForTimeout(500);
    const stray = await page.evaluate(() =>
      Array.from(document.querySelectorAll('img[src="x"], [onerror]'))
        .filter(
          node =>
            node.hasAttribute('onerror') ||
            !node.closest('.jp-MarkdownCell .jp-RenderedMarkdown')
        )
        .map(node => node.outerHTML)
    );
    expect(stray).toEqual([]);
    await expect(
      page.locator(
        '#nbprod-readiness img, .nbprod-NotebookBanner img, .nbprod-CellBadge img, .nbprod-Underline img'
      )
    ).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });

  test('dark theme: markers and the panel take the theme colours', async ({
    page,
    tmpPath
  }) => {
    const { findings } = await openLinted(page, tmpPath);
    await page.theme.setDarkTheme();
    expect(await page.theme.getTheme()).toBe('JupyterLab Dark');
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('nbprod:open-readiness-panel')
    );
    const panel = page.locator('#nbprod-readiness');
    await expect(panel.locator('.nbprod-Finding')).toHaveCount(findings.length);
    const flagged = findings.find(f => f.cell_index !== null)!;
    const badge = cell(page, flagged.cell_index!).locator(
      ':scope > .nbprod-CellBadge'
    );
    await expect(badge).toBeVisible();

    const seen = await page.evaluate(
      ([index]) => {
        // The theme's value of a variable, as the browser computes colours.
        const probe = document.createElement('div');
        document.body.appendChild(probe);
        const resolve = (variable: string) => {
          probe.style.color = `var(${variable})`;
          return getComputedStyle(probe).color;
        };
        const cellNode = (window as any).jupyterapp.shell.currentWidget.content
          .widgets[index].node as HTMLElement;
        const badgeNode = cellNode.querySelector(
          ':scope > .nbprod-CellBadge'
        ) as HTMLElement;
        const severity = badgeNode.dataset.severity!;
        const variable = {
          error: '--jp-error-color1',
          warning: '--jp-warn-color1',
          info: '--jp-info-color1'
        }[severity]!;
        const panelNode = document.getElementById('nbprod-readiness')!;
        const message = panelNode.querySelector(
          '.nbprod-Finding-message'
        ) as HTMLElement;
        const result = {
          badge: getComputedStyle(badgeNode).backgroundColor,
          badgeExpected: resolve(variable),
          bar: getComputedStyle(cellNode).boxShadow,
          panel: getComputedStyle(panelNode).backgroundColor,
          panelExpected: resolve('--jp-layout-color1'),
          text: getComputedStyle(message).color,
          textExpected: resolve('--jp-ui-font-color1')
        };
        probe.remove();
        return result;
      },
      [flagged.cell_index!]
    );
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb
        .match(/\d+(\.\d+)?/g)!
        .slice(0, 3)
        .map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    expect(seen.badge).toBe(seen.badgeExpected);
    expect(seen.bar).toContain(seen.badgeExpected);
    expect(seen.panel).toBe(seen.panelExpected);
    expect(seen.text).toBe(seen.textExpected);
    // Dark background, light text: readable, not the light theme's colours.
    expect(luminance(seen.panel)).toBeLessThan(0.3);
    expect(luminance(seen.text)).toBeGreaterThan(0.6);
    await page.screenshot({
      path: path.join(DOCS, 'readiness-panel-dark.png')
    });
  });

  test('a quick fix edits the cell through the model and the finding disappears', async ({
    page,
    tmpPath
  }) => {
    const { findings } = await openLinted(page, tmpPath);
    const target = findings.find(f => f.code === 'NBP062' && f.fix)!;
    const before = findings.filter(f => f.code === 'NBP062').length;
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('nbprod:open-readiness-panel')
    );
    const panel = page.locator('#nbprod-readiness');
    await panel
      .locator('.nbprod-Finding[data-code="NBP062"] .nbprod-Finding-fix')
      .first()
      .click();
    await expect(
      panel.locator('.nbprod-Finding[data-code="NBP062"]')
    ).toHaveCount(before - 1);
    const source = await page.evaluate(
      index =>
        (window as any).jupyterapp.shell.currentWidget.content.widgets[
          index
        ].model.sharedModel.getSource(),
      target.cell_index
    );
    expect(source).toContain('random_state=42');
    // One undo takes the fix back, and the finding returns.
    await cell(page, target.cell_index!).locator('.cm-content').click();
    await page.keyboard.press('Control+z');
    await expect(
      panel.locator('.nbprod-Finding[data-code="NBP062"]')
    ).toHaveCount(before);
  });

  test('Productionize: dialog with defaults, preview, write, README opens', async ({
    page,
    tmpPath
  }) => {
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: {
          name: 'python3',
          display_name: 'Python 3',
          language: 'python'
        }
      },
      cells: [
        {
          cell_type: 'code',
          id: 'p',
          metadata: { tags: ['parameters'] },
          execution_count: 1,
          outputs: [],
          source: 'n = 10'
        },
        {
          cell_type: 'code',
          id: 'q',
          metadata: {},
          execution_count: 2,
          outputs: [],
          source: 'total = sum(range(n))\nprint(total)'
        }
      ]
    };
    await page.contents.uploadContent(
      JSON.stringify(notebook),
      'text',
      `${tmpPath}/tiny.ipynb`
    );
    await page.notebook.openByPath(`${tmpPath}/tiny.ipynb`);
    await page.notebook.activate('tiny.ipynb');
    await page.waitForSelector('.jp-NotebookPanel[data-nbprod-linted]');
    await page
      .locator(
        '.jp-NotebookPanel:visible .jp-Toolbar [data-command="nbprod:productionize"]'
      )
      .click();
    const form = page.locator('.jp-Dialog');
    await expect(form.locator('.nbprod-ExportForm-name')).toHaveValue('tiny');
    await expect(form.locator('.nbprod-ExportForm-output')).toHaveValue(
      `${tmpPath}/tiny_pipeline`
    );
    await page.screenshot({
      path: path.join(DOCS, 'productionize-dialog.png')
    });
    await form.getByRole('button', { name: 'Preview' }).click();
    const preview = page.locator('.jp-Dialog .nbprod-ExportPreview');
    await expect(preview).toBeVisible();
    await expect(
      preview.locator('li[data-status="created"]', { hasText: 'README.md' })
    ).toHaveCount(1);
    await expect(preview.locator('.nbprod-ExportPreview-diff')).toContainText(
      '+++ b/README.md'
    );
    await page.screenshot({
      path: path.join(DOCS, 'productionize-preview.png')
    });
    expect(
      await page.contents.fileExists(`${tmpPath}/tiny_pipeline/README.md`)
    ).toBe(false);
    await page
      .locator('.jp-Dialog')
      .getByRole('button', { name: 'Write package' })
      .click();
    await expect(
      page.getByRole('main').getByRole('tab', { name: /README\.md/ })
    ).toBeVisible();
    await expect(
      page.locator('.jp-DirListing-item[title*="README.md"]').first()
    ).toBeVisible();
    expect(
      await page.contents.fileExists(`${tmpPath}/tiny_pipeline/README.md`)
    ).toBe(true);
  });

  test("Productionize shows the server's error and what to do", async ({
    page,
    tmpPath
  }) => {
    await openLinted(page, tmpPath);
    await page.evaluate(() => {
      void (window as any).jupyterapp.commands.execute('nbprod:productionize');
    });
    await page
      .locator('.jp-Dialog')
      .getByRole('button', { name: 'Preview' })
      .click();
    const next = page.locator('.jp-Dialog');
    await expect(
      next.locator('.nbprod-ExportProblem, .nbprod-ExportPreview')
    ).toBeVisible();
    if ((await next.locator('.nbprod-ExportProblem').count()) > 0) {
      const text = await next.locator('.nbprod-ExportProblem').textContent();
      expect(text).not.toContain('unexpectedly');
      expect(text!.length).toBeGreaterThan(20);
    }
  });

  test('edit -> markers latency on a 200-cell notebook (reported, not asserted)', async ({
    page,
    tmpPath
  }) => {
    const cells = Array.from({ length: 200 }, (_, i) => ({
      cell_type: 'code',
      id: `perf-${i}`,
      metadata: {},
      execution_count: i + 1,
      outputs: [],
      source: `x${i} = [j * ${i} for j in range(10)]\ntotal${i} = sum(x${i})\nprint(total${i})`
    }));
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: {
          name: 'python3',
          display_name: 'Python 3',
          language: 'python'
        }
      },
      cells
    };
    const name = 'perf200.ipynb';
    await page.contents.uploadContent(
      JSON.stringify(notebook),
      'text',
      `${tmpPath}/${name}`
    );
    await page.notebook.openByPath(`${tmpPath}/${name}`);
    await page.notebook.activate(name);
    await page.waitForSelector('.jp-NotebookPanel[data-nbprod-linted]');
    await page.waitForTimeout(1000);
    // Alternately add and remove a flagged line in cell 100; time from the edit
    // to the cell's badge changing.
    const samples: number[] = await page.evaluate(async () => {
      const panel = (window as any).jupyterapp.shell.currentWidget;
      const target = panel.content.widgets[100];
      const original = target.model.sharedModel.getSource();
      const flagged = `${original}\nname = input()`;
      const times: number[] = [];
      for (let i = 0; i < 16; i++) {
        const add = i % 2 === 0;
        const done = new Promise<number>(resolve => {
          const check = () => {
            const has =
              target.node.querySelector(':scope > .nbprod-CellBadge') !== null;
            if (has === add) {
              observer.disconnect();
              resolve(performance.now());
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(target.node, { childList: true });
          setTimeout(() => {
            observer.disconnect();
            resolve(NaN);
          }, 10000);
        });
        const start = performance.now();
        target.model.sharedModel.setSource(add ? flagged : original);
        times.push((await done) - start);
        await new Promise(r => setTimeout(r, 300));
      }
      return times;
    });
    const sorted = [...samples].sort((a, b) => a - b);
    const median = (sorted[7] + sorted[8]) / 2;
    const report = {
      cells: 200,
      samples: samples.map(s => Math.round(s)),
      median_ms: Math.round(median),
      p90_ms: Math.round(sorted[Math.floor(sorted.length * 0.9)]),
      debounce_ms: 'default setting'
    };
    console.log(`nbprod edit->markers latency: ${JSON.stringify(report)}`);
    fs.mkdirSync(path.join(REPO, 'benchmarks', 'results'), { recursive: true });
    fs.writeFileSync(
      path.join(REPO, 'benchmarks', 'results', 'ui-latency.json'),
      JSON.stringify(report, null, 2) + '\n'
    );
    expect(samples.filter(s => Number.isNaN(s))).toEqual([]);
  });
});
