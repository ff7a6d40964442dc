/**
 * Galata (Playwright) configuration for nbprod's UI tests, on Debian's Chromium
 * (no browser download). Run through scripts/ui-test.sh.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const port = Number(process.env.NBPROD_UI_PORT || 8888);

module.exports = {
  ...baseConfig,
  testDir: './tests',
  outputDir: process.env.NBPROD_UI_RESULTS || '/tmp/nbprod-ui-results',
  reporter: [['list']],
  retries: 0,
  workers: 1,
  timeout: 120000,
  use: {
    ...baseConfig.use,
    baseURL: `http://localhost:${port}`,
    viewport: { width: 1400, height: 900 },
    video: 'off',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.NBPROD_CHROMIUM || '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    }
  },
  webServer: {
    command: `jupyter lab --config extension/ui-tests/jupyter_server_test_config.py --ServerApp.port=${port}`,
    cwd: '../..',
    url: `http://localhost:${port}/lab`,
    timeout: 120000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe'
  }
};
