//! The transport: the only code in shopdesk that touches the network.
//!
//! Every adapter talks to its vendor through a [`Client`]. A request goes through one fixed
//! chain, written once for all vendors:
//!
//! 1. **rate limiter** — waits until the host's "not before" instant, which vendor hints
//!    (`Retry-After`, Shopify's throttle status, BigCommerce's quota headers) push forward;
//! 2. **auth** — the [`AuthScheme`] adds credentials (renewing tokens as needed);
//! 3. **retry** — exponential backoff with jitter for 429/502/503/504, connection errors and
//!    vendor throttles that arrive as 200 (Shopify `THROTTLED`), honouring `Retry-After`; a
//!    POST is retried only when it is marked safe (a read-only query, or it carries an
//!    idempotency key); one renewal of the token after a 401;
//! 4. **size cap** — bodies are read in chunks and abandoned past the cap;
//! 5. **log** — `-v` summaries, `-vv` redacted headers and bodies, JSON lines to `log_file`;
//! 6. **errors** — HTTP status and vendor error bodies become the [`crate::error`] taxonomy;
//!    decoding names the JSON path that failed (`serde_path_to_error`).
//!
//! Vendor specifics enter only as data: [`VendorHooks`] (how to read an error body, how to
//! recognise a throttle) supplied by the adapter's registry entry.

pub mod auth;
pub mod cache;
pub mod jwt;
pub mod log;
pub mod oauth1;

pub use auth::{AuthScheme, GrantStyle, TokenSource};
pub use jwt::JwtGrant;

use crate::error::{Error, Kind, Result};
use crate::secret::Secret;
use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};
use std::sync::Arc;
use std::time::{Duration, Instant};
use url::Url;

/// Vendor-specific readers the transport calls; supplied by each adapter.
#[derive(Clone, Copy)]
pub struct VendorHooks {
    /// Extract the human message from an error body (`{"errors": …}` etc.).
    pub error_message: fn(StatusCode, &[u8]) -> Option<String>,
    /// Recognise a throttle in an otherwise successful response; returns how long to wait.
    pub throttled: fn(&Response) -> Option<Duration>,
    /// Read the vendor's rate-limit state from a response; returns how long the next request
    /// should wait so it is not throttled (pacing instead of hitting the limit).
    pub pace: fn(&Response) -> Option<Duration>,
}

impl Default for VendorHooks {
    fn default() -> Self {
        VendorHooks { error_message: |_, _| None, throttled: |_| None, pace: |_| None }
    }
}

/// The wait a `pace` hook asks for in the last tenth of a request quota: the rest of the
/// `window` spread over the `left` requests. Both numbers are what a vendor's headers say, so
/// none of this may overflow or divide by zero (`left` of 4294967295 once made `left + 1` wrap
/// to a zero divisor): the check is done in `u128` and the divisor saturates.
pub fn spread_over(window: Duration, left: u64, quota: u64) -> Option<Duration> {
    (u128::from(left) * 10 < u128::from(quota))
        .then(|| window / u32::try_from(left.saturating_add(1)).unwrap_or(u32::MAX))
}

/// Transport settings from the profile.
#[derive(Clone, Debug)]
pub struct Settings {
    pub max_retries: u32,
    pub timeout: Duration,
    pub max_body_bytes: usize,
    /// Longest single wait the retry loop accepts (a longer Retry-After fails fast).
    pub max_wait: Duration,
    pub user_agent: String,
    pub ca_file: Option<std::path::PathBuf>,
    /// The response cache for `cacheable` reads (`None` with `--no-cache`).
    pub cache: Option<Arc<cache::Cache>>,
    /// Shortest gap between two requests to this service (a vendor's published pace, e.g. DHL's
    /// free tier: one call per 5 s); zero: none. Concurrent requests take turns.
    pub min_interval: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            max_retries: 4,
            timeout: Duration::from_secs(30),
            max_body_bytes: 16 * 1024 * 1024,
            max_wait: Duration::from_secs(60),
            user_agent: format!("shopdesk/{}", env!("CARGO_PKG_VERSION")),
            ca_file: None,
            cache: None,
            min_interval: Duration::ZERO,
        }
    }
}

