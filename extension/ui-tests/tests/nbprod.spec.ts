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
  return { target, findings: (await reply.json()) as IFinding[] };
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
    // Notebook-level findings are shown above the notebook.
    if (findings.some(f => f.cell_index === null)) {
      await expect(page.locator('.nbprod-NotebookBanner')).toBeVisible();
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

    const item = panel.locator('.nbprod-Finding[data-code="NBP090"]').first();
    await item.locator('.nbprod-Finding-docs').click();
    await expect(item.locator('.nbprod-RuleDoc')).toContainText(
      '## What it does'
    );
    await page.screenshot({ path: path.join(DOCS, 'readiness-panel.png') });
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
