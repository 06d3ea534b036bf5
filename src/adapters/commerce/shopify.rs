//! Shopify, through the Admin GraphQL API (REST is legacy since 2024-10).
//!
//! The API version is pinned per store (default 2026-10) and the version actually served is read
//! from `X-Shopify-API-Version` on every probe: Shopify silently "falls forward" from a retired
//! version to the oldest supported one. Throttling is cost-based: every response carries
//! `extensions.cost.throttleStatus`, which feeds the transport's pacing, and a `THROTTLED` error
//! arrives with HTTP 200, which the transport retries after the restore time. Every document
//! below is validated against the official 2026-10 schema in CI (`tests/contract_shopify.rs`).

use super::{Commerce, Info, OrderQuery, OrderRef, Page, Probe, Store};
use crate::domain::*;
use crate::error::{Error, Result};
use crate::transport::{GrantStyle, Request, Response, VendorHooks};
use async_trait::async_trait;
use serde::Deserialize;
use serde_json::{Value, json};
use std::time::Duration;

pub static INFO: Info = Info {
    name: "shopify",
    display: "Shopify",
    token_header: ("x-shopify-access-token", ""),
    token_path: Some("admin/oauth/access_token"),
    grant_style: GrantStyle::FormBody,
    // Shopify's `first` may go to 250, but the `Orders` document costs 2 + 4 points per order
    // and Shopify refuses single queries above 1000 points: a page of 250 (1002 points) is
    // refused outright. 200 (802 points) leaves room for another field; a test checks it.
    max_page_size: 200,
    needed_scopes: &[
        "read_orders",
        "read_customers",
        "read_merchant_managed_fulfillment_orders",
    ],
    default_api_version: Some(crate::config::DEFAULT_SHOPIFY_API_VERSION),
    hooks: VendorHooks {
        error_message,
        throttled,
        pace,
    },
    build: |store| Box::new(Shopify { store }),
};

/// Every GraphQL document shopdesk sends to Shopify, by name (validated in CI).
pub const DOCUMENTS: &[(&str, &str)] = &[
    ("OrderById", ORDER_BY_ID),
    ("OrderByName", ORDER_BY_NAME),
    ("Orders", ORDERS),
    ("Probe", PROBE),
];

const ORDER_FIELDS: &str = r#"
fragment Money on MoneyBag { shopMoney { amount currencyCode } }
fragment Address on MailingAddress { name company address1 address2 city province zip country phone }
fragment OrderFields on Order {
  id legacyResourceId name createdAt closed cancelledAt cancelReason
  displayFinancialStatus displayFulfillmentStatus currencyCode email phone note tags paymentGatewayNames
  customer { id displayName defaultEmailAddress { emailAddress } }
  shippingAddress { ...Address }
  billingAddress { ...Address }
  subtotalPriceSet { ...Money }
  totalShippingPriceSet { ...Money }
  totalTaxSet { ...Money }
  totalDiscountsSet { ...Money }
  totalPriceSet { ...Money }
  totalRefundedSet { ...Money }
  totalOutstandingSet { ...Money }
  lineItems(first: 50) {
    nodes { id sku title variantTitle quantity refundableQuantity originalUnitPriceSet { ...Money } discountedTotalSet { ...Money } }
  }
  fulfillments(first: 5) {
    id name status displayStatus createdAt deliveredAt estimatedDeliveryAt
    trackingInfo(first: 3) { company number url }
    fulfillmentLineItems(first: 10) { nodes { quantity lineItem { id sku title } } }
  }
  refunds(first: 5) {
    id createdAt note totalRefundedSet { ...Money }
    refundLineItems(first: 10) { nodes { quantity lineItem { id title } subtotalSet { ...Money } } }
  }
}
"#;

const ORDER_BY_ID: &str = "query OrderById($id: ID!) { order(id: $id) { ...OrderFields } }";
/// Names are resolved to ids first: embedding the full order under `orders(first: N)` would
/// multiply its query cost by N.
const ORDER_BY_NAME: &str =
    "query OrderByName($query: String!) { orders(first: 5, query: $query) { nodes { id name } } }";