/// A form field: secret values are typed so the log can mask them.
#[derive(Clone, Debug)]
pub enum FormField {
    Plain(String),
    Secret(Secret),
}

#[derive(Clone, Debug, Default)]
pub enum Body {
    #[default]
    Empty,
    Json(serde_json::Value),
    Form(Vec<(&'static str, FormField)>),
    Raw {
        content_type: String,
        bytes: Bytes,
    },
}

/// A request relative to a service's base URL.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: Method,
    /// Path relative to the base URL (`admin/api/2026-10/graphql.json`), or absolute URL.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(HeaderName, HeaderValue)>,
    pub body: Body,
    /// Safe to send again after a failure (reads; writes with an idempotency key).
    pub retry_safe: bool,
    /// Never log the response body (token endpoints).
    pub sensitive_response: bool,
    /// A read whose 2xx answer may be served from the response cache.
    pub cacheable: bool,
}

impl Request {
    pub fn new(method: Method, path: &str) -> Self {
        let retry_safe = matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
        Request {
            method: method.clone(),
            path: path.to_string(),
            query: vec![],
            headers: vec![],
            body: Body::Empty,
            retry_safe,
            sensitive_response: false,
            // A GET is a read: cacheable unless the command turns the cache off.
            cacheable: method == Method::GET,
        }
    }
    pub fn get(path: &str) -> Self {
        Self::new(Method::GET, path)
    }
    pub fn post(path: &str) -> Self {
        Self::new(Method::POST, path)
    }
    pub fn json(mut self, v: serde_json::Value) -> Self {
        self.body = Body::Json(v);
        self
    }
    pub fn query(mut self, k: &str, v: impl Into<String>) -> Self {
        self.query.push((k.to_string(), v.into()));
        self
    }
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }
    /// Mark a non-GET request as safe to repeat (read-only GraphQL query).
    pub fn retry_safe(mut self) -> Self {
        self.retry_safe = true;
        self
    }
    /// Attach an idempotency key under the vendor's header; makes the request retry-safe.
    pub fn idempotency_key(mut self, header: HeaderName, key: &str) -> Self {
        if let Ok(v) = HeaderValue::from_str(key) {
            self.headers.push((header, v));
            self.retry_safe = true;
        }
        self
    }
    /// A read-only request whose answer may be cached for a few minutes.
    pub fn cacheable(mut self) -> Self {
        self.cacheable = true;
        self.retry_safe = true;
        self
    }
    pub fn sensitive_response(mut self) -> Self {
        self.sensitive_response = true;
        self
    }
    pub fn basic_auth(mut self, user: &str, pass: &Secret) -> Self {
        use base64::Engine;
        let raw = format!("{user}:{}", pass.expose());
        let enc = base64::engine::general_purpose::STANDARD.encode(raw);
        if let Ok(mut v) = HeaderValue::from_str(&format!("Basic {enc}")) {
            v.set_sensitive(true);
            self.headers.push((reqwest::header::AUTHORIZATION, v));
        }
        self
    }
}

/// A response read in full (under the size cap).
#[derive(Debug, Clone)]
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
    pub url: Url,
    pub retries: u32,
    pub latency: Duration,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    /// A header that is a whole number (rate-limit counters); absent or not a number is `None`.
    pub fn header_u64(&self, name: &str) -> Option<u64> {
        self.header(name)?.trim().parse().ok()
    }
    /// The server's clock, from the `Date` header (for clock-skew checks).
    pub fn server_date(&self) -> Option<jiff::Timestamp> {
        self.header("date").and_then(|d| jiff::fmt::rfc2822::parse(d).ok()).map(|z| z.timestamp())
    }

    pub fn request_id(&self) -> Option<&str> {
        ["x-request-id", "request-id", "x-correlation-id", "paypal-debug-id"]
            .iter()
            .find_map(|h| self.header(h))
    }

    /// Decode JSON, naming the JSON path on failure and recognising HTML and truncation.
    pub fn json<T: serde::de::DeserializeOwned>(&self, service: &str) -> Result<T> {
        decode(service, &self.body, self.header("content-type"))
    }

    /// Like [`Response::json`], but the error never quotes the body (token responses).
    pub(crate) fn json_sensitive<T: serde::de::DeserializeOwned>(&self, service: &str) -> Result<T> {
        serde_json::from_slice(&self.body).map_err(|e| {
            Error::unavailable(format!(
                "{service}: the token endpoint sent an unreadable response ({})",
                e.classify_name()
            ))
        })
    }
}

