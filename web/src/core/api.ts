/**
 * Thin JSON client for /api/v1. Sends the session's CSRF token on unsafe methods, and on a
 * 403 `auth.csrf` fetches a fresh session token and retries once.
 */
export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    title: string,
    readonly errors: FieldError[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(title);
  }
}

export interface RoleGrant {
  role: string;
  scopeType: string;
  scopeId: string | null;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  organizationId: string | null;
  isDemo: boolean;
  roles: RoleGrant[];
}

export interface Session {
  user: SessionUser | null;
  csrfToken: string | null;
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** The CSRF header for requests made outside this client (uploads, streams). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

const BASE = '/api/v1';

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  return fetch(BASE + path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** How problem titles and field messages become interface text; set by core/messages.ts. */
let translator = {
  problem: (_code: string, title: string, _status: number) => title,
  field: (message: string) => message,
};
export function setMessageTranslator(t: typeof translator) {
  translator = t;
}

async function toError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  const code = typeof body.code === 'string' ? body.code : `http.${res.status}`;
  const title = typeof body.title === 'string' ? body.title : res.statusText;
  const errors = Array.isArray(body.errors) ? (body.errors as FieldError[]).map((e) => ({ ...e, message: translator.field(e.message) })) : [];
  return new ApiError(res.status, code, translator.problem(code, title, res.status), errors, body);
}

export async function fetchSession(): Promise<Session> {
  const session = await request<Session>('GET', '/auth/session');
  setCsrfToken(session.csrfToken);
  return session;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res = await send(method, path, body);
  if (res.status === 403 && method !== 'GET') {
    const err = await toError(res.clone());
    if (err.code === 'auth.csrf') {
      await fetchSession();
      res = await send(method, path, body);
    }
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** Query string from an object, leaving out empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const out = s.toString();
  return out ? `?${out}` : '';
}

/** Reads a streamed NDJSON answer (imports' progress), calling `onLine` for each line as it arrives. */
export async function readNdjson<T>(res: Response, onLine: (line: T) => void): Promise<void> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      onLine(JSON.parse(buffer.slice(0, nl)) as T);
      buffer = buffer.slice(nl + 1);
    }
  }
}
