//! Stores (Shopify, and later WooCommerce, Magento, BigCommerce): the [`Commerce`] trait and
//! the registry.
//!
//! Opening a store is the same for every platform and lives here, not in the adapters: look up
//! the profile's store table, fetch its secrets, build the transport [`Client`] with the auth
//! scheme the platform's [`Info`] describes, then hand the client to the adapter's `build`.

pub mod bigcommerce;
pub mod magento;
pub mod shopify;
pub mod woocommerce;

use crate::config::{AuthMode, StoreConfig};
use crate::domain::{
    Customer, FinancialStatus, Fulfillment, FulfillmentStatus, NewFulfillment, Note, Order, OrderStatus,
    OrderSummary, Refund, RefundQuote, RefundSpec, WebhookSubscription, refund_marker,
};
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::oauth1::{SignatureMethod, Signer};
use crate::transport::{AuthScheme, Client, GrantStyle, TokenSource, VendorHooks};
use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::Arc;

/// Every store platform shopdesk speaks. One line per platform.
pub static REGISTRY: &[&Info] = &[&shopify::INFO, &woocommerce::INFO, &magento::INFO, &bigcommerce::INFO];

/// A platform's registry entry.
pub struct Info {
    /// The `platform = "…"` value in the profile.
    pub name: &'static str,
    /// Human name for messages.
    pub display: &'static str,
    /// Header that carries the access token, and its prefix (`Bearer ` or empty).
    pub token_header: (&'static str, &'static str),
    /// Client-credentials token endpoint relative to the store URL, if the platform has one.
    pub token_path: Option<&'static str>,
    pub grant_style: GrantStyle,
    /// The auth modes the platform supports and the secret fields each needs, default first.
    pub auth_modes: &'static [(AuthMode, &'static [&'static str])],
    /// Largest page the list endpoint accepts.
    pub max_page_size: u32,
    /// Permissions shopdesk needs, checked by `test-connection`.
    pub needed_scopes: &'static [&'static str],
    pub default_api_version: Option<&'static str>,
    pub hooks: VendorHooks,
    pub build: fn(Store) -> Box<dyn Commerce>,
}

/// What an adapter is built from.
pub struct Store {
    pub name: String,
    pub config: StoreConfig,
    pub client: Client,
}

impl Store {
    pub fn api_version(&self, info: &Info) -> String {
        self.config.api_version.clone().or(info.default_api_version.map(str::to_string)).unwrap_or_default()
    }
    /// The `Source` stamped on every record from this store.
    pub fn source(&self, platform: &str, platform_id: impl Into<String>) -> crate::domain::Source {
        crate::domain::Source {
            store: self.name.clone(),
            platform: platform.into(),
            platform_id: platform_id.into(),
        }
    }
}

/// How the user named an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderRef {
    /// `#1001`: the human order number.
    Number(String),
    /// `1001` or `450789469`: a number or an internal id; the adapter decides.
    Bare(String),
    /// A platform-global id such as `gid://shopify/Order/450789469`.
    Global(String),
}

impl OrderRef {
    pub fn parse(s: &str) -> Result<OrderRef> {
        let t = s.trim();
        let digits = |x: &str| !x.is_empty() && x.len() <= 20 && x.chars().all(|c| c.is_ascii_digit());
        if let Some(rest) = t.strip_prefix("gid://") {
            let parts: Vec<&str> = rest.split('/').collect();
            if parts.len() == 3 && parts[1] == "Order" && digits(parts[2]) {
                return Ok(OrderRef::Global(t.to_string()));
            }
        } else if let Some(n) = t.strip_prefix('#') {
            if digits(n) {
                return Ok(OrderRef::Number(n.to_string()));
            }
        } else if digits(t) {
            return Ok(OrderRef::Bare(t.to_string()));
        }
        Err(Error::usage(format!("`{s}` is not an order reference"))
            .with_hint("use the order number (1001 or #1001), the internal id (450789469), or a gid://shopify/Order/… id"))
    }
}

impl std::fmt::Display for OrderRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OrderRef::Number(n) => write!(f, "#{n}"),
            OrderRef::Bare(n) | OrderRef::Global(n) => f.write_str(n),
        }
    }
}

