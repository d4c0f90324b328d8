// Sign-in with the realm's public client: authorisation code + PKCE (S256). No client secret can
// live in a page, so the code is bound to a verifier only this tab knows. The session lives in
// sessionStorage (per tab, gone when it closes); the strict CSP keeps foreign scripts from it.

const SESSION_KEY = 'portal.session';
const PENDING_KEY = 'portal.pkce';

function base64url(bytes) {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(size) {
  return base64url(crypto.getRandomValues(new Uint8Array(size)));
}

export async function pkceChallenge(verifier) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

/** The claims of a JWT, without verifying it: the page only reads names and roles for display. */
export function claimsOf(token) {
  const part = token.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(decodeURIComponent(escape(json)));
}

function redirectUri() {
  return `${location.origin}/`;
}

export class Auth {
  constructor(config, onChange) {
    this.config = config;
    this.onChange = onChange;
    this.session = null;
    this.refreshTimer = null;
  }

  /** Completes a sign-in coming back from Keycloak, or restores this tab's session. */
  async start() {
    const params = new URLSearchParams(location.search);
    if (params.has('error')) {
      history.replaceState(null, '', location.pathname);
      throw new Error(`connexion refusée par le fournisseur d’identité : ${params.get('error_description') ?? params.get('error')}`);
    }
    if (params.has('code')) {
      await this.#exchange(params.get('code'), params.get('state'));
      return;
    }
    const saved = sessionStorage.getItem(SESSION_KEY);
    if (saved) {
      this.session = JSON.parse(saved);
      if (this.session.expiresAt - Date.now() < 10_000) await this.#refresh();
      else this.#schedule();
    }
  }

  get token() {
    return this.session?.accessToken ?? null;
  }

  get user() {
    if (!this.session) return null;
    const claims = claimsOf(this.session.accessToken);
    return {
      name: claims.name ?? claims.preferred_username ?? 'utilisateur',
      username: claims.preferred_username,
      roles: claims.realm_access?.roles ?? [],
    };
  }

  async signIn() {
    const verifier = randomString(48);
    const state = randomString(16);
    sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo: location.pathname }));
    const url = new URL(this.config.authorizationEndpoint);
    url.search = new URLSearchParams({
      client_id: this.config.clientId,
      response_type: 'code',
      scope: 'openid',
      redirect_uri: redirectUri(),
      state,
      code_challenge: await pkceChallenge(verifier),
      code_challenge_method: 'S256',
      ui_locales: 'fr',
    }).toString();
    location.assign(url.toString());
  }

  signOut() {
    const idToken = this.session?.idToken;
    this.#set(null);
    const url = new URL(this.config.endSessionEndpoint);
    url.search = new URLSearchParams({
      client_id: this.config.clientId,
      post_logout_redirect_uri: redirectUri(),
      ...(idToken ? { id_token_hint: idToken } : {}),
    }).toString();
    location.assign(url.toString());
  }

  async #exchange(code, state) {
    const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null');
    sessionStorage.removeItem(PENDING_KEY);
    history.replaceState(null, '', pending?.returnTo ?? '/');
    // A code arriving without the state this tab sent is someone else's: refuse it.
    if (!pending || pending.state !== state) throw new Error('connexion interrompue (paramètre state inattendu) : reconnectez-vous');
    await this.#token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: this.config.clientId,
      code_verifier: pending.verifier,
    });
  }

  async #refresh() {
    if (!this.session?.refreshToken) return this.#set(null);
    try {
      await this.#token({ grant_type: 'refresh_token', refresh_token: this.session.refreshToken, client_id: this.config.clientId });
    } catch {
      this.#set(null);
    }
  }

  async #token(form) {
    const response = await fetch(this.config.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok || !body.access_token) {
      throw new Error(`jeton refusé par Keycloak : ${body.error_description ?? body.error ?? response.status}`);
    }
    this.#set({
      accessToken: body.access_token,
      refreshToken: body.refresh_token ?? null,
      idToken: body.id_token ?? this.session?.idToken ?? null,
      expiresAt: Date.now() + (body.expires_in ?? 300) * 1000,
    });
  }

  #set(session) {
    const before = this.session?.accessToken ?? null;
    this.session = session;
    if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(SESSION_KEY);
    this.#schedule();
    if (before !== (session?.accessToken ?? null)) this.onChange?.();
  }

  #schedule() {
    clearTimeout(this.refreshTimer);
    if (!this.session) return;
    // Renew a little before expiry so requests and the event stream never carry a dead token.
    const inMs = Math.max(5_000, this.session.expiresAt - Date.now() - 30_000);
    this.refreshTimer = setTimeout(() => void this.#refresh(), inMs);
  }
}
