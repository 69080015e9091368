import { TOKEN_HEADER, TOKEN_META } from "../src/api";

/** Reads the console's JSON API. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const token = () => document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`)?.content ?? "";

async function parse<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
  if (!response.ok) throw new ApiError(response.status, body.error ?? "error", body.message ?? response.statusText);
  return body as T;
}

export const getJson = async <T>(path: string): Promise<T> => parse<T>(await fetch(`/console/api/${path}`, { headers: { accept: "application/json" } }));

export const postJson = async <T>(path: string, body: unknown = {}): Promise<T> => parse<T>(await fetch(`/console/api/${path}`, {
  method: "POST",
  headers: { accept: "application/json", "content-type": "application/json", [TOKEN_HEADER]: token() },
  body: JSON.stringify(body),
}));