trait ClassifyName {
    fn classify_name(&self) -> &'static str;
}
impl ClassifyName for serde_json::Error {
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "I/O error",
            serde_json::error::Category::Syntax => "not JSON",
            serde_json::error::Category::Data => "unexpected shape",
            serde_json::error::Category::Eof => "truncated JSON",
        }
    }
}

/// Decode a JSON body with a precise error.
pub fn decode<T: serde::de::DeserializeOwned>(
    service: &str,
    body: &[u8],
    content_type: Option<&str>,
) -> Result<T> {
    let trimmed = body.iter().position(|b| !b.is_ascii_whitespace()).map(|i| &body[i..]).unwrap_or(&[]);
    if trimmed.first() == Some(&b'<') || content_type.is_some_and(|c| c.contains("text/html")) {
        let title = html_title(trimmed);
        return Err(Error::unavailable(format!(
            "{service} answered with an HTML page{} instead of JSON",
            title.map(|t| format!(" (\"{t}\")")).unwrap_or_default()
        ))
        .with_hint("the URL may point at a web page, a proxy or a maintenance page: check `url` for this store in the profile"));
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let what = match inner.classify() {
            serde_json::error::Category::Eof => {
                format!("the response from {service} is truncated JSON ({} bytes)", body.len())
            }
            serde_json::error::Category::Syntax => {
                format!("the response from {service} is not valid JSON: {inner}")
            }
            _ => {
                format!("the response from {service} has an unexpected shape at `{path}`: {inner}")
            }
        };
        Error::unavailable(what).with_hint("retry; if it persists, run with -vv and report the response")
    })
}

fn html_title(body: &[u8]) -> Option<String> {
    let s = String::from_utf8_lossy(&body[..body.len().min(4096)]).to_string();
    let lower = s.to_ascii_lowercase();
    let start = lower.find("<title>")? + 7;
    let end = lower[start..].find("</title>")? + start;
    Some(s[start..end].trim().chars().take(80).collect())
}

/// Why an attempt failed, and whether trying again could help.
struct Failure {
    error: Error,
    transient: bool,
}

impl Failure {
    fn fatal(error: Error) -> Self {
        Failure { error, transient: false }
    }
}

/// One vendor service (a store, gateway, carrier…) reachable over HTTP.
pub struct Client {
    /// Name used in messages and logs, e.g. `demo (shopify)`.
    pub name: String,
    pub base: Url,
    pub auth: AuthScheme,
    pub hooks: VendorHooks,
    pub settings: Settings,
    pub logger: Arc<log::Logger>,
    http: reqwest::Client,
    not_before: std::sync::Mutex<Option<Instant>>,
}

impl Client {
    pub fn new(
        name: String,
        base: Url,
        auth: AuthScheme,
        hooks: VendorHooks,
        settings: Settings,
        logger: Arc<log::Logger>,
    ) -> Result<Self> {
        let mut b = reqwest::Client::builder()
            .user_agent(settings.user_agent.clone())
            .connect_timeout(Duration::from_secs(10))
            .timeout(settings.timeout)
            .redirect(reqwest::redirect::Policy::limited(5));
        if let Some(ca) = &settings.ca_file {
            let pem = std::fs::read(ca).map_err(|e| {
                Error::usage(format!("{name}: cannot read ca_file {}: {e}", ca.display()))
                    .with_hint("fix `ca_file` in the profile")
            })?;
            let cert = reqwest::Certificate::from_pem(&pem).map_err(|e| {
                Error::usage(format!("{name}: ca_file {} is not a PEM certificate: {e}", ca.display()))
            })?;
            b = b.add_root_certificate(cert);
        }
        let http = b.build().map_err(|e| Error::general(format!("cannot build HTTP client: {e}")))?;
        Ok(Client {
            name,
            base,
            auth,
            hooks,
            settings,
            logger,
            http,
            not_before: std::sync::Mutex::new(None),
        })
    }