const ORDERS: &str = r#"query Orders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT, reverse: true) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name createdAt closed cancelledAt displayFinancialStatus displayFulfillmentStatus email
      subtotalLineItemsQuantity customer { displayName } totalPriceSet { shopMoney { amount currencyCode } }
    }
  }
}"#;

const PROBE: &str = "query Probe { shop { name myshopifyDomain } currentAppInstallation { accessScopes { handle } } }";

/// The full text sent for a document that uses the order fragments.
fn with_fragments(doc: &str) -> String {
    if doc.contains("...OrderFields") {
        format!("{doc}\n{ORDER_FIELDS}")
    } else {
        doc.to_string()
    }
}

/// The document text as sent on the wire, by name (for the contract test).
pub fn wire_document(name: &str) -> Option<String> {
    DOCUMENTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, d)| with_fragments(d))
}

struct Shopify {
    store: Store,
}

impl Shopify {
    fn graphql_path(&self) -> String {
        format!("admin/api/{}/graphql.json", self.store.api_version(&INFO))
    }

    /// Run a read-only query; GraphQL errors in a 200 become taxonomy errors.
    async fn query<T: serde::de::DeserializeOwned>(
        &self,
        doc: &str,
        vars: Value,
    ) -> Result<(T, Response)> {
        let req = Request::post(&self.graphql_path())
            .json(json!({ "query": with_fragments(doc), "variables": vars }))
            .retry_safe();
        let resp = self.store.client.send(req).await?;
        #[derive(Deserialize)]
        struct Envelope<T> {
            data: Option<T>,
            #[serde(default)]
            errors: Vec<GqlError>,
        }
        let env: Envelope<Value> = resp.json(&self.store.client.name)?;
        if let Some(e) = env.errors.first() {
            return Err(graphql_error(&self.store.client.name, e, &env.errors));
        }
        let data = env.data.ok_or_else(|| {
            Error::unavailable(format!(
                "{}: the response has neither data nor errors",
                self.store.client.name
            ))
        })?;
        let t = crate::transport::decode(
            &self.store.client.name,
            &serde_json::to_vec(&data).unwrap_or_default(),
            None,
        )
        .map_err(|e| e.context("in `data`"))?;
        Ok((t, resp))
    }

    async fn by_name(&self, number: &str) -> Result<Option<Order>> {
        #[derive(Deserialize)]
        struct D {
            orders: Nodes<IdName>,
        }
        #[derive(Deserialize)]
        struct IdName {
            id: String,
            name: String,
        }
        let vars = json!({ "query": format!("name:#{number}") });
        let (d, _): (D, _) = self.query(ORDER_BY_NAME, vars).await?;
        // Search is fuzzy on some stores; only an exact name counts.
        match d
            .orders
            .nodes
            .into_iter()
            .find(|o| o.name.trim_start_matches('#') == number)
        {
            Some(o) => self.by_id(&o.id).await,
            None => Ok(None),
        }
    }

    async fn by_id(&self, gid: &str) -> Result<Option<Order>> {
        #[derive(Deserialize)]
        struct D {
            order: Option<OrderDto>,
        }
        let (d, _): (D, _) = self.query(ORDER_BY_ID, json!({ "id": gid })).await?;
        d.order.map(|o| o.into_domain(&self.store)).transpose()
    }
}

