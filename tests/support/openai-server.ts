import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server speaking the OpenAI HTTP API (Responses and Chat Completions, non-streaming), for
 * running the real @ai-sdk/openai provider against scripted answers.
 */

/** One scripted answer. `answer` is sent as the model's JSON text; `text` verbatim (e.g. broken JSON). */
export type ScriptedReply = (
  | { answer: unknown }
  | { text: string }
  /** Never answers: the client's timeout has to end the request. */
  | { hang: true }
  | { status: number; message: string }
) & { usage?: { input: number; output: number } };

export interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
  /** Every message's text, in order, role-tagged: what the model was told. */
  messages: Array<{ role: string; text: string }>;
}

export interface OpenAIServer {
  /** Base URL for `createOpenAI({ baseURL })` or OPENAI_BASE_URL. */
  baseURL: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startOpenAIServer(
  script: ScriptedReply[] | ((request: RecordedRequest, index: number) => ScriptedReply),
): Promise<OpenAIServer> {
  const requests: RecordedRequest[] = [];
  const next = (request: RecordedRequest): ScriptedReply | undefined =>
    typeof script === 'function' ? script(request, requests.length - 1) : script[requests.length - 1];

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return sendError(res, 400, 'request body is not JSON');
    }
    const path = (req.url ?? '').split('?')[0] ?? '';
    const api = path.endsWith('/responses') ? 'responses' : path.endsWith('/chat/completions') ? 'chat' : undefined;
    if (req.method !== 'POST' || !api) return sendError(res, 404, `no such endpoint: ${req.method} ${path}`);
    if (body.stream === true) return sendError(res, 400, 'this test server does not stream');
    const request: RecordedRequest = { path, authorization: req.headers.authorization, body, messages: messagesOf(api, body) };
    requests.push(request);
    const reply = next(request);
    if (!reply) return sendError(res, 500, `no scripted reply for request ${requests.length}`);
    if ('hang' in reply) return; // the socket stays open until the client gives up or the server closes
    if ('status' in reply) return sendError(res, reply.status, reply.message);
    const text = 'answer' in reply ? JSON.stringify(reply.answer) : reply.text;
    const usage = reply.usage ?? { input: Math.ceil(raw.length / 4), output: Math.ceil(text.length / 4) };
    const model = typeof body.model === 'string' ? body.model : 'unknown';
    send(
      res,
      200,
      api === 'responses' ? responsesBody(model, text, usage, requests.length) : chatBody(model, text, usage, requests.length),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function responsesBody(model: string, text: string, usage: { input: number; output: number }, n: number) {
  return {
    id: `resp_${n}`,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    model,
    status: 'completed',
    output: [
      {
        type: 'message',
        id: `msg_${n}`,
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text, annotations: [] }],
      },
    ],
    incomplete_details: null,
    usage: { input_tokens: usage.input, output_tokens: usage.output, total_tokens: usage.input + usage.output },
  };
}

function chatBody(model: string, text: string, usage: { input: number; output: number }, n: number) {
  return {
    id: `chatcmpl_${n}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
  };
}

/** Responses: `input` items (content is a string or parts); Chat: `messages`. */
function messagesOf(api: 'responses' | 'chat', body: Record<string, unknown>): Array<{ role: string; text: string }> {
  const items = (api === 'responses' ? body.input : body.messages) as Array<{ role?: string; content?: unknown }> | undefined;
  const messages = (items ?? []).map((item) => ({ role: item.role ?? 'unknown', text: textOf(item.content) }));
  if (typeof body.instructions === 'string') messages.unshift({ role: 'system', text: body.instructions });
  return messages;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: { text?: unknown }) => (typeof part.text === 'string' ? part.text : '')).join('');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string): void {
  send(res, status, { error: { message, type: 'invalid_request_error', param: null, code: 'scripted_error' } });
}