    /// Resolve a request path against the base URL.
    pub fn url(&self, path: &str) -> Result<Url> {
        if path.starts_with("http://") || path.starts_with("https://") {
            return Url::parse(path).map_err(|e| Error::usage(format!("bad URL `{path}`: {e}")));
        }
        let mut base = self.base.clone();
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        base.join(path.trim_start_matches('/')).map_err(|e| Error::usage(format!("bad path `{path}`: {e}")))
    }

    /// Send with credentials; non-2xx statuses become errors.
    pub async fn send(&self, req: Request) -> Result<Response> {
        let resp = self.send_raw(req, true).await?;
        if resp.status.is_success() { Ok(resp) } else { Err(self.status_error(&resp)) }
    }

    /// Send with credentials and return any status (for `shopdesk api`).
    pub async fn send_any(&self, req: Request) -> Result<Response> {
        self.send_raw(req, true).await
    }

    async fn send_raw(&self, req: Request, with_auth: bool) -> Result<Response> {
        let url = {
            let mut u = self.url(&req.path)?;
            if !req.query.is_empty() {
                u.query_pairs_mut().extend_pairs(req.query.iter());
            }
            u
        };
        let shown_url = log::redact_url(&url);
        let cache = self.settings.cache.as_ref().filter(|_| with_auth);
        if let Some(c) = cache
            && !req.cacheable
            && !matches!(req.method, Method::GET | Method::HEAD)
        {
            // A write (or a probe): whatever was cached for this service may now be stale.
            c.invalidate(&self.cache_scope());
        }
        let cache_key = match (cache, req.cacheable) {
            (Some(c), true) if c.serves() => {
                let body = match &req.body {
                    Body::Json(v) => serde_json::to_vec(v).unwrap_or_default(),
                    Body::Raw { bytes, .. } => bytes.to_vec(),
                    _ => Vec::new(),
                };
                Some(cache::Cache::key(req.method.as_str(), url.as_str(), &body, &self.auth.fingerprint()))
            }
            _ => None,
        };
        if let (Some(c), Some(k)) = (cache, &cache_key)
            && let Some((status, headers, body, age)) = c.get(&self.cache_scope(), k)
        {
            self.logger.note(&format!(
                "{} {} {shown_url} → {status} from the cache ({} s old; --no-cache to refetch)",
                self.name,
                req.method,
                age.as_secs()
            ));
            return Ok(Response { status, headers, body, url, retries: 0, latency: Duration::ZERO });
        }
        let mut retries = 0u32;
        let mut renewed = false;
        loop {
            self.wait_turn().await;
            let started = Instant::now();
            let outcome = self.attempt(&req, &url, with_auth).await;
            let latency = started.elapsed();
            match outcome {
                Ok((status, headers, body)) => {
                    let resp = Response { status, headers, body, url: url.clone(), retries, latency };
                    self.logger.exchange(&log::Entry {
                        service: &self.name,
                        method: req.method.as_str(),
                        url: &shown_url,
                        status: Some(status.as_u16()),
                        latency_ms: latency.as_millis(),
                        request_id: resp.request_id(),
                        retries,
                        error: None,
                    });
                    self.logger.headers("<", &resp.headers);
                    if !req.sensitive_response {
                        self.logger.body("<", &resp.body);
                    }
                    // One token renewal after a 401.
                    if status == StatusCode::UNAUTHORIZED
                        && with_auth
                        && !renewed
                        && self.auth.invalidate().await
                    {
                        renewed = true;
                        self.logger
                            .note(&format!("{}: 401, renewing the access token and retrying", self.name));
                        continue;
                    }
                    if let Some(p) = (self.hooks.pace)(&resp) {
                        self.defer(p);
                    }
                    // Paced from the answer too: the vendor counts from the arrival of the
                    // previous request, which the client only knows has happened by now.
                    if !self.settings.min_interval.is_zero() {
                        self.defer(self.settings.min_interval);
                    }
                    let wait = self.retry_wait(&req, &resp);
                    if wait.is_none()
                        && status.is_success()
                        && let (Some(c), Some(k)) = (cache, &cache_key)
                    {
                        c.put(&self.cache_scope(), k, status, &resp.headers, &resp.body);
                    }
                    match wait {
                        Some(w) if retries < self.settings.max_retries => {
                            if w > self.settings.max_wait {
                                return Err(Error::rate_limited(format!(
                                    "{} asks to wait {} s before retrying, more than the {} s limit",
                                    self.name,
                                    w.as_secs(),
                                    self.settings.max_wait.as_secs()
                                ))
                                .with_hint("try again later"));
                            }
                            retries += 1;
                            self.logger.note(&format!(
                                "{}: {} — retry {retries}/{} in {} ms",
                                self.name,
                                describe(&resp),
                                self.settings.max_retries,
                                w.as_millis()
                            ));
                            self.defer(w);
                            continue;
                        }
                        Some(_) => return Err(self.exhausted(&resp)),
                        None => return Ok(resp),
                    }
                }
                Err(Failure { error: e, transient }) => {
                    self.logger.exchange(&log::Entry {
                        service: &self.name,
                        method: req.method.as_str(),
                        url: &shown_url,
                        status: None,
                        latency_ms: latency.as_millis(),
                        request_id: None,
                        retries,
                        error: Some(&e.message),
                    });
                    if transient && req.retry_safe && retries < self.settings.max_retries {
                        retries += 1;
                        let w = backoff(retries);
                        self.logger.note(&format!(
                            "{}: {} — retry {retries}/{} in {} ms",
                            self.name,
                            e.message,
                            self.settings.max_retries,
                            w.as_millis()
                        ));
                        self.defer(w);
                        continue;
                    }
                    return Err(e);
                }
            }
        }
    }