#[async_trait]
impl Commerce for Shopify {
    fn info(&self) -> &'static Info {
        &INFO
    }
    fn store(&self) -> &Store {
        &self.store
    }

    async fn order(&self, r: &OrderRef) -> Result<Order> {
        let found = match r {
            OrderRef::Number(n) => self.by_name(n).await?,
            OrderRef::Global(g) => self.by_id(g).await?,
            // Order numbers are short, internal ids long; try the likelier reading first.
            OrderRef::Bare(n) if n.len() >= 8 => {
                match self.by_id(&format!("gid://shopify/Order/{n}")).await? {
                    Some(o) => Some(o),
                    None => self.by_name(n).await?,
                }
            }
            OrderRef::Bare(n) => match self.by_name(n).await? {
                Some(o) => Some(o),
                None => self.by_id(&format!("gid://shopify/Order/{n}")).await?,
            },
        };
        found.ok_or_else(|| {
            Error::not_found(format!("order {r} not found in store {}", self.store.name))
                .with_hint("check the number with `shopdesk order search`; orders older than 60 days need the read_all_orders scope")
        })
    }

    async fn search_page(
        &self,
        q: &OrderQuery,
        cursor: Option<&str>,
        page_size: u32,
    ) -> Result<Page<OrderSummary>> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct D {
            orders: Conn,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Conn {
            page_info: PageInfo,
            nodes: Vec<SummaryDto>,
        }
        let query = search_query(q);
        let vars = json!({
            "first": page_size.min(INFO.max_page_size),
            "after": cursor,
            "query": if query.is_empty() { Value::Null } else { Value::String(query) },
        });
        let (d, _): (D, _) = self.query(ORDERS, vars).await?;
        let items = d
            .orders
            .nodes
            .into_iter()
            .map(|s| s.into_domain(&self.store))
            .collect::<Result<_>>()?;
        let next = if d.orders.page_info.has_next_page {
            d.orders.page_info.end_cursor
        } else {
            None
        };
        Ok(Page { items, next })
    }

    async fn probe(&self) -> Result<Probe> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct D {
            shop: ShopDto,
            current_app_installation: AppDto,
        }
        #[derive(Deserialize)]
        struct ShopDto {
            name: String,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct AppDto {
            access_scopes: Vec<Scope>,
        }
        #[derive(Deserialize)]
        struct Scope {
            handle: String,
        }
        let (d, resp): (D, _) = self.query(PROBE, json!({})).await?;
        Ok(Probe {
            shop_name: Some(d.shop.name),
            api_version_pinned: Some(self.store.api_version(&INFO)),
            api_version_served: resp.header("x-shopify-api-version").map(str::to_string),
            deprecation: resp
                .header("x-shopify-api-deprecated-reason")
                .map(str::to_string),
            scopes_granted: Some(
                d.current_app_installation
                    .access_scopes
                    .into_iter()
                    .map(|s| s.handle)
                    .collect(),
            ),
            server_date: resp
                .header("date")
                .and_then(|d| jiff::fmt::rfc2822::parse(d).ok())
                .map(|z| z.timestamp()),
            request_id: resp.request_id().map(str::to_string),
        })
    }

    fn api_path(&self, path: &str) -> String {
        match path.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("admin/api/{}/{path}", self.store.api_version(&INFO)),
        }
    }
}

/// Build Shopify's search syntax from neutral filters.
fn search_query(q: &OrderQuery) -> String {
    let mut t = Vec::new();
    if let Some(e) = &q.email {
        t.push(format!("email:\"{}\"", e.replace('"', "")));
    }
    if let Some(s) = q.status {
        t.push(format!("status:{s}"));
    }
    if let Some(f) = q.financial_status {
        t.push(format!("financial_status:{f}"));
    }
    if let Some(f) = q.fulfillment_status {
        let v = match f {
            FulfillmentStatus::Fulfilled => "shipped",
            FulfillmentStatus::Partial => "partial",
            FulfillmentStatus::Unfulfilled => "unshipped",
            FulfillmentStatus::Restocked => "restocked",
            FulfillmentStatus::OnHold => "on_hold",
            FulfillmentStatus::NotRequired | FulfillmentStatus::Unknown => "any",
        };
        t.push(format!("fulfillment_status:{v}"));
    }
    if let Some(s) = q.since {
        t.push(format!("created_at:>='{s}'"));
    }
    if let Some(u) = q.until {
        t.push(format!("created_at:<='{u}'"));
    }
    t.join(" ")
}

// ---- vendor hooks -------------------------------------------------------------------------

