// HTTP(S) proxies from the environment, for the Node transport: HTTPS_PROXY / HTTP_PROXY / ALL_PROXY
// and NO_PROXY, upper or lower case (lower wins), read as curl, axios and Node's own NODE_USE_ENV_PROXY
// read them — by proxy-from-env, which axios (under twilio-node) uses. Requests go through a CONNECT
// tunnel made by https-proxy-agent, the agent twilio-node gives axios for HTTP_PROXY. Both load only
// when a proxy variable is set, so a bare import of the Node entry stays as cheap as before.
import type { Agent, ClientRequest } from "node:http";
import type { HttpsProxyAgent } from "https-proxy-agent";
import { PROXY_VARIABLES } from "../settings.js";
import { onAbandon } from "./connect.js";

/** One tunnelling agent per proxy and protocol, shared by every client, as direct agents are. */
const proxyAgents = new Map<string, Promise<Agent>>();

/** @internal Whether the environment names a proxy at all (read when a client is made). */
export function proxyConfigured(
  env: Record<string, string | undefined> | undefined = globalThis.process?.env,
): boolean {
  return env !== undefined && PROXY_VARIABLES.some((name) => Boolean(env[name]));
}

/**
 * @internal The agent that carries requests to `origin` through the proxy the environment names
 * for it, or undefined when NO_PROXY exempts it (or no variable covers its protocol).
 */
export async function proxyAgentFor(origin: URL, idleMs: number): Promise<Agent | undefined> {
  const { getProxyForUrl } = await import("proxy-from-env");
  const proxy = getProxyForUrl(origin.href);
  if (!proxy) return undefined;
  const key = `${origin.protocol} ${proxy}`;
  let agent = proxyAgents.get(key);
  if (!agent) {
    agent = import("https-proxy-agent").then(({ HttpsProxyAgent }) => {
      if (!URL.canParse(proxy)) throw invalidProxy();
      // proxyEnv: null — Node's own env proxying (NODE_USE_ENV_PROXY) must not proxy the proxy.
      const made = new (cancellable(HttpsProxyAgent))(proxy, {
        keepAlive: true,
        timeout: idleMs,
        proxyEnv: null,
      } as object);
      made.protocol = origin.protocol; // node:http checks it against the request's
      return made as unknown as Agent;
    });
    proxyAgents.set(key, agent);
    agent.catch(() => proxyAgents.delete(key));
  }
  return agent;
}

/** The proxy's URL stays out of the error: it may hold the proxy's password. Nothing was sent. */
function invalidProxy(): Error {
  return Object.assign(
    new Error("the proxy the environment names (HTTPS_PROXY, HTTP_PROXY or ALL_PROXY) is not a URL"),
    {
      code: "ERR_INVALID_PROXY_URL",
      requestSent: false,
    },
  );
}

/**
 * https-proxy-agent, closing its connection to the proxy when the request is given up before the
 * tunnel is made (a proxy that never answers CONNECT would otherwise hold it open for good).
 */
function cancellable(Base: typeof HttpsProxyAgent) {
  return class CancellableTunnel extends Base<string> {
    override connect(request: ClientRequest, options: Parameters<HttpsProxyAgent<string>["connect"]>[1]) {
      // super.connect opens its socket from connectOpts before it first awaits; for that moment they
      // carry a signal of this request's own (net.Socket's `signal` option destroys the socket).
      const tunnel = new AbortController();
      const shared = this.connectOpts;
      this.connectOpts = { ...shared, signal: tunnel.signal };
      try {
        return super.connect(request, options);
      } finally {
        this.connectOpts = shared;
        onAbandon(request, () => tunnel.abort());
      }
    }
  };
}