    /// One attempt: build, send, read the body under the cap.
    async fn attempt(
        &self,
        req: &Request,
        url: &Url,
        with_auth: bool,
    ) -> std::result::Result<(StatusCode, HeaderMap, Bytes), Failure> {
        let mut rb = self.http.request(req.method.clone(), url.clone());
        let mut headers = HeaderMap::new();
        if with_auth {
            // Boxed: obtaining a token sends a request through this same client.
            let form: Vec<(String, String)> = match &req.body {
                Body::Form(fields) => fields
                    .iter()
                    .map(|(k, f)| {
                        let v = match f {
                            FormField::Plain(v) => v.clone(),
                            FormField::Secret(s) => s.expose().to_string(),
                        };
                        (k.to_string(), v)
                    })
                    .collect(),
                _ => Vec::new(),
            };
            if let Some((k, v)) = Box::pin(self.auth.header(self, req.method.as_str(), url, &form))
                .await
                .map_err(Failure::fatal)?
            {
                headers.insert(k, v);
            }
        }
        for (k, v) in &req.headers {
            headers.insert(k.clone(), v.clone());
        }
        headers.insert(reqwest::header::ACCEPT, HeaderValue::from_static("application/json"));
        let body_bytes: Option<(String, Vec<u8>)> = match &req.body {
            Body::Empty => None,
            Body::Json(v) => Some(("application/json".into(), serde_json::to_vec(v).unwrap_or_default())),
            Body::Form(fields) => {
                let mut ser = url::form_urlencoded::Serializer::new(String::new());
                for (k, f) in fields {
                    match f {
                        FormField::Plain(v) => ser.append_pair(k, v),
                        FormField::Secret(s) => ser.append_pair(k, s.expose()),
                    };
                }
                Some(("application/x-www-form-urlencoded".into(), ser.finish().into_bytes()))
            }
            Body::Raw { content_type, bytes } => Some((content_type.clone(), bytes.to_vec())),
        };
        if let Some((ct, _)) = &body_bytes
            && let Ok(v) = HeaderValue::from_str(ct)
        {
            headers.insert(reqwest::header::CONTENT_TYPE, v);
        }
        self.logger.headers(">", &headers);
        if let Some((_, b)) = &body_bytes {
            match &req.body {
                Body::Form(fields) => {
                    let shown: Vec<String> = fields
                        .iter()
                        .map(|(k, f)| match f {
                            FormField::Plain(v) => format!("{k}={v}"),
                            FormField::Secret(_) => format!("{k}=***"),
                        })
                        .collect();
                    if self.logger.verbosity >= 2 {
                        eprintln!("> {}", shown.join("&"));
                    }
                }
                _ => self.logger.body(">", b),
            }
            rb = rb.body(b.clone());
        }
        rb = rb.headers(headers);
        let mut resp = rb.send().await.map_err(|e| self.network_error(url, &e))?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let cap = self.settings.max_body_bytes;
        if let Some(len) = resp.content_length()
            && len as usize > cap
        {
            return Err(Failure::fatal(self.too_big(cap)));
        }
        let mut buf = Vec::new();
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) => {
                    if buf.len() + chunk.len() > cap {
                        return Err(Failure::fatal(self.too_big(cap)));
                    }
                    buf.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return Err(self.network_error(url, &e)),
            }
        }
        Ok((status, headers, Bytes::from(buf)))
    }

    fn too_big(&self, cap: usize) -> Error {
        Error::unavailable(format!(
            "the response from {} is larger than the {} MiB cap; it was not read",
            self.name,
            cap / (1024 * 1024)
        ))
        .with_hint("narrow the request (e.g. a smaller --limit), or raise `max_response_mb` in the profile")
    }

    fn network_error(&self, url: &Url, e: &reqwest::Error) -> Failure {
        let error = self.network_error_inner(url, e);
        // TLS and configuration problems do not go away on retry.
        let transient = !error.message.contains("TLS failure");
        Failure { error, transient }
    }

    fn network_error_inner(&self, url: &Url, e: &reqwest::Error) -> Error {
        let host = url.host_str().unwrap_or("?");
        // reqwest names the URL in its errors: show it masked (GA4's api_secret is in the query).
        let chain = error_chain(e).replace(url.as_str(), &log::redact_url(url));
        let lower = chain.to_ascii_lowercase();
        if e.is_timeout() {
            return Error::unavailable(format!(
                "{}: no answer from {host} within {} s",
                self.name,
                self.settings.timeout.as_secs()
            ))
            .with_hint("the service may be slow or down; try again, or raise `timeout_secs` in the profile");
        }
        let tls = [
            "certificate",
            "tls",
            "handshake",
            "corrupt message",
            "invalidcontenttype",
            "unknownissuer",
            "ssl",
        ];
        if url.scheme() == "https" && tls.iter().any(|w| lower.contains(w)) {
            let ca = match &self.settings.ca_file {
                Some(p) => format!("the configured ca_file {} does not vouch for the server", p.display()),
                None => "no ca_file is configured for this store".to_string(),
            };
            return Error::unavailable(format!("{}: TLS failure talking to {host} ({ca}): {chain}", self.name))
                .with_hint("for a private CA set `ca_file = \"/path/ca.pem\"` on the store in the profile; check that the server speaks HTTPS on that port and that its certificate matches the host name");
        }
        if lower.contains("connection refused") {
            return Error::unavailable(format!(
                "{}: connection refused by {host} ({})",
                self.name,
                log::redact_url(url)
            ))
                .with_hint("is the URL right and the service running? check `url` in the profile (`shopdesk config show`)");
        }
        if e.is_connect() {
            return Error::unavailable(format!("{}: cannot connect to {host}: {chain}", self.name))
                .with_hint("check the network and the store URL");
        }
        Error::unavailable(format!("{}: network error talking to {host}: {chain}", self.name))
            .with_hint("the connection was interrupted; try again")
    }

    /// Should this response be retried, and after how long?
    fn retry_wait(&self, req: &Request, resp: &Response) -> Option<Duration> {
        let s = resp.status;
        let transient = s == StatusCode::TOO_MANY_REQUESTS
            || s == StatusCode::BAD_GATEWAY
            || s == StatusCode::SERVICE_UNAVAILABLE
            || s == StatusCode::GATEWAY_TIMEOUT;
        if transient {
            // A 429 means the request was not processed, so even unsafe requests may repeat.
            if !req.retry_safe && s != StatusCode::TOO_MANY_REQUESTS {
                return None;
            }
            // Retry-After first; else the vendor's own reset hint (BigCommerce sends
            // `X-Rate-Limit-Time-Reset-Ms` and no Retry-After); else exponential backoff.
            return Some(
                retry_after(&resp.headers)
                    .or_else(|| (self.hooks.pace)(resp).filter(|_| s == StatusCode::TOO_MANY_REQUESTS))
                    .unwrap_or_else(|| backoff(resp.retries + 1)),
            );
        }
        if s.is_success()
            && let Some(w) = (self.hooks.throttled)(resp)
        {
            return Some(w.max(Duration::from_millis(10)));
        }
        None
    }

    fn exhausted(&self, resp: &Response) -> Error {
        let what = describe(resp);
        let kind = if resp.status.is_server_error() { Kind::Unavailable } else { Kind::RateLimited };
        Error::new(kind, format!("{}: {what}, still after {} retries", self.name, resp.retries)).with_hint(
            if kind == Kind::RateLimited {
                "the API rate limit is exhausted; wait a minute and retry, or lower the request rate (--limit, --concurrency)"
            } else {
                "the service is failing; try again later"
            },
        )
    }

    /// Map a non-2xx response into the taxonomy, with the vendor's own message.
    pub fn status_error(&self, resp: &Response) -> Error {
        let s = resp.status;
        let vendor = (self.hooks.error_message)(s, &resp.body).unwrap_or_else(|| snippet(&resp.body));
        let vendor = if vendor.is_empty() { String::new() } else { format!(": {vendor}") };
        let rid = resp.request_id().map(|r| format!(" (request id {r})")).unwrap_or_default();
        let name = &self.name;
        match s.as_u16() {
            401 => Error::auth(format!("{name} rejected the credentials (HTTP 401){vendor}{rid}"))
                .with_hint(format!("check `shopdesk auth status`; store a new secret with `shopdesk auth login {}`", self.short_name())),
            403 => Error::auth(format!("{name} denied access (HTTP 403){vendor}{rid}"))
                .with_hint("the credentials lack a permission or scope: grant it to the app, then run `shopdesk test-connection`"),
            404 => Error::not_found(format!("{name}: not found (HTTP 404){vendor}{rid}"))
                .with_hint("check the id, and `url` for this store in the profile"),
            409 => Error::conflict(format!("{name}: conflict (HTTP 409){vendor}{rid}")),
            429 => Error::rate_limited(format!("{name}: rate limited (HTTP 429){vendor}{rid}")),
            400 | 422 => Error::usage(format!("{name} rejected the request (HTTP {}){vendor}{rid}", s.as_u16())),
            500..=599 => Error::unavailable(format!("{name} failed (HTTP {}){vendor}{rid}", s.as_u16()))
                .with_hint("the service is having trouble; try again later"),
            _ => Error::general(format!("{name}: unexpected HTTP {}{vendor}{rid}", s.as_u16())),
        }
    }

    /// What cache entries are grouped (and invalidated) by: this service at this URL.
    fn cache_scope(&self) -> String {
        format!("{} {}", self.name, self.base)
    }

    fn short_name(&self) -> &str {
        self.name.split(' ').next().unwrap_or(&self.name)
    }

    /// Wait for the host's "not before" instant; with a minimum interval, also take the next
    /// slot (the instant moves on by the interval, so concurrent requests queue up in turn).
    async fn wait_turn(&self) {
        let until = {
            let mut nb = self.not_before.lock().unwrap_or_else(|p| p.into_inner());
            let slot = *nb;
            if !self.settings.min_interval.is_zero() {
                let at = slot.map_or_else(Instant::now, |t| t.max(Instant::now()));
                *nb = Some(at + self.settings.min_interval);
                Some(at)
            } else {
                slot
            }
        };
        if let Some(t) = until {
            let now = Instant::now();
            if t > now {
                tokio::time::sleep(t - now).await;
            }
        }
    }

    /// Push the host's "not before" instant forward (rate-limit hint).
    pub fn defer(&self, wait: Duration) {
        let mut nb = self.not_before.lock().unwrap_or_else(|p| p.into_inner());
        let t = Instant::now() + wait;
        if nb.is_none_or(|cur| cur < t) {
            *nb = Some(t);
        }
    }
}