/// How the user named a customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerKey {
    Email(String),
    Id(String),
}

impl CustomerKey {
    pub fn parse(s: &str) -> Result<CustomerKey> {
        let t = s.trim();
        if t.contains('@') {
            let ok =
                t.split_once('@').is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !t.contains(' '));
            if ok {
                return Ok(CustomerKey::Email(t.to_ascii_lowercase()));
            }
        } else if !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || "/:_-".contains(c)) {
            return Ok(CustomerKey::Id(t.to_string()));
        }
        Err(Error::usage(format!("`{s}` is neither an email address nor a customer id"))
            .with_hint("e.g. `shopdesk customer get jane@example.com`"))
    }
}

fn unsupported(info: &Info, what: &str) -> Error {
    Error::unsupported(info.display, what, "see `shopdesk --help` for what each platform offers")
}

/// A store without a webhook API: polling is the way to learn of changes.
pub fn no_webhooks(display: &str) -> Error {
    Error::unsupported(
        display,
        "webhooks",
        "poll for changes instead, e.g. `shopdesk order search --since 1h` from cron",
    )
}

/// Filters for `order search`, vendor-neutral.
#[derive(Debug, Clone, Default)]
pub struct OrderQuery {
    pub email: Option<String>,
    pub status: Option<OrderStatus>,
    pub financial_status: Option<FinancialStatus>,
    pub fulfillment_status: Option<FulfillmentStatus>,
    pub since: Option<jiff::Timestamp>,
    pub until: Option<jiff::Timestamp>,
}

/// One page of results and the cursor for the next.
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

/// A cursor for page-number paging (`page`/`per_page` on WooCommerce, `page`/`limit` on
/// BigCommerce v2, `currentPage`/`pageSize` on Magento). It carries the page size of the first
/// request: `order search` asks for smaller pages near the end of `--limit`, and changing
/// `per_page` between page numbers would skip or repeat rows, so later pages keep the size the
/// first one used (the caller only takes what it needs). Encoded as `"{page}:{size}"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageNumber {
    pub page: u32,
    pub size: u32,
}

impl PageNumber {
    /// Read the cursor handed back by a previous page, or start at page 1 with `size`.
    pub fn from_cursor(cursor: Option<&str>, size: u32) -> Result<PageNumber> {
        let Some(c) = cursor else { return Ok(PageNumber { page: 1, size: size.max(1) }) };
        let parsed =
            c.split_once(':').and_then(|(p, s)| Some((p.parse::<u32>().ok()?, s.parse::<u32>().ok()?)));
        match parsed {
            Some((page, size)) if page >= 1 && size >= 1 => Ok(PageNumber { page, size }),
            _ => Err(Error::usage(format!("`{c}` is not a page cursor")).with_hint("start the search again")),
        }
    }
    /// The cursor for the page after this one.
    pub fn next_cursor(self) -> String {
        format!("{}:{}", self.page + 1, self.size)
    }
}

/// What `test-connection` learns from a store.
#[derive(Debug, Clone, Default)]
pub struct Probe {
    pub shop_name: Option<String>,
    pub api_version_pinned: Option<String>,
    pub api_version_served: Option<String>,
    pub deprecation: Option<String>,
    pub scopes_granted: Option<Vec<String>>,
    pub server_date: Option<jiff::Timestamp>,
    pub request_id: Option<String>,
}

