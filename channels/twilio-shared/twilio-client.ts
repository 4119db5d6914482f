import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

type RequestOptions<TData> = RequestClient.RequestOptions<TData>;

/**
 * twilio's own HTTP client with the API origin swapped: every call to https://*.twilio.com goes to `baseUrl`
 * instead (a proxy, or the local stand-in server in tests), path and query untouched. The rewrite happens
 * after twilio picked the product host (api, messaging, ...), so region/edge settings cannot mangle it.
 */
class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: URL,
    options: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(options);
  }

  override request<TData>(opts: RequestOptions<TData>) {
    const target = new URL(opts.uri);
    const rewritten = new URL(`${this.baseUrl.pathname.replace(/\/+$/, '')}${target.pathname}${target.search}`, this.baseUrl.origin);
    return super.request<TData>({ ...opts, uri: rewritten.toString() });
  }
}

export type TwilioClientSettings = { accountSid: string; authToken: string; apiBaseUrl?: string; timeoutMs?: number };

/** A REST client for one account; `apiBaseUrl` (TWILIO_API_BASE_URL) points it somewhere other than api.twilio.com. */
export function createTwilioClient(settings: TwilioClientSettings): twilio.Twilio {
  const timeout = settings.timeoutMs ?? 15_000;
  return twilio(settings.accountSid, settings.authToken, {
    timeout,
    autoRetry: false,
    ...(settings.apiBaseUrl ? { httpClient: new BaseUrlRequestClient(new URL(settings.apiBaseUrl), { timeout }) } : {}),
  });
}
