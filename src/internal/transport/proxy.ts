// HTTP(S) proxies from the environment, for the Node transport: HTTPS_PROXY / HTTP_PROXY / ALL_PROXY
// and NO_PROXY, upper or lower case (lower wins), read as curl, axios and Node's own NODE_USE_ENV_PROXY
// read them — by proxy-from-env, which axios (under twilio-node) uses. Requests go through a CONNECT
// tunnel made by https-proxy-agent, the agent twilio-node gives axios for HTTP_PROXY. Both load only
// when a proxy variable is set, so a bare import of the Node entry stays as cheap as before.
import type { Agent } from "node:http";

/** Variables that can name a proxy; unless one is set, neither library is loaded. */
const PROXY_VARIABLES = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"];

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
      // proxyEnv: null — Node's own env proxying (NODE_USE_ENV_PROXY) must not proxy the proxy.
      const made = new HttpsProxyAgent(proxy, { keepAlive: true, timeout: idleMs, proxyEnv: null } as object);
      made.protocol = origin.protocol; // node:http checks it against the request's
      return made as unknown as Agent;
    });
    proxyAgents.set(key, agent);
    agent.catch(() => proxyAgents.delete(key));
  }
  return agent;
}
