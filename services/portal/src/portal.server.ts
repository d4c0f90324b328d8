import { request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { dirname, join } from 'node:path';
import express, { type Request, type Response } from 'express';
import type { PortalConfig } from './portal.config';

const PUBLIC_DIR = join(__dirname, '..', 'public');
// Served from the installed package, never a CDN: the page must work with no Internet access.
const LEAFLET_DIR = join(dirname(require.resolve('leaflet/package.json')), 'dist');

/** Request headers the atlas needs; cookies and the rest stay on this side. */
const FORWARDED_REQUEST_HEADERS = ['authorization', 'accept', 'accept-language', 'if-none-match', 'last-event-id'];
/** Response headers the page needs (cache validators, content type, the SSE framing). */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'cache-control', 'etag', 'last-modified', 'content-disposition', 'vary'];

export interface RunningPortal {
  url: string;
  stop(): Promise<void>;
}

/** What the page needs to sign in; endpoints come from the issuer's discovery document. */
export interface PageConfig {
  issuer: string;
  clientId: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  endSessionEndpoint: string;
  atlasBase: string;
}

/**
 * The target of a proxied request: the same path and query on the atlas. Only `/atlas/...` paths
 * are forwarded, and `..` segments are refused so the proxy cannot be walked to other routes.
 */
export function atlasTarget(atlasUrl: string, originalUrl: string): URL | null {
  if (!originalUrl.startsWith('/atlas/')) return null;
  const [path] = originalUrl.split('?');
  const decoded = (segment: string) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return '..'; // a malformed escape is refused like a walk out of /atlas/
    }
  };
  if (path.split('/').some((segment) => segment === '..' || decoded(segment) === '..')) return null;
  const base = new URL(atlasUrl);
  const target = new URL(originalUrl, base);
  if (target.origin !== base.origin) return null;
  return target;
}

/** Content-Security-Policy of the page: own origin only, plus Keycloak for the token exchange. */
export function contentSecurityPolicy(issuer: string): string {
  const keycloak = new URL(issuer).origin;
  return [
    "default-src 'self'",
    `connect-src 'self' ${keycloak}`,
    "img-src 'self' data:",
    // Leaflet positions its panes with style attributes.
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

async function discover(config: PortalConfig): Promise<{ page: PageConfig; discovered: boolean }> {
  const issuer = config.OIDC_ISSUER.replace(/\/$/, '');
  // Keycloak's standard paths, used until (or if) the discovery document answers.
  const fallback: PageConfig = {
    issuer,
    clientId: config.OIDC_CLIENT_ID,
    authorizationEndpoint: `${issuer}/protocol/openid-connect/auth`,
    tokenEndpoint: `${issuer}/protocol/openid-connect/token`,
    endSessionEndpoint: `${issuer}/protocol/openid-connect/logout`,
    atlasBase: '/atlas',
  };
  try {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(3_000) });
    if (!response.ok) return { page: fallback, discovered: false };
    const doc = (await response.json()) as Record<string, string | undefined>;
    const page = {
      ...fallback,
      authorizationEndpoint: doc.authorization_endpoint ?? fallback.authorizationEndpoint,
      tokenEndpoint: doc.token_endpoint ?? fallback.tokenEndpoint,
      endSessionEndpoint: doc.end_session_endpoint ?? fallback.endSessionEndpoint,
    };
    return { page, discovered: true };
  } catch {
    return { page: fallback, discovered: false };
  }
}

function proxyToAtlas(config: PortalConfig) {
  return (req: Request, res: Response) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(405).set('allow', 'GET, HEAD').json({ error: "l'atlas se consulte en lecture seule (GET)", field: 'method' });
      return;
    }
    const target = atlasTarget(config.ATLAS_URL, req.originalUrl);
    if (!target) {
      res.status(400).json({ error: 'chemin refusé', field: 'path' });
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(target, { method: req.method, headers }, (answer: IncomingMessage) => {
      res.status(answer.statusCode ?? 502);
      for (const name of FORWARDED_RESPONSE_HEADERS) {
        const value = answer.headers[name];
        if (value !== undefined) res.setHeader(name, value);
      }
      if (String(answer.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        // Events must reach the page as they come, not when a buffer fills.
        res.setHeader('x-accel-buffering', 'no');
        res.flushHeaders();
      }
      answer.pipe(res);
    });
    // The page closed the EventSource (or navigated away): drop the upstream stream with it.
    res.on('close', () => upstream.destroy());
    upstream.on('error', () => {
      if (res.headersSent) {
        res.end();
        return;
      }
      res.status(502).json({ error: "l'atlas ne répond pas", field: null });
    });
    upstream.end();
  };
}

/**
 * The map page's server: static files, `/config.json` for the sign-in, `/atlas/*` forwarded to the
 * atlas (so the browser has one origin and the atlas needs no CORS for it), `/healthz`.
 *
 * @example
 * const portal = await startPortal(loadPortalConfig(process.env));
 * console.log(portal.url); // http://127.0.0.1:4200
 */
export async function startPortal(config: PortalConfig): Promise<RunningPortal> {
  const app = express();
  app.disable('x-powered-by');
  let pageConfig: ReturnType<typeof discover> | null = null;
  const csp = contentSecurityPolicy(config.OIDC_ISSUER);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/config.json', async (_req, res) => {
    pageConfig ??= discover(config);
    const { page, discovered } = await pageConfig;
    // Keep retrying discovery on later requests while Keycloak is still starting.
    if (!discovered) pageConfig = null;
    res.set('cache-control', 'no-store').json(page);
  });
  app.use('/atlas', proxyToAtlas(config));
  app.use((_req, res, next) => {
    res.set({
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    next();
  });
  app.use('/vendor/leaflet', express.static(LEAFLET_DIR, { maxAge: '1h', fallthrough: false }));
  app.use(express.static(PUBLIC_DIR, { index: 'index.html', maxAge: 0 }));
  // The sign-in returns to any path under the origin (redirect http://127.0.0.1:4200/*): serve the page.
  app.use((req, res) => {
    if (req.method !== 'GET' || req.path.includes('.')) {
      res.status(404).json({ error: 'introuvable', field: 'path' });
      return;
    }
    res.sendFile(join(PUBLIC_DIR, 'index.html'));
  });

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.PORTAL_PORT, config.HOST, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  // PORTAL_PORT=0 lets the system pick a free port (tests); report the one actually bound.
  const port = typeof address === 'object' && address ? address.port : config.PORTAL_PORT;
  return {
    url: `http://${config.HOST}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
