import type { NotebookPanel } from '@jupyterlab/notebook';
import { Token } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';

import type { Finding } from './findings';

/** The settings of the extension (see `extension/schema/plugin.json`). */
export interface INbprodSettings {
  lintOnOpen: boolean;
  lintOnSave: boolean;
  lintOnExecute: boolean;
  lintOnEdit: boolean;
  debounceMs: number;
  select: string[] | null;
  ignore: string[];
  underline: boolean;
}

export const DEFAULT_SETTINGS: INbprodSettings = {
  lintOnOpen: true,
  lintOnSave: true,
  lintOnExecute: true,
  lintOnEdit: true,
  debounceMs: 150,
  select: null,
  ignore: [],
  underline: true
};

/** The lint state of one notebook. */
export interface INotebookFindings {
  readonly panel: NotebookPanel;
  /** The findings of the last completed lint. */
  readonly findings: Finding[];
  /** Why the last lint failed, or which rules crashed in it (the other rules' findings are shown), or null. */
  readonly error: string | null;
  /** Emits after each lint, with its findings shown in the notebook. */
  readonly changed: ISignal<INotebookFindings, void>;
  /** Lint now (skipping the debounce). */
  lint(): Promise<void>;
}

/** The per-notebook lint states, for other plugins (and the readiness panel). */
export interface INbprodFindings {
  get(panel: NotebookPanel): INotebookFindings | undefined;
  /** Emits when a notebook's findings change. */
  readonly changed: ISignal<INbprodFindings, INotebookFindings>;
}

export const INbprodFindings = new Token<INbprodFindings>(
  'nbprod:INbprodFindings',
  'The findings of nbprod on the open notebooks.'
);