/// What every store adapter does.
#[async_trait]
pub trait Commerce: Send + Sync {
    fn info(&self) -> &'static Info;
    fn store(&self) -> &Store;
    /// One order, in full. `NotFound` when it does not exist.
    async fn order(&self, r: &OrderRef) -> Result<Order>;
    /// One page of a search, newest first.
    async fn search_page(
        &self,
        q: &OrderQuery,
        cursor: Option<&str>,
        page_size: u32,
    ) -> Result<Page<OrderSummary>>;
    /// An order's fulfillments (shipments).
    async fn fulfillments(&self, r: &OrderRef) -> Result<Vec<Fulfillment>> {
        Ok(self.order(r).await?.fulfillments)
    }
    /// Notes (comments) on an order, oldest first.
    async fn notes(&self, r: &OrderRef) -> Result<Vec<Note>> {
        let _ = r;
        Err(unsupported(self.info(), "order notes"))
    }
    /// Add a note; `notify_customer` makes it customer-visible (and emailed, where the platform does).
    async fn add_note(&self, r: &OrderRef, text: &str, notify_customer: bool) -> Result<Note> {
        let _ = (r, text, notify_customer);
        Err(unsupported(self.info(), "adding order notes"))
    }
    /// Record a shipment with tracking for the order's unfulfilled items.
    async fn create_fulfillment(&self, r: &OrderRef, f: &NewFulfillment) -> Result<Fulfillment> {
        let _ = (r, f);
        Err(unsupported(self.info(), "creating fulfillments"))
    }
    /// The refunds made on an order so far (read fresh: a refund is about to depend on it).
    async fn refunds(&self, r: &OrderRef) -> Result<Vec<Refund>> {
        Ok(self.order(r).await?.refunds)
    }
    /// What a refund would be, from the store's own quote API where it has one (computed from
    /// the order where it has none). Sends no mutating request. Asking for more than is
    /// refundable (a quantity, shipping, an amount) is a usage error naming what is left.
    async fn refund_quote(&self, r: &OrderRef, spec: &RefundSpec) -> Result<RefundQuote> {
        let _ = (r, spec);
        Err(unsupported(self.info(), "refunds"))
    }
    /// Make the refund `q` describes. `key` is the idempotency key: sent as the vendor's own
    /// idempotency mechanism where there is one, and always stored on the refund as
    /// [`refund_marker`] (note, reason, comment) so [`Commerce::find_refund`] can find it.
    async fn refund_create(&self, q: &RefundQuote, spec: &RefundSpec, key: &str) -> Result<Refund> {
        let _ = (q, spec, key);
        Err(unsupported(self.info(), "refunds"))
    }
    /// The refund made with `key`, if one landed: how a rerun after an unknown outcome (a lost
    /// answer, a crash) learns whether to send again.
    async fn find_refund(&self, r: &OrderRef, key: &str) -> Result<Option<Refund>> {
        let marker = refund_marker(key);
        Ok(self
            .refunds(r)
            .await?
            .into_iter()
            .find(|f| f.note.as_deref().is_some_and(|n| n.contains(&marker))))
    }
    /// Customers by email (several may match) or by id.
    async fn customers(&self, key: &CustomerKey) -> Result<Vec<Customer>> {
        let _ = key;
        Err(unsupported(self.info(), "customer lookup"))
    }
    /// The store's webhook subscriptions, oldest first. `topic` is the vendor topic (the
    /// command maps it to a portable one).
    async fn webhooks(&self) -> Result<Vec<WebhookSubscription>> {
        Err(no_webhooks(self.info().display))
    }
    /// Subscribe `url` to the vendor topic `topic`. `secret` is the signing secret for vendors
    /// that take one at creation (WooCommerce); the others sign with the app's client secret.
    async fn webhook_create(
        &self,
        topic: &str,
        url: &str,
        secret: Option<&Secret>,
    ) -> Result<WebhookSubscription> {
        let _ = (topic, url, secret);
        Err(no_webhooks(self.info().display))
    }
    /// Remove a subscription by its id. `NotFound` when there is none.
    async fn webhook_delete(&self, id: &str) -> Result<()> {
        let _ = id;
        Err(no_webhooks(self.info().display))
    }
    /// Reachability, auth, scopes and API version, for `test-connection`.
    async fn probe(&self) -> Result<Probe>;
    /// Resolve a path given to `shopdesk api` (relative to the API root) into a request path.
    fn api_path(&self, path: &str) -> String;
}

/// Find a platform's entry.
pub fn info(platform: &str) -> Option<&'static Info> {
    REGISTRY.iter().copied().find(|i| i.name == platform)
}

/// Platform names, for config validation and help.
pub fn platform_names() -> Vec<&'static str> {
    REGISTRY.iter().map(|i| i.name).collect()
}

