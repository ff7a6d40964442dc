import {
  ILayoutRestorer,
  type JupyterFrontEnd,
  type JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker, type NotebookPanel } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { Signal } from '@lumino/signaling';

import { CommandIDs } from './commands';
import { NotebookLinter } from './diagnostics/linter';
import { ReadinessPanel } from './diagnostics/panel';
import { productionizeIcon, readinessIcon } from './icons';
import { productionize } from './productionize/dialog';
import {
  DEFAULT_SETTINGS,
  INbprodFindings,
  type INbprodSettings,
  type INotebookFindings
} from './tokens';

const PLUGIN_ID = 'nbprod:plugin';

class FindingsRegistry implements INbprodFindings {
  readonly changed: Signal<INbprodFindings, INotebookFindings> = new Signal<
    INbprodFindings,
    INotebookFindings
  >(this);
  readonly linters = new Map<NotebookPanel, NotebookLinter>();

  get(panel: NotebookPanel): INotebookFindings | undefined {
    return this.linters.get(panel);
  }
}

function readSettings(
  settings: ISettingRegistry.ISettings | null
): INbprodSettings {
  if (!settings) {
    return { ...DEFAULT_SETTINGS };
  }
  const get = <K extends keyof INbprodSettings>(key: K): INbprodSettings[K] => {
    const value = settings.get(key).composite;
    return (
      value === undefined ? DEFAULT_SETTINGS[key] : value
    ) as INbprodSettings[K];
  };
  return {
    lintOnOpen: get('lintOnOpen'),
    lintOnSave: get('lintOnSave'),
    lintOnExecute: get('lintOnExecute'),
    lintOnEdit: get('lintOnEdit'),
    debounceMs: Math.max(0, Number(get('debounceMs'))),
    select: get('select'),
    ignore: get('ignore') ?? [],
    underline: get('underline')
  };
}

/**
 * nbprod in JupyterLab: lint notebooks as they change, show the findings on
 * their cells and in a readiness panel, apply quick fixes, and productionize.
 */
const plugin: JupyterFrontEndPlugin<INbprodFindings> = {
  id: PLUGIN_ID,
  description:
    'Flags demo-only patterns on notebook cells, a production readiness panel, quick fixes and Productionize.',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [
    ISettingRegistry,
    ICommandPalette,
    ILayoutRestorer,
    IRenderMimeRegistry
  ],
  provides: INbprodFindings,
  activate: async (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    registry: ISettingRegistry | null,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    rendermime: IRenderMimeRegistry | null
  ): Promise<INbprodFindings> => {
    const findings = new FindingsRegistry();
    let settings = { ...DEFAULT_SETTINGS };
    // Track notebooks before the settings load (a notebook restored at start-up
    // must not be missed); linters read the settings each time they need them.
    const track = (panel: NotebookPanel) => {
      if (findings.linters.has(panel)) {
        return;
      }
      const linter = new NotebookLinter(panel, () => settings);
      findings.linters.set(panel, linter);
      linter.changed.connect(() => findings.changed.emit(linter));
      panel.disposed.connect(() => findings.linters.delete(panel));
    };
    tracker.widgetAdded.connect((_, panel) => track(panel));
    tracker.forEach(track);
    if (registry) {
      try {
        const loaded = await registry.load(PLUGIN_ID);
        const relintAll = () => {
          for (const linter of findings.linters.values()) {
            void linter.lint();
          }
        };
        settings = readSettings(loaded);
        if (JSON.stringify(settings) !== JSON.stringify(DEFAULT_SETTINGS)) {
          relintAll(); // a notebook restored at start-up linted with defaults
        }
        // A changed rule selection or trigger takes effect at once.
        loaded.changed.connect(() => {
          settings = readSettings(loaded);
          relintAll();
        });
      } catch (reason) {
        console.warn(
          'nbprod: settings could not be loaded; using defaults',
          reason
        );
      }
    }

    const panel = new ReadinessPanel(tracker, findings, rendermime);
    panel.title.icon = readinessIcon;
    app.shell.add(panel, 'right', { rank: 600 });
    restorer?.add(panel, panel.id);

    const current = () => tracker.currentWidget;
    const enabled = () => current() !== null;
    app.commands.addCommand(CommandIDs.lint, {
      label: 'Lint Notebook with nbprod',
      isEnabled: enabled,
      execute: async () => {
        const notebook = current();
        if (notebook) {
          await findings.linters.get(notebook)?.lint();
        }
      }
    });
    app.commands.addCommand(CommandIDs.openPanel, {
      label: 'Show Production Readiness',
      icon: readinessIcon,
      execute: () => app.shell.activateById(panel.id)
    });
    app.commands.addCommand(CommandIDs.productionize, {
      label: 'Productionize',
      caption: 'Export this notebook as a production pipeline package',
      icon: productionizeIcon,
      isEnabled: enabled,
      execute: async () => {
        const notebook = current();
        if (notebook) {
          await productionize(notebook, app.commands);
        }
      }
    });
    if (palette) {
      for (const command of [
        CommandIDs.lint,
        CommandIDs.openPanel,
        CommandIDs.productionize
      ]) {
        palette.addItem({ command, category: 'nbprod' });
      }
    }
    return findings;
  }
};

export default plugin;
