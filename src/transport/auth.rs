//! Authentication schemes, applied by the transport to every request.
//!
//! Adapters choose a scheme; they never put credentials on a request themselves. OAuth2-style
//! client-credentials grants (Shopify Dev Dashboard apps, and later PayPal and the carriers)
//! share [`TokenSource`]: it fetches a token on demand, caches it in memory until shortly before
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
#[derive(Clone, Copy, Debug)]
pub enum GrantStyle {
    /// `application/x-www-form-urlencoded` body with `grant_type`, `client_id`, `client_secret`
    /// (Shopify, FedEx).
    FormBody,
    /// HTTP Basic with id:secret and a form body with `grant_type` only (PayPal, UPS).
    BasicHeader,
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

    async fn fetch(&self, client: &Client) -> Result<(Secret, Option<Instant>)> {
        let mut fields = vec![("grant_type", FormField::Plain("client_credentials".into()))];
        let mut req = Request::post(&self.token_path).sensitive_response();
        match self.style {
            GrantStyle::FormBody => {
                fields.push(("client_id", FormField::Plain(self.client_id.clone())));
                fields.push(("client_secret", FormField::Secret(self.client_secret.clone())));
            }
            GrantStyle::BasicHeader => {
                req = req.basic_auth(&self.client_id, &self.client_secret);
            }
        }
        req.body = Body::Form(fields);
        let resp = client.send_unauthenticated(req).await.map_err(|e| {
            if e.kind == crate::error::Kind::Auth {
                Error::auth(format!(
                    "{}: the token endpoint refused the client credentials: {}",
                    client.name, e.message
                ))
                .with_hint(format!(
                    "check client_id in the profile and the stored client secret (`shopdesk auth login {}`)",
                    client.name
                ))
            } else {
                e
            }
        })?;
        #[derive(serde::Deserialize)]
        struct TokenResponse {
            access_token: String,
            #[serde(default)]
            expires_in: Option<serde_json::Value>,
        }
        let t: TokenResponse = resp.json_sensitive(&client.name)?;
        // Some vendors send expires_in as a string (UPS); accept both.
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
