import { ServerConnection } from '@jupyterlab/services';

import { NbprodRequestError, postAPI, requestAPI } from '../request';

interface ICall {
  url: string;
  init: RequestInit;
}

function settingsAnswering(status: number, body: string, calls: ICall[]) {
  const fetch = async (input: RequestInfo, init?: RequestInit) => {
    const request = input as Request;
    calls.push({
      url: typeof input === 'string' ? input : request.url,
      init: { ...init, method: request.method, headers: request.headers }
    });
    return new Response(body, { status, statusText: 'X' });
  };
  return ServerConnection.makeSettings({
    baseUrl: 'http://localhost:8888/base/',
    token: 'secret-token',
    fetch: fetch as typeof window.fetch,
    Request: Request,
    Headers: Headers
  } as Partial<ServerConnection.ISettings>);
}

describe('requestAPI goes through ServerConnection.makeRequest', () => {
  it('calls <base_url>/nbprod/<endpoint> with the token and parses JSON', async () => {
    const calls: ICall[] = [];
    document.cookie = '_xsrf=xsrf-value';
    const settings = settingsAnswering(200, '[{"code": "NBP001"}]', calls);
    const reply = await postAPI<{ code: string }[]>(
      'lint',
      { path: 'a.ipynb' },
      settings
    );
    expect(reply).toEqual([{ code: 'NBP001' }]);
    expect(calls).toHaveLength(1);
    expect(calls[0].url.split('?')[0]).toBe(
      'http://localhost:8888/base/nbprod/lint'
    );
    expect(calls[0].init.method).toBe('POST');
    const headers = calls[0].init.headers as Headers;
    expect(headers.get('Authorization')).toBe('token secret-token');
    expect(headers.get('X-XSRFToken')).toBe('xsrf-value');
  });

  it("rejects with the server's message and status", async () => {
    const settings = settingsAnswering(
      400,
      '{"message": "\'path\' must be relative"}',
      []
    );
    await expect(
      requestAPI('lint', { method: 'POST' }, settings)
    ).rejects.toEqual(new NbprodRequestError(400, "'path' must be relative"));
    const failure = (await requestAPI('rules', {}, settings).catch(
      e => e
    )) as NbprodRequestError;
    expect(failure).toBeInstanceOf(NbprodRequestError);
    expect(failure.status).toBe(400);
  });

  it('says what went wrong when an error reply is not JSON', async () => {
    const settings = settingsAnswering(502, '<html>bad gateway</html>', []);
    await expect(requestAPI('rules', {}, settings)).rejects.toThrow(
      'the server answered 502'
    );
  });

  it('rejects a success reply that is not JSON', async () => {
    const settings = settingsAnswering(200, 'not json', []);
    await expect(requestAPI('rules', {}, settings)).rejects.toThrow('not JSON');
  });
});