fn describe(resp: &Response) -> String {
    match resp.status.as_u16() {
        200..=299 => "throttled by the API".into(),
        429 => "rate limited (HTTP 429)".into(),
        s => format!("HTTP {s}"),
    }
}

fn snippet(body: &[u8]) -> String {
    let s = String::from_utf8_lossy(&body[..body.len().min(300)]);
    let t = s.trim();
    if t.starts_with('<') { String::new() } else { t.replace('\n', " ") }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        let m = s.to_string();
        if !out.contains(&m) {
            out.push_str(": ");
            out.push_str(&m);
        }
        src = s.source();
    }
    out
}

/// `Retry-After` in seconds (fractional allowed, as Shopify sends) or an HTTP date.
pub fn retry_after(h: &HeaderMap) -> Option<Duration> {
    let v = h.get("retry-after")?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<f64>()
        && secs.is_finite()
        && secs >= 0.0
    {
        return Some(Duration::from_secs_f64(secs));
    }
    let t = jiff::fmt::rfc2822::parse(v).ok()?.timestamp();
    let d = t.duration_since(jiff::Timestamp::now());
    Some(Duration::from_secs_f64(d.as_secs_f64().max(0.0)))
}

/// Exponential backoff with jitter: 250 ms × 2^(n-1), ±25 %, capped at 8 s.
pub fn backoff(attempt: u32) -> Duration {
    let base = 250u64.saturating_mul(1 << attempt.saturating_sub(1).min(5)).min(8000);
    // Jitter from the clock's sub-second noise: good enough to spread clients apart.
    let noise = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as u64)
        .unwrap_or(0);
    let jitter = (noise % (base / 2 + 1)) as i64 - (base / 4) as i64;
    Duration::from_millis((base as i64 + jitter).max(10) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_fractions() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("2.0"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert("retry-after", HeaderValue::from_static("0.25"));
        assert_eq!(retry_after(&h), Some(Duration::from_millis(250)));
        h.insert("retry-after", HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        for n in 1..10 {
            let b = backoff(n).as_millis() as u64;
            let base = (250u64 << (n - 1).min(5)).min(8000);
            assert!(b >= base * 3 / 4 - 1 && b <= base * 5 / 4 + 1, "attempt {n}: {b} vs {base}");
        }
    }

    #[test]
    fn decode_names_path_html_and_truncation() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            a: Vec<U>,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct U {
            n: u32,
        }
        let e = decode::<T>("s", br#"{"a":[{"n":1},{"n":"x"}]}"#, None).unwrap_err();
        assert!(e.message.contains("a[1].n"), "{}", e.message);
        let e = decode::<T>("s", b"<html><title>502 Bad Gateway</title></html>", None).unwrap_err();
        assert!(e.message.contains("HTML page") && e.message.contains("502 Bad Gateway"), "{}", e.message);
        let e = decode::<T>("s", br#"{"a":[{"n":1}"#, None).unwrap_err();
        assert!(e.message.contains("truncated"), "{}", e.message);
    }
}