/// `{"errors": "…" | {…} | […]}` → a readable message.
fn error_message(_: reqwest::StatusCode, body: &[u8]) -> Option<String> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let e = v.get("errors")?;
    Some(match e {
        Value::String(s) => s.clone(),
        Value::Array(a) => a
            .iter()
            .map(|x| {
                x.get("message")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| x.to_string())
            })
            .collect::<Vec<_>>()
            .join("; "),
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| {
                format!(
                    "{k} {}",
                    v.as_array()
                        .map(|a| a
                            .iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join(", "))
                        .unwrap_or_else(|| v.to_string())
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ThrottleStatus {
    maximum_available: f64,
    currently_available: f64,
    restore_rate: f64,
}

fn cost(v: &Value) -> Option<(Option<f64>, ThrottleStatus)> {
    let c = v.get("extensions")?.get("cost")?;
    let requested = c.get("requestedQueryCost").and_then(Value::as_f64);
    let ts: ThrottleStatus = serde_json::from_value(c.get("throttleStatus")?.clone()).ok()?;
    Some((requested, ts))
}

/// `THROTTLED` arrives with HTTP 200: wait until the bucket holds the requested cost.
fn throttled(r: &Response) -> Option<Duration> {
    let v: Value = serde_json::from_slice(&r.body).ok()?;
    let is_throttled = v
        .get("errors")?
        .as_array()?
        .iter()
        .any(|e| e.pointer("/extensions/code").and_then(Value::as_str) == Some("THROTTLED"));
    if !is_throttled {
        return None;
    }
    let (requested, ts) = cost(&v)?;
    let need = requested.unwrap_or(ts.maximum_available / 10.0) - ts.currently_available;
    Some(Duration::from_secs_f64(
        (need / ts.restore_rate.max(1.0)).clamp(0.05, 30.0),
    ))
}

/// Pace requests: when the bucket runs low, wait for it to refill enough for a similar query.
fn pace(r: &Response) -> Option<Duration> {
    let v: Value = serde_json::from_slice(&r.body).ok()?;
    let (requested, ts) = cost(&v)?;
    let need = requested.unwrap_or(0.0);
    if ts.currently_available >= need {
        return None;
    }
    Some(Duration::from_secs_f64(
        ((need - ts.currently_available) / ts.restore_rate.max(1.0)).clamp(0.0, 30.0),
    ))
}

#[derive(Deserialize, Debug)]
struct GqlError {
    message: String,
    #[serde(default)]
    extensions: Option<Value>,
}

fn graphql_error(service: &str, first: &GqlError, all: &[GqlError]) -> Error {
    let code = first
        .extensions
        .as_ref()
        .and_then(|e| e.get("code"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let msgs = all
        .iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    match code {
        "ACCESS_DENIED" => {
            let scope = msgs
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .find(|w| w.starts_with("read_") || w.starts_with("write_"))
                .map(str::to_string);
            let e = Error::auth(format!("{service} denied access: {msgs}"));
            match scope {
                Some(s) => e.with_hint(format!("grant the `{s}` scope to the app in the Shopify admin / Dev Dashboard, then reinstall or re-authorize it")),
                None => e.with_hint("grant the missing access scope to the app, then run `shopdesk test-connection`"),
            }
        }
        "THROTTLED" => Error::rate_limited(format!(
            "{service}: still throttled after all retries ({msgs})"
        ))
        .with_hint("the query-cost bucket is empty; wait a minute, or page with a smaller --limit"),
        "MAX_COST_EXCEEDED" => Error::usage(format!("{service}: query too expensive: {msgs}")),
        _ => Error::general(format!("{service} returned GraphQL errors: {msgs}"))
            .with_hint("run with -vv to see the request; if shopdesk built it, please report it"),
    }
}

// ---- DTOs (Shopify's shapes) and their mapping into domain types --------------------------

#[derive(Deserialize)]
struct Nodes<T> {
    nodes: Vec<T>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageInfo {
    has_next_page: bool,
    end_cursor: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MoneyV2 {
    amount: Value,
    currency_code: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MoneyBag {
    shop_money: MoneyV2,
}

impl MoneyBag {
    fn money(&self) -> Result<Money> {
        Money::parse(&self.shop_money.amount, &self.shop_money.currency_code)
            .map_err(|e| Error::unavailable(format!("Shopify sent a bad amount: {e}")))
    }
}

fn money_or_zero(m: &Option<MoneyBag>, currency: &Currency) -> Result<Money> {
    match m {
        Some(b) => b.money(),
        None => Ok(Money::zero(currency.clone())),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AddressDto {
    name: Option<String>,
    company: Option<String>,
    address1: Option<String>,
    address2: Option<String>,
    city: Option<String>,
    province: Option<String>,
    zip: Option<String>,
    country: Option<String>,
    phone: Option<String>,
}

impl From<AddressDto> for Address {
    fn from(a: AddressDto) -> Self {
        Address {
            name: a.name,
            company: a.company,
            address1: a.address1,
            address2: a.address2,
            city: a.city,
            province: a.province,
            zip: a.zip,
            country: a.country,
            phone: a.phone,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CustomerDto {
    id: Option<String>,
    display_name: Option<String>,
    default_email_address: Option<EmailDto>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EmailDto {
    email_address: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LineItemDto {
    id: String,
    sku: Option<String>,
    title: String,
    variant_title: Option<String>,
    quantity: u32,
    refundable_quantity: Option<u32>,
    original_unit_price_set: MoneyBag,
    discounted_total_set: MoneyBag,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LineRef {
    id: String,
    sku: Option<String>,
    title: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FulfillmentLineDto {
    quantity: Option<u32>,
    line_item: LineRef,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TrackingDto {
    company: Option<String>,
    number: Option<String>,
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FulfillmentDto {
    id: String,
    name: Option<String>,
    status: String,
    display_status: Option<String>,
    created_at: Option<String>,
    delivered_at: Option<String>,
    estimated_delivery_at: Option<String>,
    tracking_info: Vec<TrackingDto>,
    fulfillment_line_items: Nodes<FulfillmentLineDto>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RefundLineDto {
    quantity: u32,
    line_item: RefundLineRef,
    subtotal_set: MoneyBag,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RefundLineRef {
    id: String,
    title: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RefundDto {
    id: String,
    created_at: Option<String>,
    note: Option<String>,
    total_refunded_set: MoneyBag,
    refund_line_items: Nodes<RefundLineDto>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OrderDto {
    id: String,
    name: String,
    created_at: String,
    closed: bool,
    cancelled_at: Option<String>,
    cancel_reason: Option<String>,
    display_financial_status: Option<String>,
    display_fulfillment_status: String,
    currency_code: String,
    email: Option<String>,
    phone: Option<String>,
    note: Option<String>,
    tags: Vec<String>,
    payment_gateway_names: Vec<String>,
    customer: Option<CustomerDto>,
    shipping_address: Option<AddressDto>,
    billing_address: Option<AddressDto>,
    subtotal_price_set: Option<MoneyBag>,
    total_shipping_price_set: MoneyBag,
    total_tax_set: Option<MoneyBag>,
    total_discounts_set: Option<MoneyBag>,
    total_price_set: MoneyBag,
    total_refunded_set: MoneyBag,
    total_outstanding_set: MoneyBag,
    line_items: Nodes<LineItemDto>,
    fulfillments: Vec<FulfillmentDto>,
    refunds: Vec<RefundDto>,
}

fn order_status(closed: bool, cancelled_at: &Option<String>) -> OrderStatus {
    if cancelled_at.is_some() {
        OrderStatus::Cancelled
    } else if closed {
        OrderStatus::Closed
    } else {
        OrderStatus::Open
    }
}

fn financial(s: Option<&str>) -> FinancialStatus {
    match s.unwrap_or("") {
        "PENDING" => FinancialStatus::Pending,
        "AUTHORIZED" => FinancialStatus::Authorized,
        "PARTIALLY_PAID" => FinancialStatus::PartiallyPaid,
        "PAID" => FinancialStatus::Paid,
        "PARTIALLY_REFUNDED" => FinancialStatus::PartiallyRefunded,
        "REFUNDED" => FinancialStatus::Refunded,
        "VOIDED" => FinancialStatus::Voided,
        "EXPIRED" => FinancialStatus::Expired,
        _ => FinancialStatus::Unknown,
    }
}

fn fulfillment(s: &str) -> FulfillmentStatus {
    match s {
        "FULFILLED" => FulfillmentStatus::Fulfilled,
        "PARTIALLY_FULFILLED" => FulfillmentStatus::Partial,
        "UNFULFILLED"
        | "OPEN"
        | "IN_PROGRESS"
        | "PENDING_FULFILLMENT"
        | "SCHEDULED"
        | "REQUEST_DECLINED" => FulfillmentStatus::Unfulfilled,
        "ON_HOLD" => FulfillmentStatus::OnHold,
        "RESTOCKED" => FulfillmentStatus::Restocked,
        "FULFILLMENT_NOT_REQUIRED" => FulfillmentStatus::NotRequired,
        _ => FulfillmentStatus::Unknown,
    }
}

fn shipment_state(s: &str) -> ShipmentState {
    match s {
        "PENDING" => ShipmentState::Pending,
        "OPEN" => ShipmentState::Open,
        "SUCCESS" => ShipmentState::Success,
        "CANCELLED" => ShipmentState::Cancelled,
        "ERROR" | "FAILURE" => ShipmentState::Failure,
        _ => ShipmentState::Unknown,
    }
}

impl OrderDto {
    fn into_domain(self, store: &Store) -> Result<Order> {
        let currency = Currency::new(&self.currency_code).map_err(Error::unavailable)?;
        let line_items = self
            .line_items
            .nodes
            .into_iter()
            .map(|l| {
                Ok(LineItem {
                    id: l.id,
                    sku: l.sku.filter(|s| !s.is_empty()),
                    title: l.title,
                    variant: l.variant_title.filter(|s| !s.is_empty()),
                    quantity: l.quantity,
                    refundable_quantity: l.refundable_quantity,
                    unit_price: l.original_unit_price_set.money()?,
                    total: l.discounted_total_set.money()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let fulfillments = self
            .fulfillments
            .into_iter()
            .map(|f| Fulfillment {
                id: f.id,
                name: f.name,
                status: shipment_state(&f.status),
                display_status: f.display_status,
                created_at: f.created_at,
                delivered_at: f.delivered_at,
                estimated_delivery_at: f.estimated_delivery_at,
                tracking: f
                    .tracking_info
                    .into_iter()
                    .map(|t| Tracking {
                        carrier: t.company,
                        number: t.number,
                        url: t.url,
                    })
                    .collect(),
                items: f
                    .fulfillment_line_items
                    .nodes
                    .into_iter()
                    .map(|i| FulfilledItem {
                        line_item_id: i.line_item.id,
                        sku: i.line_item.sku,
                        title: i.line_item.title,
                        quantity: i.quantity.unwrap_or(0),
                    })
                    .collect(),
            })
            .collect();
        let refunds = self
            .refunds
            .into_iter()
            .map(|r| {
                Ok(Refund {
                    id: r.id,
                    created_at: r.created_at,
                    note: r.note,
                    amount: r.total_refunded_set.money()?,
                    lines: r
                        .refund_line_items
                        .nodes
                        .into_iter()
                        .map(|l| {
                            Ok(RefundLine {
                                line_item_id: l.line_item.id,
                                title: l.line_item.title,
                                quantity: l.quantity,
                                subtotal: l.subtotal_set.money()?,
                            })
                        })
                        .collect::<Result<Vec<_>>>()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let customer = self.customer.map(|c| CustomerRef {
            id: c.id,
            name: c.display_name,
            email: c.default_email_address.and_then(|e| e.email_address),
        });
        Ok(Order {
            source: store.source("shopify", self.id),
            number: self.name,
            created_at: self.created_at,
            status: order_status(self.closed, &self.cancelled_at),
            financial_status: financial(self.display_financial_status.as_deref()),
            fulfillment_status: fulfillment(&self.display_fulfillment_status),
            cancel_reason: self.cancel_reason.map(|r| r.to_ascii_lowercase()),
            email: self.email,
            phone: self.phone,
            customer,
            totals: Totals {
                subtotal: money_or_zero(&self.subtotal_price_set, &currency)?,
                shipping: self.total_shipping_price_set.money()?,
                tax: money_or_zero(&self.total_tax_set, &currency)?,
                discounts: money_or_zero(&self.total_discounts_set, &currency)?,
                total: self.total_price_set.money()?,
                refunded: self.total_refunded_set.money()?,
                outstanding: self.total_outstanding_set.money()?,
            },
            currency,
            line_items,
            shipping_address: self.shipping_address.map(Into::into),
            billing_address: self.billing_address.map(Into::into),
            fulfillments,
            refunds,
            note: self.note,
            tags: self.tags,
            gateways: self.payment_gateway_names,
        })
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SummaryCustomer {
    display_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SummaryDto {
    id: String,
    name: String,
    created_at: String,
    closed: bool,
    cancelled_at: Option<String>,
    display_financial_status: Option<String>,
    display_fulfillment_status: String,
    email: Option<String>,
    subtotal_line_items_quantity: u32,
    customer: Option<SummaryCustomer>,
    total_price_set: MoneyBag,
}

impl SummaryDto {
    fn into_domain(self, store: &Store) -> Result<OrderSummary> {
        Ok(OrderSummary {
            source: store.source("shopify", self.id),
            number: self.name,
            created_at: self.created_at,
            status: order_status(self.closed, &self.cancelled_at),
            financial_status: financial(self.display_financial_status.as_deref()),
            fulfillment_status: fulfillment(&self.display_fulfillment_status),
            email: self.email,
            customer_name: self.customer.and_then(|c| c.display_name),
            total: self.total_price_set.money()?,
            items: self.subtotal_line_items_quantity,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_query_syntax() {
        let q = OrderQuery {
            email: Some("bob@example.com".into()),
            status: Some(OrderStatus::Open),
            financial_status: Some(FinancialStatus::PartiallyRefunded),
            fulfillment_status: Some(FulfillmentStatus::Fulfilled),
            since: Some("2026-01-01T00:00:00Z".parse().unwrap()),
            until: None,
        };
        assert_eq!(
            search_query(&q),
            "email:\"bob@example.com\" status:open financial_status:partially_refunded fulfillment_status:shipped created_at:>='2026-01-01T00:00:00Z'"
        );
    }

    #[test]
    fn error_bodies_in_all_three_shapes() {
        let s = reqwest::StatusCode::UNAUTHORIZED;
        assert_eq!(
            error_message(s, br#"{"errors":"[API] Invalid API key"}"#).unwrap(),
            "[API] Invalid API key"
        );
        assert_eq!(
            error_message(
                s,
                br#"{"errors":{"line_items":["must have at least one"]}}"#
            )
            .unwrap(),
            "line_items must have at least one"
        );
        assert_eq!(
            error_message(s, br#"{"errors":[{"message":"a"},{"message":"b"}]}"#).unwrap(),
            "a; b"
        );
    }

    fn resp(body: Value) -> Response {
        Response {
            status: reqwest::StatusCode::OK,
            headers: Default::default(),
            body: serde_json::to_vec(&body).unwrap().into(),
            url: "http://x.test".parse().unwrap(),
            retries: 0,
            latency: Duration::ZERO,
        }
    }

    #[test]
    fn throttled_waits_for_restore() {
        let r = resp(
            json!({"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],
            "extensions":{"cost":{"requestedQueryCost":502,"actualQueryCost":null,
            "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":2.0,"restoreRate":100.0}}}}),
        );
        assert_eq!(throttled(&r), Some(Duration::from_secs(5)));
        let ok = resp(
            json!({"data":{},"extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":10,
            "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1990.0,"restoreRate":100.0}}}}),
        );
        assert_eq!(throttled(&ok), None);
        assert_eq!(pace(&ok), None);
        let low = resp(
            json!({"data":{},"extensions":{"cost":{"requestedQueryCost":300,"actualQueryCost":300,
            "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":100.0,"restoreRate":100.0}}}}),
        );
        assert_eq!(pace(&low), Some(Duration::from_secs(2)));
    }

    #[test]
    fn access_denied_names_the_scope() {
        let e = GqlError {
            message: "Access denied for orders field. Required access: `read_orders` access scope."
                .into(),
            extensions: Some(json!({"code":"ACCESS_DENIED"})),
        };
        let err = graphql_error("demo (shopify)", &e, std::slice::from_ref(&e));
        assert_eq!(err.exit_code(), 4);
        assert!(err.hint.unwrap().contains("`read_orders`"));
    }
}
