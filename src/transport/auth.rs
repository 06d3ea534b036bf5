//! Authentication schemes, applied by the transport to every request.
//!
//! Adapters choose a scheme; they never put credentials on a request themselves. OAuth2-style
//! client-credentials grants (Shopify Dev Dashboard apps, PayPal and the carriers) share
//! [`TokenSource`]: it fetches a token on demand, caches it in memory until shortly before
//! it expires, and is invalidated by the transport after a 401 so the next attempt renews it.
//! The vendor differences (where the credentials go, how the token is presented) are data
//! ([`GrantStyle`], header name and prefix), not code.

use super::{Body, Client, FormField, Request};
use crate::error::{Error, Result};
use crate::secret::Secret;
use reqwest::header::{HeaderName, HeaderValue};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// How credentials are presented on each request.
#[derive(Clone)]
pub enum AuthScheme {
    /// No credentials (token endpoints themselves, public resources).
    None,
    /// A static secret in a header, e.g. `X-Shopify-Access-Token: shpat_…`.
    Header { name: HeaderName, prefix: &'static str, secret: Secret },
    /// HTTP Basic (WooCommerce over HTTPS). Refused over plain HTTP, where it would expose the
    /// secret to anyone on the path.
    Basic { user: Secret, pass: Secret },
    /// OAuth 1.0a signature per request (WooCommerce over HTTP, Magento integrations).
    OAuth1(Arc<super::oauth1::Signer>),
    /// An obtained token in a header, renewed on expiry and after a 401.
    Token { name: HeaderName, prefix: &'static str, source: Arc<TokenSource> },
}

impl AuthScheme {
    /// The header to put on a request, obtaining a token first if needed.
    pub(super) async fn header(
        &self,
        client: &Client,
        method: &str,
        url: &url::Url,
        form: &[(String, String)],
    ) -> Result<Option<(HeaderName, HeaderValue)>> {
        let (name, prefix, value) = match self {
            AuthScheme::None => return Ok(None),
            AuthScheme::Header { name, prefix, secret } => (name.clone(), *prefix, secret.clone()),
            AuthScheme::Token { name, prefix, source } => {
                (name.clone(), *prefix, source.token(client).await?)
            }
            AuthScheme::Basic { user, pass } => {
                if url.scheme() != "https" {
                    return Err(Error::usage(format!(
                        "{}: refusing to send Basic auth over plain HTTP to {}: it would expose the consumer secret to anyone on the network",
                        client.name,
                        url.host_str().unwrap_or("?")
                    ))
                    .with_hint("use an https:// url for the store, or auth = \"oauth1\" (signed requests) for a plain-HTTP store"));
                }
                use base64::Engine;
                let raw = format!("{}:{}", user.expose(), pass.expose());
                let enc = Secret::new(base64::engine::general_purpose::STANDARD.encode(raw));
                (reqwest::header::AUTHORIZATION, "Basic ", enc)
            }
            AuthScheme::OAuth1(signer) => {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0);
                let h = signer.authorization(method, url, form, &super::oauth1::nonce(), now);
                (reqwest::header::AUTHORIZATION, "", Secret::new(h))
            }
        };
        let mut v = HeaderValue::from_str(&format!("{prefix}{}", value.expose())).map_err(|_| {
            Error::auth(format!(
                "the credential for {} contains characters not allowed in an HTTP header",
                client.name
            ))
            .with_hint("store it again with `shopdesk auth login`")
        })?;
        v.set_sensitive(true);
        Ok(Some((name.clone(), v)))
    }

    /// A one-way hash of the credential, so cached answers are never served to another one.
    pub(super) fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let material = match self {
            AuthScheme::None => String::new(),
            AuthScheme::Header { secret, .. } => secret.expose().to_string(),
            AuthScheme::Token { source, .. } => {
                format!("{}:{}", source.client_id, source.client_secret.expose())
            }
            AuthScheme::Basic { user, pass } => format!("{}:{}", user.expose(), pass.expose()),
            AuthScheme::OAuth1(s) => format!(
                "{}:{}:{}",
                s.consumer_key.expose(),
                s.consumer_secret.expose(),
                s.token.as_ref().map(|(t, _)| t.expose()).unwrap_or_default()
            ),
        };
        Sha256::digest(material.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Called after a 401: forget a cached token so the retry renews it. Returns whether a
    /// retry can help.
    pub(super) async fn invalidate(&self) -> bool {
        match self {
            AuthScheme::Token { source, .. } => source.invalidate().await,
            _ => false,
        }
    }
}

/// Where the client credentials go in the token request.
#[derive(Clone, Debug)]
pub enum GrantStyle {
    /// `application/x-www-form-urlencoded` body with `grant_type`, `client_id`, `client_secret`
    /// (Shopify, FedEx).
    FormBody,
    /// HTTP Basic with id:secret and a form body with `grant_type` only (PayPal, UPS).
    BasicHeader,
    /// A JSON body `{"client_id","client_secret","grant_type":"client_credentials"}` (USPS APIs
    /// v3). The secret is in the body, so it relies on the log masking `client_secret` in JSON
    /// bodies at `-vv` ([`super::log`]).
    JsonBody,
    /// The JWT bearer grant (RFC 7523): `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`
    /// and an RS256 `assertion` signed with the private key held as the client secret
    /// (Salesforce's JWT flow, Google service accounts). `client_id` is unused.
    JwtBearer(super::jwt::JwtGrant),
}

/// Obtains and caches an access token with the client-credentials grant.
pub struct TokenSource {
    pub token_path: String,
    pub client_id: String,
    pub client_secret: Secret,
    pub style: GrantStyle,
    /// Renew this long before the announced expiry.
    pub margin: Duration,
    cached: Mutex<Option<(Secret, Option<Instant>)>>,
    /// The non-secret fields of the last token answer (Salesforce's `instance_url`).
    fields: Mutex<serde_json::Map<String, serde_json::Value>>,
}

impl TokenSource {
    pub fn new(
        token_path: impl Into<String>,
        client_id: String,
        client_secret: Secret,
        style: GrantStyle,
    ) -> Self {
        TokenSource {
            token_path: token_path.into(),
            client_id,
            client_secret,
            style,
            margin: Duration::from_secs(60),
            cached: Mutex::new(None),
            fields: Mutex::new(serde_json::Map::new()),
        }
    }

    async fn token(&self, client: &Client) -> Result<Secret> {
        let mut guard = self.cached.lock().await;
        if let Some((tok, exp)) = guard.as_ref() {
            if exp.is_none_or(|e| Instant::now() + self.margin < e) {
                return Ok(tok.clone());
            }
            client.logger.note(&format!("{}: access token expires soon; renewing", client.name));
        }
        let (tok, exp) = self.fetch(client).await?;
        *guard = Some((tok.clone(), exp));
        Ok(tok)
    }

    async fn invalidate(&self) -> bool {
        self.cached.lock().await.take().is_some()
    }

    /// A string field of the token answer other than the token itself, obtaining a token first
    /// if there is none yet: Salesforce answers with the `instance_url` every API call goes to.
    pub async fn field(&self, client: &Client, name: &str) -> Result<Option<String>> {
        self.token(client).await?;
        Ok(self.fields.lock().await.get(name).and_then(|v| v.as_str()).map(str::to_string))
    }

    async fn fetch(&self, client: &Client) -> Result<(Secret, Option<Instant>)> {
        let mut fields = vec![("grant_type", FormField::Plain("client_credentials".into()))];
        let mut req = Request::post(&self.token_path).sensitive_response();
        req.body = match &self.style {
            GrantStyle::FormBody => {
                fields.push(("client_id", FormField::Plain(self.client_id.clone())));
                fields.push(("client_secret", FormField::Secret(self.client_secret.clone())));
                Body::Form(fields)
            }
            GrantStyle::BasicHeader => {
                req = req.basic_auth(&self.client_id, &self.client_secret);
                Body::Form(fields)
            }
            GrantStyle::JsonBody => Body::Json(serde_json::json!({
                "client_id": self.client_id,
                "client_secret": self.client_secret.expose(),
                "grant_type": "client_credentials",
            })),
            GrantStyle::JwtBearer(grant) => {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0);
                let jwt = super::jwt::assertion(grant, &self.client_secret, now)?;
                Body::Form(vec![
                    ("grant_type", FormField::Plain("urn:ietf:params:oauth:grant-type:jwt-bearer".into())),
                    ("assertion", FormField::Secret(jwt)),
                ])
            }
        };
        let resp = client.send_raw(req, false).await?;
        if !resp.status.is_success() {
            let e = client.status_error(&resp);
            // RFC 6749 §5.2: a refused grant is a 400 with `invalid_grant` / `invalid_client`
            // (Google's JWT bearer grant, Salesforce): a credential problem, like a 401.
            let refused = resp.status == reqwest::StatusCode::BAD_REQUEST
                && oauth_error(&resp.body).is_some_and(|c| {
                    matches!(c.as_str(), "invalid_grant" | "invalid_client" | "unauthorized_client")
                });
            if e.kind != crate::error::Kind::Auth && !refused {
                return Err(e);
            }
            let short = client.name.split(' ').next().unwrap_or(&client.name);
            let (what, hint) = match &self.style {
                GrantStyle::JwtBearer(_) => (
                    "the signed JWT assertion",
                    format!(
                        "check the profile's issuer settings (client_id or service_account, username, audience); the vendor must hold the public half of the stored private_key (`shopdesk auth login {short}`), and a Salesforce user must be pre-authorised for the app"
                    ),
                ),
                _ => (
                    "the client credentials",
                    format!(
                        "check client_id in the profile and the stored client secret (`shopdesk auth login {short}`)"
                    ),
                ),
            };
            return Err(Error::auth(format!(
                "{}: the token endpoint refused {what}: {}",
                client.name, e.message
            ))
            .with_hint(hint));
        }
        #[derive(serde::Deserialize)]
        struct TokenResponse {
            access_token: String,
            #[serde(default)]
            expires_in: Option<serde_json::Value>,
            #[serde(flatten)]
            rest: serde_json::Map<String, serde_json::Value>,
        }
        let mut t: TokenResponse = resp.json_sensitive(&client.name)?;
        // Keep what a later call may need (instance_url), never anything secret.
        t.rest.retain(|k, _| !k.contains("token") && k != "signature" && k != "id_token");
        *self.fields.lock().await = std::mem::take(&mut t.rest);
        // Some vendors send expires_in as a string (UPS, USPS); accept both.
        let secs = match t.expires_in {
            Some(serde_json::Value::Number(n)) => n.as_u64(),
            Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        };
        client.logger.note(&format!(
            "{}: obtained an access token{}",
            client.name,
            secs.map(|s| format!(" valid for {s} s")).unwrap_or_default()
        ));
        Ok((Secret::new(t.access_token), secs.map(|s| Instant::now() + Duration::from_secs(s))))
    }
}

/// The OAuth `error` code of a token endpoint's error body (`{"error":"invalid_grant",…}`).
fn oauth_error(body: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    v.get("error")?.as_str().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::{Settings, VendorHooks, log::Logger};
    use axum::http::{HeaderMap, StatusCode};
    use axum::routing::{get, post};
    use std::sync::Mutex as StdMutex;

    /// A token endpoint taking the JSON grant and a resource that accepts only the newest token.
    #[derive(Default)]
    struct Server {
        grants: Vec<serde_json::Value>,
        content_types: Vec<String>,
        valid: Option<String>,
        unauthorized: usize,
        expires_in: &'static str,
    }

    async fn serve(state: Arc<StdMutex<Server>>) -> url::Url {
        let token = {
            let state = state.clone();
            move |headers: HeaderMap, body: axum::body::Bytes| {
                let state = state.clone();
                async move {
                    let mut s = state.lock().unwrap();
                    let ct = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
                    s.content_types.push(ct.to_string());
                    let grant: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
                    s.grants.push(grant);
                    let tok = format!("tok-{}", s.grants.len());
                    s.valid = Some(tok.clone());
                    axum::Json(serde_json::json!({
                        "access_token": tok, "token_type": "Bearer", "expires_in": s.expires_in,
                    }))
                }
            }
        };
        let thing = {
            let state = state.clone();
            move |headers: HeaderMap| {
                let state = state.clone();
                async move {
                    let mut s = state.lock().unwrap();
                    let got = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
                    if s.valid.as_ref().is_some_and(|t| got == format!("Bearer {t}")) {
                        StatusCode::OK
                    } else {
                        s.unauthorized += 1;
                        StatusCode::UNAUTHORIZED
                    }
                }
            }
        };
        let app = axum::Router::new().route("/token", post(token)).route("/thing", get(thing));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        format!("http://{addr}/").parse().unwrap()
    }

    fn client(base: url::Url) -> Client {
        let source = TokenSource::new("token", "app-id".into(), Secret::new("s3cret"), GrantStyle::JsonBody);
        let auth = AuthScheme::Token {
            name: reqwest::header::AUTHORIZATION,
            prefix: "Bearer ",
            source: Arc::new(source),
        };
        Client::new(
            "test".into(),
            base,
            auth,
            VendorHooks::default(),
            Settings::default(),
            Arc::new(Logger::quiet()),
        )
        .unwrap()
    }

    #[tokio::test]
    async fn json_grant_is_cached_and_renewed_once_after_a_401() {
        let state = Arc::new(StdMutex::new(Server { expires_in: "3599", ..Server::default() }));
        let c = client(serve(state.clone()).await);
        c.send(Request::get("thing")).await.unwrap();
        c.send(Request::get("thing")).await.unwrap();
        {
            let s = state.lock().unwrap();
            assert_eq!(s.grants.len(), 1, "cached until expiry (string expires_in)");
            assert_eq!(
                s.grants[0],
                serde_json::json!({"client_id": "app-id", "client_secret": "s3cret", "grant_type": "client_credentials"})
            );
            assert_eq!(s.content_types[0], "application/json");
        }
        // The server forgets the token: one 401, one renewal, then success.
        state.lock().unwrap().valid = None;
        c.send(Request::get("thing")).await.unwrap();
        let s = state.lock().unwrap();
        assert_eq!((s.grants.len(), s.unauthorized), (2, 1));
        drop(s);
        // The token body at -vv: the secret is masked.
        let shown = crate::transport::log::redact_body(br#"{"client_id":"app-id","client_secret":"s3cret"}"#);
        assert!(!shown.contains("s3cret"), "{shown}");
    }

    #[tokio::test]
    async fn a_token_about_to_expire_is_renewed_before_use() {
        // 30 s is inside the 60 s renewal margin: every request fetches a new token.
        let state = Arc::new(StdMutex::new(Server { expires_in: "30", ..Server::default() }));
        let c = client(serve(state.clone()).await);
        c.send(Request::get("thing")).await.unwrap();
        c.send(Request::get("thing")).await.unwrap();
        let s = state.lock().unwrap();
        assert_eq!((s.grants.len(), s.unauthorized), (2, 0));
    }
}