/// The secret fields a store needs under its auth mode; a usage error for a mode the platform
/// does not support.
pub fn secret_fields(store: &str, cfg: &StoreConfig) -> Result<&'static [&'static str]> {
    let info = info(&cfg.platform)
        .ok_or_else(|| Error::usage(format!("store {store}: unsupported platform `{}`", cfg.platform)))?;
    info.auth_modes.iter().find(|(m, _)| *m == cfg.auth).map(|(_, f)| *f).ok_or_else(|| {
        let modes = info.auth_modes.iter().map(|(m, _)| m.name()).collect::<Vec<_>>().join(", ");
        Error::usage(format!(
            "store {store}: {} does not support auth = \"{}\"",
            info.display,
            cfg.auth.name()
        ))
        .with_hint(format!("use one of: {modes}"))
    })
}

/// Build the auth scheme from the store's auth mode, its secrets (by field name) and the
/// platform's entry.
pub fn auth_scheme(
    info: &Info,
    store: &str,
    cfg: &StoreConfig,
    secrets: &HashMap<&'static str, Secret>,
) -> Result<AuthScheme> {
    let get = |f: &str| {
        secrets.get(f).cloned().ok_or_else(|| Error::auth(format!("store {store}: secret `{f}` missing")))
    };
    let name = reqwest::header::HeaderName::from_static(info.token_header.0);
    let prefix = info.token_header.1;
    Ok(match cfg.auth {
        AuthMode::Token => AuthScheme::Header { name, prefix, secret: get("access_token")? },
        AuthMode::ClientCredentials => {
            let path = info.token_path.ok_or_else(|| {
                Error::usage(format!("store {store}: {} has no client-credentials grant", info.display))
                    .with_hint("use auth = \"token\"")
            })?;
            let id = cfg.client_id.clone().unwrap_or_default();
            let source = TokenSource::new(path, id, get("client_secret")?, info.grant_style.clone());
            AuthScheme::Token { name, prefix, source: Arc::new(source) }
        }
        AuthMode::Basic => AuthScheme::Basic { user: get("consumer_key")?, pass: get("consumer_secret")? },
        AuthMode::Oauth1 => {
            let method = cfg
                .signature_method
                .as_deref()
                .and_then(SignatureMethod::parse)
                .unwrap_or(SignatureMethod::HmacSha256);
            let token = match (secrets.get("access_token"), secrets.get("access_token_secret")) {
                (Some(t), Some(s)) => Some((t.clone(), s.clone())),
                _ => None,
            };
            AuthScheme::OAuth1(Arc::new(Signer {
                consumer_key: get("consumer_key")?,
                consumer_secret: get("consumer_secret")?,
                token,
                method,
            }))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_refs() {
        assert_eq!(OrderRef::parse("#1001").unwrap(), OrderRef::Number("1001".into()));
        assert_eq!(OrderRef::parse("1001").unwrap(), OrderRef::Bare("1001".into()));
        assert_eq!(OrderRef::parse(" 450789469 ").unwrap(), OrderRef::Bare("450789469".into()));
        assert!(matches!(OrderRef::parse("gid://shopify/Order/450789469").unwrap(), OrderRef::Global(_)));
        for bad in ["abc", "#", "#10a", "gid://shopify/Customer/1", "gid://shopify/Order/x", "", "10-01"] {
            let e = OrderRef::parse(bad).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}");
        }
    }

    #[test]
    fn page_number_cursor_keeps_the_first_size() {
        let first = PageNumber::from_cursor(None, 100).unwrap();
        assert_eq!(first, PageNumber { page: 1, size: 100 });
        let next = first.next_cursor();
        assert_eq!(PageNumber::from_cursor(Some(&next), 30).unwrap(), PageNumber { page: 2, size: 100 });
        assert_eq!(PageNumber::from_cursor(Some("x"), 5).unwrap_err().exit_code(), 2);
        assert_eq!(PageNumber::from_cursor(Some("0:5"), 5).unwrap_err().exit_code(), 2);
    }

    #[test]
    fn registry_names_are_unique() {
        let mut n = platform_names();
        n.sort();
        n.dedup();
        assert_eq!(n.len(), REGISTRY.len());
    }
}
