//! Stores (Shopify, and later WooCommerce, Magento, BigCommerce): the [`Commerce`] trait and
//! the registry.
//!
//! Opening a store is the same for every platform and lives here, not in the adapters: look up
//! the profile's store table, fetch its secrets, build the transport [`Client`] with the auth
//! scheme the platform's [`Info`] describes, then hand the client to the adapter's `build`.

pub mod shopify;

use crate::config::{AuthMode, StoreConfig};
use crate::domain::{
    FinancialStatus, Fulfillment, FulfillmentStatus, Order, OrderStatus, OrderSummary,
};
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::{AuthScheme, Client, GrantStyle, TokenSource, VendorHooks};
use async_trait::async_trait;
use std::sync::Arc;

/// Every store platform shopdesk speaks. One line per platform.
pub static REGISTRY: &[&Info] = &[&shopify::INFO];

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
        self.config
            .api_version
            .clone()
            .or(info.default_api_version.map(str::to_string))
            .unwrap_or_default()
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
        let digits =
            |x: &str| !x.is_empty() && x.len() <= 20 && x.chars().all(|c| c.is_ascii_digit());
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

/// Build the auth scheme from the store's auth mode and the platform's entry.
pub fn auth_scheme(
    info: &Info,
    store: &str,
    cfg: &StoreConfig,
    secret: Secret,
) -> Result<AuthScheme> {
    let name = reqwest::header::HeaderName::from_static(info.token_header.0);
    let prefix = info.token_header.1;
    Ok(match cfg.auth {
        AuthMode::Token => AuthScheme::Header {
            name,
            prefix,
            secret,
        },
        AuthMode::ClientCredentials => {
            let path = info.token_path.ok_or_else(|| {
                Error::usage(format!(
                    "store {store}: {} has no client-credentials grant",
                    info.display
                ))
                .with_hint("use auth = \"token\"")
            })?;
            let id = cfg.client_id.clone().unwrap_or_default();
            AuthScheme::Token {
                name,
                prefix,
                source: Arc::new(TokenSource::new(path, id, secret, info.grant_style)),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_refs() {
        assert_eq!(
            OrderRef::parse("#1001").unwrap(),
            OrderRef::Number("1001".into())
        );
        assert_eq!(
            OrderRef::parse("1001").unwrap(),
            OrderRef::Bare("1001".into())
        );
        assert_eq!(
            OrderRef::parse(" 450789469 ").unwrap(),
            OrderRef::Bare("450789469".into())
        );
        assert!(matches!(
            OrderRef::parse("gid://shopify/Order/450789469").unwrap(),
            OrderRef::Global(_)
        ));
        for bad in [
            "abc",
            "#",
            "#10a",
            "gid://shopify/Customer/1",
            "gid://shopify/Order/x",
            "",
            "10-01",
        ] {
            let e = OrderRef::parse(bad).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}");
        }
    }

    #[test]
    fn registry_names_are_unique() {
        let mut n = platform_names();
        n.sort();
        n.dedup();
        assert_eq!(n.len(), REGISTRY.len());
    }
}
