/**
 * The ids of every command nbprod's extension adds.
 */
export namespace CommandIDs {
  /** Lint the current notebook now. */
  export const lint = 'nbprod:lint';
  /** Show the Production readiness side panel. */
  export const openPanel = 'nbprod:open-readiness-panel';
  /** Preview and write the production package of the current notebook. */
  export const productionize = 'nbprod:productionize';
}
