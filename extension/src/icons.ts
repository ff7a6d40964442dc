import { LabIcon } from '@jupyterlab/ui-components';

/** A gauge: the readiness panel. */
export const readinessIcon = new LabIcon({
  name: 'nbprod:readiness',
  svgstr:
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24"><g class="jp-icon3" fill="#616161"><path d="M12 4a10 10 0 0 0-10 10h2a8 8 0 0 1 16 0h2A10 10 0 0 0 12 4z"/><path d="M11 14.5 16.5 8l1.4 1.4-5.9 6.1a1.5 1.5 0 1 1-1-1z"/></g></svg>'
});

/** A box with an arrow: export as a package. */
export const productionizeIcon = new LabIcon({
  name: 'nbprod:productionize',
  svgstr:
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24"><g class="jp-icon3" fill="#616161"><path d="M3 8l9-5 9 5v10l-9 5-9-5zm2 1.2v7.6l6 3.4v-7.6zm14 0-6 3.4v7.6l6-3.4zM12 5.3 6.1 8.6 12 11.9l5.9-3.3z"/></g></svg>'
});
