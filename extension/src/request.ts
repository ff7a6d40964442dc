import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

/**
 * An error reply of an /nbprod/ route: the HTTP status and the server's message.
 */
export class NbprodRequestError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
    this.name = 'NbprodRequestError';
  }
}

/**
 * Call a route of nbprod's server extension (`<base_url>/nbprod/<endpoint>`).
 *
 * Every request of the extension goes through here, hence through
 * `ServerConnection.makeRequest`, which adds the token and the XSRF header.
 * Resolves to the parsed JSON reply; rejects with an `NbprodRequestError`
 * carrying the server's `message` (or a network error's text).
 */
export async function requestAPI<T>(
  endpoint = '',
  init: RequestInit = {},
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): Promise<T> {
  const url = URLExt.join(settings.baseUrl, 'nbprod', endpoint);
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(url, init, settings);
  } catch (error) {
    throw new NbprodRequestError(
      0,
      `cannot reach the Jupyter server: ${String(
        (error as Error).message ?? error
      )}`
    );
  }
  const text = await response.text();
  let data: unknown = undefined;
  if (text.length > 0) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const message =
      data && typeof (data as { message?: unknown }).message === 'string'
        ? (data as { message: string }).message
        : `the server answered ${response.status} ${response.statusText}`;
    throw new NbprodRequestError(response.status, message);
  }
  if (data === undefined) {
    throw new NbprodRequestError(
      response.status,
      'the server sent a reply that is not JSON'
    );
  }
  return data as T;
}

/** POST a JSON body to a route. */
export function postAPI<T>(
  endpoint: string,
  body: unknown,
  settings?: ServerConnection.ISettings
): Promise<T> {
  return requestAPI<T>(
    endpoint,
    { method: 'POST', body: JSON.stringify(body) },
    settings
  );
}
