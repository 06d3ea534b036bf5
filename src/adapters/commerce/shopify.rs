//! Shopify, through the Admin GraphQL API (REST is legacy since 2024-10).
//!
//! The API version is pinned per store (default 2026-10) and the version actually served is read
//! from `X-Shopify-API-Version` on every probe: Shopify silently "falls forward" from a retired
//! version to the oldest supported one. Throttling is cost-based: every response carries
//! `extensions.cost.throttleStatus`, which feeds the transport's pacing, and a `THROTTLED` error
//! arrives with HTTP 200, which the transport retries after the restore time. Every document
//! below is validated against the official 2026-10 schema in CI (`tests/contract_shopify.rs`).
//!
//! Writes and lookups beyond orders:
//! - **Notes.** Shopify has one free-text `note` per order (max 5000 characters) and no timeline
//!   comments in the API, so `notes` returns that note as a single staff-only [`Note`] (none when
//!   blank). `add_note` appends: it reads the note and sets it with `orderUpdate(input: {id,
//!   note})` to the previous text, a newline, and `[YYYY-MM-DD HH:MM UTC] text`. Shopify has no
//!   atomic append, so two people adding at the same instant can lose one entry (last write wins).
//!   Setting the same full text twice is harmless, so that request is retried like a read.
//!   `--notify-customer` is refused before anything is sent: the note is never shown or emailed
//!   to the customer.
//! - **Fulfillments.** Through fulfillment orders (platforms.md §1.3): read the order's
//!   fulfillment orders, take every `OPEN`/`IN_PROGRESS` one with units remaining, and ship them
//!   whole with one `fulfillmentCreate` (not the deprecated V2) carrying the tracking number,
//!   carrier (`company`, verbatim) and URL. None left is a conflict (exit 6) found before the
//!   mutation is sent; `userErrors` become conflict / not-found / general errors. The mutation is
//!   never retried automatically: a lost response could otherwise ship twice.
//! - **Customers.** By email with `customers(first: 10, query: 'email:"…"')` (the email field
//!   is tokenized, so the exact, case-insensitive match is checked here), or by id with
//!   `customer(id:)` from a bare numeric id or a `gid://shopify/Customer/…`. Nothing found is an
//!   empty list.
//! - **Refunds.** The quote is Shopify's own: `RefundContext` reads the lines (what is still
//!   refundable on each), the shipping left and the payment transactions; the spec is mapped
//!   onto them (`--item` by SKU, any case, or line item id; no quantity = all that is left; the
//!   whole order when the spec is empty) and anything beyond what is left is a usage error naming
//!   what is refundable, before Shopify is asked (an order number is looked up together with
//!   its context, in one request). Then `order.suggestedRefund(refundLineItems,
//!   refundShipping | shippingAmount)` prices it: lines, tax, shipping, the refundable balance
//!   and the suggested transactions (parent, gateway, amount). Explicit lines are sent rather
//!   than `suggestFullRefund`, which ignores the restock type and so gives no restock location.
//!   When the refund names no items (an amount and/or shipping), what to ask does not depend on
//!   the order, and the suggestion comes in the context's request: such a refund of `#1001` is
//!   two round trips, the fewest Shopify allows (a read for the parent transaction, the write).
//!   The plan is the `RefundInput` that `refundCreate` sends unchanged, plus the note
//!   (`marked_reason`, which carries the idempotency marker) and `notify`: lines with
//!   `RETURN` + the suggested location under `--restock`, else `NO_RESTOCK`; the suggested
//!   shipping amount; the suggested transactions, `--amount` added to the first (or sent
//!   against the order's captured sale when nothing else is refunded). `refundCreate` carries
//!   `@idempotent(key:)` (required from 2026-04): a resend with the same key and input is
//!   answered with the first refund, so the request is retry-safe and a lost answer (reset,
//!   dropped, 503) is simply asked again; the same key with other input is refused
//!   (`IDEMPOTENCY_KEY_PARAMETER_MISMATCH`, exit 6). userErrors mean nothing moved and are
//!   definite errors (conflict or not found), never "outcome unknown". `--record-only` is
//!   refused: a Shopify refund always goes through the order's gateway. `refunds` reads
//!   `order.refunds(first: 10)` with notes (`find_refund` looks for the marker there); `order
//!   get` shows the first five with their lines.

use super::{Commerce, CustomerKey, Info, OrderQuery, OrderRef, Page, Probe, Store};
use crate::config::AuthMode;
use crate::domain::*;
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::{GrantStyle, Request, Response, VendorHooks};
use async_trait::async_trait;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Value, json};
use std::time::Duration;

pub static INFO: Info = Info {
    name: "shopify",
    display: "Shopify",
    token_header: ("x-shopify-access-token", ""),
    token_path: Some("admin/oauth/access_token"),
    grant_style: GrantStyle::FormBody,
    auth_modes: &[(AuthMode::Token, &["access_token"]), (AuthMode::ClientCredentials, &["client_secret"])],
    max_page_size: 250,
    needed_scopes: &["read_orders", "read_customers", "read_merchant_managed_fulfillment_orders"],
    default_api_version: Some(crate::config::DEFAULT_SHOPIFY_API_VERSION),
    hooks: VendorHooks { error_message, throttled, pace },
    build: |store| Box::new(Shopify { store }),
};

/// Every GraphQL document shopdesk sends to Shopify, by name (validated in CI).
pub const DOCUMENTS: &[(&str, &str)] = &[
    ("OrderById", ORDER_BY_ID),
    ("OrderByName", ORDER_BY_NAME),
    ("OrderHead", ORDER_HEAD),
    ("Orders", ORDERS),
    ("FulfillmentOrders", FULFILLMENT_ORDERS),
    ("OrderUpdate", ORDER_UPDATE),
    ("FulfillmentCreate", FULFILLMENT_CREATE),
    ("CustomerById", CUSTOMER_BY_ID),
    ("CustomersByEmail", CUSTOMERS_BY_EMAIL),
    ("Probe", PROBE),
    ("OrderRefunds", ORDER_REFUNDS),
    ("RefundContext", REFUND_CONTEXT),
    ("RefundContextByName", REFUND_CONTEXT_BY_NAME),
    ("RefundQuote", REFUND_QUOTE),
    ("RefundQuoteByName", REFUND_QUOTE_BY_NAME),
    ("SuggestedRefund", SUGGESTED_REFUND),
    ("RefundCreate", REFUND_CREATE),
    ("WebhookSubscriptions", WEBHOOK_SUBSCRIPTIONS),
    ("WebhookSubscriptionCreate", WEBHOOK_SUBSCRIPTION_CREATE),
    ("WebhookSubscriptionDelete", WEBHOOK_SUBSCRIPTION_DELETE),
];

/// Fragments by name. A document is sent with exactly the ones it spreads (transitively):
/// GraphQL rejects a document that defines a fragment it does not use.
const FRAGMENTS: &[(&str, &str)] = &[
    ("Money", "fragment Money on MoneyBag { shopMoney { amount currencyCode } }"),
    (
        "Address",
        "fragment Address on MailingAddress { name company address1 address2 city province zip country phone }",
    ),
    ("FulfillmentFields", FULFILLMENT_FIELDS),
    ("OrderFields", ORDER_FIELDS),
    ("CustomerFields", CUSTOMER_FIELDS),
    ("RefundFields", REFUND_FIELDS),
    ("RefundContextFields", REFUND_CONTEXT_FIELDS),
    ("SuggestedRefundFields", SUGGESTED_REFUND_FIELDS),
    ("WebhookFields", "fragment WebhookFields on WebhookSubscription { id topic uri createdAt }"),
];

/// Webhook subscriptions (platforms.md §1.3): `uri` replaced `callbackUrl` from 2025-10 [S15].
/// Shopify signs every delivery with the app's client secret (§1.8); there is no per-subscription
/// secret and no `active` flag.
const WEBHOOK_SUBSCRIPTIONS: &str = r#"query WebhookSubscriptions($first: Int!, $after: String) {
  webhookSubscriptions(first: $first, after: $after) {
    nodes { ...WebhookFields }
    pageInfo { hasNextPage endCursor }
  }
}"#;

const WEBHOOK_SUBSCRIPTION_CREATE: &str = r#"mutation WebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) {
    webhookSubscription { ...WebhookFields }
    userErrors { field message }
  }
}"#;

const WEBHOOK_SUBSCRIPTION_DELETE: &str = r#"mutation WebhookSubscriptionDelete($id: ID!) {
  webhookSubscriptionDelete(id: $id) {
    deletedWebhookSubscriptionId
    userErrors { field message }
  }
}"#;

const FULFILLMENT_FIELDS: &str = r#"
fragment FulfillmentFields on Fulfillment {
  id name status displayStatus createdAt deliveredAt estimatedDeliveryAt
  trackingInfo(first: 3) { company number url }
  fulfillmentLineItems(first: 10) { nodes { quantity lineItem { id sku title } } }
}
"#;

const ORDER_FIELDS: &str = r#"
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
  fulfillments(first: 5) { ...FulfillmentFields }
  refunds(first: 5) { ...RefundFields }
}
"#;

const REFUND_FIELDS: &str = r#"
fragment RefundFields on Refund {
  id createdAt note totalRefundedSet { ...Money }
  refundLineItems(first: 10) { nodes { quantity lineItem { id title } subtotalSet { ...Money } } }
}
"#;

/// The order's refunds with their notes, where the idempotency marker is found. Ten (cost about
/// 450): an order with more refunds than that is rare, and a resend within Shopify's idempotency
/// window is answered with the first refund anyway.
const ORDER_REFUNDS: &str =
    "query OrderRefunds($id: ID!) { order(id: $id) { id name refunds(first: 10) { ...RefundFields } } }";

/// What a refund request is built from: the lines and what is still refundable on each, the
/// shipping left, the currency and the payment transactions (parents of refunds).
const REFUND_CONTEXT_FIELDS: &str = r#"
fragment RefundContextFields on Order {
  id name currencyCode
  lineItems(first: 100) { nodes { id sku title refundableQuantity } }
  totalShippingPriceSet { ...Money }
  totalRefundedShippingSet { ...Money }
  transactions(first: 20) { id kind status gateway }
}"#;

/// Shopify's own quote: amounts, tax, the shipping left, the restock location, and the
/// suggested transactions (parent, gateway, amount) the refund must carry.
const SUGGESTED_REFUND_FIELDS: &str = r#"
fragment SuggestedRefundFields on SuggestedRefund {
  amountSet { ...Money }
  maximumRefundableSet { ...Money }
  subtotalSet { ...Money }
  totalTaxSet { ...Money }
  shipping { amountSet { ...Money } maximumRefundableSet { ...Money } taxSet { ...Money } }
  refundLineItems { quantity restockType location { id } lineItem { id sku title } subtotalSet { ...Money } totalTaxSet { ...Money } }
  suggestedTransactions { kind gateway amountSet { ...Money } parentTransaction { id } }
}"#;

// A refund quote reads the context, then asks Shopify for its suggestion. Which lines to ask
// about depends on the context only when the refund names items or takes the whole order; for
// an amount and/or shipping the suggestion is asked in the same request (`RefundQuote…`).
// An order number is looked up with `orders(first: 1, query: "name:#…")` carrying the same
// fields (cost about that of one order), so a `#1001` refund of an amount is two round trips:
// this read and `refundCreate`.
const REFUND_CONTEXT: &str = "query RefundContext($id: ID!) { order(id: $id) { ...RefundContextFields } }";
const REFUND_CONTEXT_BY_NAME: &str = "query RefundContextByName($query: String!) { orders(first: 1, query: $query) { nodes { ...RefundContextFields } } }";
const REFUND_QUOTE: &str = r#"query RefundQuote($id: ID!, $lines: [RefundLineItemInput!], $shipping: Boolean, $shippingAmount: Money) {
  order(id: $id) {
    ...RefundContextFields
    suggestedRefund(refundLineItems: $lines, refundShipping: $shipping, shippingAmount: $shippingAmount) { ...SuggestedRefundFields }
  }
}"#;
const REFUND_QUOTE_BY_NAME: &str = r#"query RefundQuoteByName($query: String!, $lines: [RefundLineItemInput!], $shipping: Boolean, $shippingAmount: Money) {
  orders(first: 1, query: $query) {
    nodes {
      ...RefundContextFields
      suggestedRefund(refundLineItems: $lines, refundShipping: $shipping, shippingAmount: $shippingAmount) { ...SuggestedRefundFields }
    }
  }
}"#;
const SUGGESTED_REFUND: &str = r#"query SuggestedRefund($id: ID!, $lines: [RefundLineItemInput!], $shipping: Boolean, $shippingAmount: Money) {
  order(id: $id) {
    id
    suggestedRefund(refundLineItems: $lines, refundShipping: $shipping, shippingAmount: $shippingAmount) { ...SuggestedRefundFields }
  }
}"#;

/// `refundCreate` with Shopify's idempotency directive (required from 2026-04): a resend with
/// the same key and input returns the first refund instead of making a second.
const REFUND_CREATE: &str = r#"mutation RefundCreate($input: RefundInput!, $key: String!) {
  refundCreate(input: $input) @idempotent(key: $key) {
    refund { ...RefundFields }
    userErrors { field message }
  }
}"#;

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

/// Largest `first` for [`ORDERS`] that stays under Shopify's 1000-point single-query limit: each
/// node costs 4 points (order, customer, MoneyBag, MoneyV2), plus 2 for the connection.
pub const SEARCH_PAGE_MAX: u32 = 240;

const PROBE: &str =
    "query Probe { shop { name myshopifyDomain } currentAppInstallation { accessScopes { handle } } }";

/// What notes and writes need to know about an order: cost 1.
const ORDER_HEAD: &str = "query OrderHead($id: ID!) { order(id: $id) { id name note } }";

/// The order's fulfillment orders and what remains on each (cost 533: 10 × (1 + 2 + 50)).
/// `displayable: true` leaves out the ones Shopify hides (closed after a merge or move).
const FULFILLMENT_ORDERS: &str = r#"query FulfillmentOrders($id: ID!) {
  order(id: $id) {
    id name
    fulfillmentOrders(first: 10, displayable: true) { nodes { id status lineItems(first: 50) { nodes { id remainingQuantity } } } }
  }
}"#;

/// Sets the whole note: Shopify has no "append".
const ORDER_UPDATE: &str = r#"mutation OrderUpdate($input: OrderInput!) {
  orderUpdate(input: $input) { order { id name note } userErrors { field message } }
}"#;

/// `fulfillmentCreate` (the V2 mutation is deprecated).
const FULFILLMENT_CREATE: &str = r#"mutation FulfillmentCreate($fulfillment: FulfillmentInput!, $message: String) {
  fulfillmentCreate(fulfillment: $fulfillment, message: $message) {
    fulfillment { ...FulfillmentFields }
    userErrors { field message }
  }
}"#;

const CUSTOMER_FIELDS: &str = r#"
fragment CustomerFields on Customer {
  id displayName createdAt numberOfOrders
  defaultEmailAddress { emailAddress }
  defaultPhoneNumber { phoneNumber }
  amountSpent { amount currencyCode }
  defaultAddress { ...Address }
}
"#;

const CUSTOMER_BY_ID: &str = "query CustomerById($id: ID!) { customer(id: $id) { ...CustomerFields } }";

/// `email` is a tokenized search field: the quoted phrase narrows it, the exact match is ours.
const CUSTOMERS_BY_EMAIL: &str = "query CustomersByEmail($query: String!) { customers(first: 10, query: $query) { nodes { ...CustomerFields } } }";

/// Shopify caps an order's note at 5000 characters.
const NOTE_MAX_CHARS: usize = 5000;

/// Whether `doc` spreads fragment `name` (`...Name`, not `...NameLonger`).
fn spreads(doc: &str, name: &str) -> bool {
    doc.match_indices("...").any(|(i, _)| {
        let rest = &doc[i + 3..];
        rest.starts_with(name)
            && !rest[name.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// The full text sent for a document: the document plus the fragments it uses.
fn with_fragments(doc: &str) -> String {
    let mut out = doc.to_string();
    let mut added: Vec<&str> = Vec::new();
    loop {
        let before = added.len();
        for (name, text) in FRAGMENTS {
            if !added.contains(name) && spreads(&out, name) {
                out.push('\n');
                out.push_str(text);
                added.push(name);
            }
        }
        if added.len() == before {
            return out;
        }
    }
}

/// The document text as sent on the wire, by name (for the contract test).
pub fn wire_document(name: &str) -> Option<String> {
    DOCUMENTS.iter().find(|(n, _)| *n == name).map(|(_, d)| with_fragments(d))
}

struct Shopify {
    store: Store,
}

impl Shopify {
    fn graphql_path(&self) -> String {
        format!("admin/api/{}/graphql.json", self.store.api_version(&INFO))
    }

    /// Run a read-only query; GraphQL errors in a 200 become taxonomy errors.
    async fn query<T: serde::de::DeserializeOwned>(&self, doc: &str, vars: Value) -> Result<(T, Response)> {
        self.run(doc, vars, true).await
    }

    /// Send a document; `retry_safe` only for reads and for writes that are idempotent as sent.
    async fn run<T: serde::de::DeserializeOwned>(
        &self,
        doc: &str,
        vars: Value,
        retry_safe: bool,
    ) -> Result<(T, Response)> {
        let req = Request::post(&self.graphql_path())
            .json(json!({ "query": with_fragments(doc), "variables": vars }));
        // Reads are cacheable (test-connection turns the cache off for the probe, as for every
        // platform); mutations never are.
        let mutation = doc.trim_start().starts_with("mutation");
        let req = match (retry_safe, mutation) {
            (true, false) => req.cacheable(),
            (true, true) => req.retry_safe(),
            (false, _) => req,
        };
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

    /// The gid of the order numbered `number`, if any.
    async fn gid_by_name(&self, number: &str) -> Result<Option<String>> {
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
        Ok(d.orders.nodes.into_iter().find(|o| o.name.trim_start_matches('#') == number).map(|o| o.id))
    }

    /// The refund context of the order `r` names, with Shopify's suggestion for `early` when
    /// given. An order number is looked up together with its context (`orders(first: 1)`); a
    /// fuzzy first hit falls back to the exact lookup of `find`.
    async fn refund_context(&self, r: &OrderRef, early: Option<&RefundAsk>) -> Result<RefundCtxDto> {
        let ask_vars = |mut vars: Value| {
            if let (Some(a), Some(o)) = (early, vars.as_object_mut()) {
                o.extend(a.variables());
            }
            vars
        };
        if let OrderRef::Number(n) = r {
            #[derive(Deserialize)]
            struct D {
                orders: Nodes<RefundCtxDto>,
            }
            let doc = if early.is_some() { REFUND_QUOTE_BY_NAME } else { REFUND_CONTEXT_BY_NAME };
            let (d, _): (D, _) = self.query(doc, ask_vars(json!({ "query": format!("name:#{n}") }))).await?;
            if let Some(ctx) =
                d.orders.nodes.into_iter().next().filter(|o| o.name.trim_start_matches('#') == n)
            {
                return Ok(ctx);
            }
        }
        let fetch = async |g: String| {
            #[derive(Deserialize)]
            struct D {
                order: Option<RefundCtxDto>,
            }
            let doc = if early.is_some() { REFUND_QUOTE } else { REFUND_CONTEXT };
            let (d, _): (D, _) = self.query(doc, ask_vars(json!({ "id": g }))).await?;
            Ok(d.order)
        };
        self.find(r, fetch).await
    }

    /// Shopify's suggestion for `ask` on order `gid`.
    async fn suggested_refund(&self, gid: &str, ask: &RefundAsk) -> Result<SuggestedRefundDto> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct D {
            order: Option<O>,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct O {
            suggested_refund: Option<SuggestedRefundDto>,
        }
        let mut vars = json!({ "id": gid });
        if let Some(o) = vars.as_object_mut() {
            o.extend(ask.variables());
        }
        let (d, _): (D, _) = self.query(SUGGESTED_REFUND, vars).await?;
        d.order
            .and_then(|o| o.suggested_refund)
            .ok_or_else(|| no_payload(&self.store.client.name, "suggestedRefund"))
    }

    /// Find the order `r` names and read it with `fetch` (given the order's gid; `None` when no
    /// such order). Numbers are resolved to ids first; a bare number may be either, so the likelier
    /// reading is tried first: order numbers are short, internal ids long.
    async fn find<T, F, Fut>(&self, r: &OrderRef, fetch: F) -> Result<T>
    where
        F: Fn(String) -> Fut,
        Fut: std::future::Future<Output = Result<Option<T>>>,
    {
        let gid = |n: &str| format!("gid://shopify/Order/{n}");
        let by_name = async |n: &str| match self.gid_by_name(n).await? {
            Some(g) => fetch(g).await,
            None => Ok(None),
        };
        let found = match r {
            OrderRef::Number(n) => by_name(n).await?,
            OrderRef::Global(g) => fetch(g.clone()).await?,
            OrderRef::Bare(n) if n.len() >= 8 => match fetch(gid(n)).await? {
                Some(o) => Some(o),
                None => by_name(n).await?,
            },
            OrderRef::Bare(n) => match by_name(n).await? {
                Some(o) => Some(o),
                None => fetch(gid(n)).await?,
            },
        };
        found.ok_or_else(|| {
            Error::not_found(format!("order {r} not found in store {}", self.store.name))
                .with_hint("check the number with `shopdesk order search`; orders older than 60 days need the read_all_orders scope")
        })
    }

    async fn head(&self, gid: String) -> Result<Option<OrderHead>> {
        #[derive(Deserialize)]
        struct D {
            order: Option<OrderHead>,
        }
        let (d, _): (D, _) = self.query(ORDER_HEAD, json!({ "id": gid })).await?;
        Ok(d.order)
    }

    async fn fulfillment_orders(&self, gid: String) -> Result<Option<FoOrderDto>> {
        #[derive(Deserialize)]
        struct D {
            order: Option<FoOrderDto>,
        }
        let (d, _): (D, _) = self.query(FULFILLMENT_ORDERS, json!({ "id": gid })).await?;
        Ok(d.order)
    }

    async fn customer_by_id(&self, gid: &str) -> Result<Option<Customer>> {
        #[derive(Deserialize)]
        struct D {
            customer: Option<CustomerFullDto>,
        }
        let (d, _): (D, _) = self.query(CUSTOMER_BY_ID, json!({ "id": gid })).await?;
        d.customer.map(|c| c.into_domain(&self.store)).transpose()
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
        self.find(r, async |g: String| self.by_id(&g).await).await
    }

    async fn notes(&self, r: &OrderRef) -> Result<Vec<Note>> {
        let head = self.find(r, async |g: String| self.head(g).await).await?;
        Ok(note_of(head.note.as_deref()).into_iter().collect())
    }

    async fn add_note(&self, r: &OrderRef, text: &str, notify_customer: bool) -> Result<Note> {
        if notify_customer {
            return Err(Error::unsupported(
                INFO.display,
                "customer-visible order notes (--notify-customer)",
                "Shopify's order note is staff-only and never emailed: add the note without --notify-customer, and email the customer from the order's page in the Shopify admin",
            ));
        }
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::usage("the note is empty").with_hint(
                "give the note text, e.g. `shopdesk order note add 1001 \"called the customer\"`",
            ));
        }
        let now = jiff::Timestamp::from_second(jiff::Timestamp::now().as_second())
            .map_err(|e| Error::general(e.to_string()))?;
        // Check what can be checked before anything is sent.
        if text.chars().count() + note_stamp(now).len() + 1 > NOTE_MAX_CHARS {
            return Err(Error::usage(format!(
                "the note is longer than Shopify's {NOTE_MAX_CHARS}-character limit"
            ))
            .with_hint("shorten the text"));
        }
        let head = self.find(r, async |g: String| self.head(g).await).await?;
        let note = appended_note(head.note.as_deref(), text, now);
        if note.chars().count() > NOTE_MAX_CHARS {
            return Err(Error::usage(format!(
                "order {}'s note would be {} characters; Shopify allows {NOTE_MAX_CHARS}",
                head.name,
                note.chars().count()
            ))
            .with_hint("shorten the text, or tidy the existing note in the Shopify admin"));
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct D {
            order_update: Option<Payload>,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Payload {
            user_errors: Vec<UserErrorDto>,
        }
        // Setting the note to the same full text twice is harmless, so a retry is safe.
        let vars = json!({ "input": { "id": head.id, "note": note } });
        let (d, _): (D, _) = self.run(ORDER_UPDATE, vars, true).await?;
        let payload = d.order_update.ok_or_else(|| no_payload(&self.store.client.name, "orderUpdate"))?;
        if !payload.user_errors.is_empty() {
            return Err(user_errors(
                &self.store.client.name,
                &format!("updating order {}'s note", head.name),
                &payload.user_errors,
            ));
        }
        Ok(Note {
            id: None,
            created_at: Some(now.to_string()),
            author: None,
            text: text.to_string(),
            customer_visible: false,
        })
    }

    async fn create_fulfillment(&self, r: &OrderRef, f: &NewFulfillment) -> Result<Fulfillment> {
        let number = f.tracking_number.trim();
        if number.is_empty() {
            return Err(Error::usage("the tracking number is empty").with_hint("pass --tracking NUMBER"));
        }
        if let Some(u) = &f.tracking_url {
            let ok = url::Url::parse(u).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
            if !ok {
                return Err(Error::usage(format!("`{u}` is not an http(s) URL"))
                    .with_hint("give the carrier's full tracking URL, or leave it out"));
            }
        }
        let order = self.find(r, async |g: String| self.fulfillment_orders(g).await).await?;
        let open = fulfillable(&order)?;
        let mut tracking = serde_json::Map::new();
        tracking.insert("number".into(), json!(number));
        if let Some(c) = f.carrier.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            tracking.insert("company".into(), json!(c));
        }
        if let Some(u) = &f.tracking_url {
            tracking.insert("url".into(), json!(u));
        }
        let vars = json!({
            "fulfillment": {
                "lineItemsByFulfillmentOrder": open.iter().map(|id| json!({ "fulfillmentOrderId": id })).collect::<Vec<_>>(),
                "trackingInfo": tracking,
                "notifyCustomer": f.notify,
            },
            "message": null,
        });
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct D {
            fulfillment_create: Option<Payload>,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Payload {
            fulfillment: Option<FulfillmentDto>,
            user_errors: Vec<UserErrorDto>,
        }
        // Not idempotent: a retry after a lost response could ship twice.
        let (d, _): (D, _) = self.run(FULFILLMENT_CREATE, vars, false).await?;
        let payload =
            d.fulfillment_create.ok_or_else(|| no_payload(&self.store.client.name, "fulfillmentCreate"))?;
        if !payload.user_errors.is_empty() {
            return Err(user_errors(
                &self.store.client.name,
                &format!("fulfilling order {}", order.name),
                &payload.user_errors,
            ));
        }
        payload
            .fulfillment
            .map(FulfillmentDto::into_domain)
            .ok_or_else(|| no_payload(&self.store.client.name, "fulfillmentCreate.fulfillment"))
    }

    async fn refunds(&self, r: &OrderRef) -> Result<Vec<Refund>> {
        #[derive(Deserialize)]
        struct D {
            order: Option<RefundsDto>,
        }
        #[derive(Deserialize)]
        struct RefundsDto {
            refunds: Vec<RefundDto>,
        }
        let fetch = async |g: String| {
            let (d, _): (D, _) = self.query(ORDER_REFUNDS, json!({ "id": g })).await?;
            Ok(d.order)
        };
        let o = self.find(r, fetch).await?;
        o.refunds.into_iter().map(RefundDto::into_domain).collect()
    }

    async fn refund_quote(&self, r: &OrderRef, spec: &RefundSpec) -> Result<RefundQuote> {
        check_spec(spec)?;
        let early = early_ask(spec);
        let ctx = self.refund_context(r, early.as_ref()).await?;
        let ask = refund_ask(&ctx, spec)?;
        let suggestion = match ctx.suggested_refund {
            // Asked with the context, for exactly this ask.
            Some(ref s) if early.as_ref() == Some(&ask) => s,
            _ => &self.suggested_refund(&ctx.id, &ask).await?,
        };
        build_quote(&self.store, &ctx, suggestion, spec)
    }

    async fn refund_create(&self, q: &RefundQuote, spec: &RefundSpec, key: &str) -> Result<Refund> {
        let mut input = q.plan.clone();
        let Some(obj) = input.as_object_mut().filter(|o| o.contains_key("orderId")) else {
            return Err(Error::general("this refund quote was not made by the Shopify adapter")
                .with_hint("quote the refund again with `shopdesk refund … --dry-run`"));
        };
        obj.insert("note".into(), json!(marked_reason(spec.reason.as_deref(), key)));
        obj.insert("notify".into(), json!(spec.notify));
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct D {
            refund_create: Option<Payload>,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Payload {
            refund: Option<RefundDto>,
            user_errors: Vec<UserErrorDto>,
        }
        // Retry-safe: Shopify answers a resend with the same key and input with the first
        // refund (`@idempotent`), so a lost answer can be asked again without refunding twice.
        let (d, _): (D, _) = self.run(REFUND_CREATE, json!({ "input": input, "key": key }), true).await?;
        let payload = d.refund_create.ok_or_else(|| no_payload(&self.store.client.name, "refundCreate"))?;
        if !payload.user_errors.is_empty() {
            return Err(refund_user_errors(
                &self.store.client.name,
                &format!("refunding order #{}", q.order_number),
                &payload.user_errors,
            ));
        }
        payload
            .refund
            .ok_or_else(|| no_payload(&self.store.client.name, "refundCreate.refund"))?
            .into_domain()
    }

    async fn customers(&self, key: &CustomerKey) -> Result<Vec<Customer>> {
        match key {
            CustomerKey::Id(id) => {
                let gid = customer_gid(id)?;
                Ok(self.customer_by_id(&gid).await?.into_iter().collect())
            }
            CustomerKey::Email(email) => {
                #[derive(Deserialize)]
                struct D {
                    customers: Nodes<CustomerFullDto>,
                }
                let vars = json!({ "query": format!("email:\"{}\"", email.replace('"', "")) });
                let (d, _): (D, _) = self.query(CUSTOMERS_BY_EMAIL, vars).await?;
                d.customers
                    .nodes
                    .into_iter()
                    .filter(|c| c.email().is_some_and(|e| e.eq_ignore_ascii_case(email)))
                    .map(|c| c.into_domain(&self.store))
                    .collect()
            }
        }
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
            "first": page_size.min(SEARCH_PAGE_MAX),
            "after": cursor,
            "query": if query.is_empty() { Value::Null } else { Value::String(query) },
        });
        let (d, _): (D, _) = self.query(ORDERS, vars).await?;
        let items = d.orders.nodes.into_iter().map(|s| s.into_domain(&self.store)).collect::<Result<_>>()?;
        let next = if d.orders.page_info.has_next_page { d.orders.page_info.end_cursor } else { None };
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
            deprecation: resp.header("x-shopify-api-deprecated-reason").map(str::to_string),
            scopes_granted: Some(
                d.current_app_installation.access_scopes.into_iter().map(|s| s.handle).collect(),
            ),
            server_date: resp.server_date(),
            request_id: resp.request_id().map(str::to_string),
        })
    }

    fn api_path(&self, path: &str) -> String {
        match path.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("admin/api/{}/{path}", self.store.api_version(&INFO)),
        }
    }

    async fn webhooks(&self) -> Result<Vec<WebhookSubscription>> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct D {
            webhook_subscriptions: Conn,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Conn {
            nodes: Vec<WebhookDto>,
            page_info: PageInfoDto,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct PageInfoDto {
            has_next_page: bool,
            end_cursor: Option<String>,
        }
        let mut out = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let vars = json!({ "first": 100, "after": after });
            let (d, _): (D, _) = self.query(WEBHOOK_SUBSCRIPTIONS, vars).await?;
            out.extend(d.webhook_subscriptions.nodes.into_iter().map(|w| w.into_domain(&self.store.name)));
            match d.webhook_subscriptions.page_info {
                PageInfoDto { has_next_page: true, end_cursor: Some(c) } => after = Some(c),
                _ => return Ok(out),
            }
        }
    }

    async fn webhook_create(
        &self,
        topic: &str,
        url: &str,
        _secret: Option<&Secret>,
    ) -> Result<WebhookSubscription> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct D {
            webhook_subscription_create: Option<Payload>,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Payload {
            webhook_subscription: Option<WebhookDto>,
            user_errors: Vec<UserErrorDto>,
        }
        let vars = json!({ "topic": topic, "sub": { "uri": url, "format": "JSON" } });
        let (d, _): (D, _) = self.run(WEBHOOK_SUBSCRIPTION_CREATE, vars, false).await?;
        let name = &self.store.client.name;
        let p = d.webhook_subscription_create.ok_or_else(|| no_payload(name, "webhookSubscriptionCreate"))?;
        if !p.user_errors.is_empty() {
            return Err(user_errors(name, &format!("the {topic} subscription"), &p.user_errors));
        }
        let w = p.webhook_subscription.ok_or_else(|| no_payload(name, "webhookSubscriptionCreate"))?;
        Ok(w.into_domain(&self.store.name))
    }

    async fn webhook_delete(&self, id: &str) -> Result<()> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct D {
            webhook_subscription_delete: Option<Payload>,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Payload {
            user_errors: Vec<UserErrorDto>,
        }
        let gid = if id.starts_with("gid://") {
            id.to_string()
        } else {
            format!("gid://shopify/WebhookSubscription/{id}")
        };
        // Deleting twice leaves the same state (the second is "not found"), so a retry is safe.
        let (d, _): (D, _) = self.run(WEBHOOK_SUBSCRIPTION_DELETE, json!({ "id": gid }), true).await?;
        let name = &self.store.client.name;
        let p = d.webhook_subscription_delete.ok_or_else(|| no_payload(name, "webhookSubscriptionDelete"))?;
        if !p.user_errors.is_empty() {
            return Err(user_errors(name, &format!("deleting webhook {id}"), &p.user_errors));
        }
        Ok(())
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WebhookDto {
    id: String,
    topic: String,
    uri: String,
    created_at: Option<String>,
}

impl WebhookDto {
    fn into_domain(self, store: &str) -> WebhookSubscription {
        WebhookSubscription {
            id: self.id,
            source: store.to_string(),
            topic: self.topic.clone(),
            vendor_topic: self.topic,
            url: self.uri,
            active: true,
            created_at: self.created_at.and_then(|t| t.parse().ok()),
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
pub fn error_message(_: reqwest::StatusCode, body: &[u8]) -> Option<String> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let e = v.get("errors")?;
    Some(match e {
        Value::String(s) => s.clone(),
        Value::Array(a) => a
            .iter()
            .map(|x| {
                x.get("message").and_then(Value::as_str).map(str::to_string).unwrap_or_else(|| x.to_string())
            })
            .collect::<Vec<_>>()
            .join("; "),
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| {
                format!(
                    "{k} {}",
                    v.as_array()
                        .map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "))
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
    Some(Duration::from_secs_f64((need / ts.restore_rate.max(1.0)).clamp(0.05, 30.0)))
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
    let code = first.extensions.as_ref().and_then(|e| e.get("code")).and_then(Value::as_str).unwrap_or("");
    let msgs = all.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; ");
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
        "THROTTLED" => Error::rate_limited(format!("{service}: still throttled after all retries ({msgs})"))
            .with_hint("the query-cost bucket is empty; wait a minute, or page with a smaller --limit"),
        "MAX_COST_EXCEEDED" => Error::usage(format!("{service}: query too expensive: {msgs}")),
        "IDEMPOTENCY_KEY_PARAMETER_MISMATCH" => Error::conflict(format!("{service} refused the request: {msgs}"))
            .with_hint("this idempotency key was already used for a different refund; check `shopdesk order get`, then rerun with a new --idempotency-key"),
        "IDEMPOTENCY_CONCURRENT_REQUEST" => Error::conflict(format!("{service}: {msgs}"))
            .with_hint("the same request is still being processed; rerun in a moment"),
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

impl FulfillmentDto {
    fn into_domain(self) -> Fulfillment {
        Fulfillment {
            id: self.id,
            name: self.name,
            status: shipment_state(&self.status),
            display_status: self.display_status,
            created_at: self.created_at,
            delivered_at: self.delivered_at,
            estimated_delivery_at: self.estimated_delivery_at,
            tracking: self
                .tracking_info
                .into_iter()
                .map(|t| Tracking { carrier: t.company, number: t.number, url: t.url })
                .collect(),
            items: self
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
        }
    }
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

impl RefundDto {
    fn into_domain(self) -> Result<Refund> {
        Ok(Refund {
            id: self.id,
            created_at: self.created_at,
            note: self.note,
            amount: self.total_refunded_set.money()?,
            lines: self
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
    }
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
        "UNFULFILLED" | "OPEN" | "IN_PROGRESS" | "PENDING_FULFILLMENT" | "SCHEDULED" | "REQUEST_DECLINED" => {
            FulfillmentStatus::Unfulfilled
        }
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
        let fulfillments = self.fulfillments.into_iter().map(FulfillmentDto::into_domain).collect();
        let refunds = self.refunds.into_iter().map(RefundDto::into_domain).collect::<Result<Vec<_>>>()?;
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

// ---- refunds ------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RefundCtxLine {
    id: String,
    sku: Option<String>,
    title: String,
    refundable_quantity: u32,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CtxTransaction {
    id: String,
    kind: String,
    status: String,
    gateway: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RefundCtxDto {
    id: String,
    name: String,
    currency_code: String,
    line_items: Nodes<RefundCtxLine>,
    total_shipping_price_set: MoneyBag,
    total_refunded_shipping_set: MoneyBag,
    transactions: Vec<CtxTransaction>,
    /// Present when the suggestion was asked with the context (`RefundQuote…`).
    #[serde(default)]
    suggested_refund: Option<SuggestedRefundDto>,
}

impl RefundCtxDto {
    fn shipping_left(&self) -> Result<Decimal> {
        Ok((self.total_shipping_price_set.money()?.amount - self.total_refunded_shipping_set.money()?.amount)
            .max(Decimal::ZERO))
    }
    /// `MUG-BLUE ×1, TSHIRT-M ×2, shipping 7.95 USD` (or "nothing").
    fn refundable_summary(&self) -> String {
        let mut parts: Vec<String> = self
            .line_items
            .nodes
            .iter()
            .filter(|l| l.refundable_quantity > 0)
            .map(|l| {
                format!(
                    "{} ×{}",
                    l.sku.as_deref().filter(|s| !s.is_empty()).unwrap_or(&l.title),
                    l.refundable_quantity
                )
            })
            .collect();
        if let Ok(s) = self.shipping_left()
            && s > Decimal::ZERO
        {
            parts.push(format!("shipping {s} {}", self.currency_code));
        }
        if parts.is_empty() { "nothing".into() } else { parts.join(", ") }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IdDto {
    id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SuggestedLineDto {
    quantity: u32,
    restock_type: String,
    location: Option<IdDto>,
    line_item: LineRef,
    subtotal_set: MoneyBag,
    total_tax_set: MoneyBag,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ShippingRefundDto {
    amount_set: MoneyBag,
    maximum_refundable_set: MoneyBag,
    tax_set: MoneyBag,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SuggestedTxnDto {
    gateway: Option<String>,
    amount_set: MoneyBag,
    parent_transaction: Option<IdDto>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SuggestedRefundDto {
    amount_set: MoneyBag,
    maximum_refundable_set: MoneyBag,
    total_tax_set: MoneyBag,
    shipping: ShippingRefundDto,
    refund_line_items: Vec<SuggestedLineDto>,
    suggested_transactions: Vec<SuggestedTxnDto>,
}

/// What `suggestedRefund` is asked for: the lines (`RefundLineItemInput`s) and the shipping.
#[derive(Debug, PartialEq)]
struct RefundAsk {
    lines: Vec<Value>,
    full_shipping: bool,
    shipping_amount: Option<Decimal>,
}

impl RefundAsk {
    /// The `$lines`, `$shipping` and `$shippingAmount` variables of the suggestion.
    fn variables(&self) -> serde_json::Map<String, Value> {
        let mut m = serde_json::Map::new();
        m.insert("lines".into(), json!(self.lines));
        m.insert("shipping".into(), json!(self.full_shipping.then_some(true)));
        m.insert("shippingAmount".into(), json!(self.shipping_amount.map(|a| a.to_string())));
        m
    }
}

/// The ask when it does not depend on the order's lines: an amount and/or shipping, no items
/// (`refund_ask` gives the same for any order, or refuses the spec).
fn early_ask(spec: &RefundSpec) -> Option<RefundAsk> {
    (spec.items.is_empty() && !spec.is_full()).then(|| RefundAsk {
        lines: Vec::new(),
        full_shipping: spec.shipping == ShippingPick::Full,
        shipping_amount: match spec.shipping {
            ShippingPick::Amount(a) => Some(a),
            _ => None,
        },
    })
}

/// Checks that need no store: amounts must be positive; a record-only refund does not exist on
/// Shopify (a refund with transactions goes through the payment gateway).
fn check_spec(spec: &RefundSpec) -> Result<()> {
    if spec.record_only {
        return Err(Error::unsupported(
            INFO.display,
            "record-only refunds (--record-only)",
            "leave out --record-only: a Shopify refund always goes back through the order's payment gateway (a refund paid outside Shopify is recorded in the Shopify admin)",
        ));
    }
    if spec.amount.is_some_and(|a| a <= Decimal::ZERO) {
        return Err(Error::usage("--amount must be more than 0").with_hint("e.g. --amount 12.50"));
    }
    if let ShippingPick::Amount(a) = spec.shipping
        && a <= Decimal::ZERO
    {
        return Err(Error::usage("--shipping AMOUNT must be more than 0")
            .with_hint("give --shipping alone to refund all the shipping left"));
    }
    Ok(())
}

/// Whether line `l` is the one `--item` names: its SKU (any case), its gid or the gid's number.
fn line_matches(l: &RefundCtxLine, key: &str) -> bool {
    l.sku.as_deref().is_some_and(|s| !s.is_empty() && s.eq_ignore_ascii_case(key))
        || l.id == key
        || l.id.rsplit('/').next() == Some(key)
}

/// Maps the spec onto the order: which lines and how many of each (all that is left by
/// default), and the shipping. Anything beyond what is left is a usage error naming what is
/// refundable, found before any quote is asked for.
fn refund_ask(ctx: &RefundCtxDto, spec: &RefundSpec) -> Result<RefundAsk> {
    let name = &ctx.name;
    let left = || format!("refundable on {name}: {}", ctx.refundable_summary());
    let restock = if spec.restock { "RETURN" } else { "NO_RESTOCK" };
    let mut taken: Vec<u32> = vec![0; ctx.line_items.nodes.len()];
    if spec.is_full() {
        for (k, l) in ctx.line_items.nodes.iter().enumerate() {
            taken[k] = l.refundable_quantity;
        }
    }
    for pick in &spec.items {
        let matching: Vec<usize> = (0..ctx.line_items.nodes.len())
            .filter(|&k| line_matches(&ctx.line_items.nodes[k], &pick.sku))
            .collect();
        if matching.is_empty() {
            return Err(Error::usage(format!("{} is not on order {name}", pick.sku)).with_hint(left()));
        }
        let available: u32 =
            matching.iter().map(|&k| ctx.line_items.nodes[k].refundable_quantity - taken[k]).sum();
        let want = pick.quantity.unwrap_or(available);
        if available == 0 {
            return Err(Error::usage(format!("{} on order {name} has nothing left to refund", pick.sku))
                .with_hint(left()));
        }
        if want > available {
            return Err(Error::usage(format!(
                "cannot refund {want} × {} on order {name}: only {available} left to refund",
                pick.sku
            ))
            .with_hint(left()));
        }
        let mut need = want;
        for &k in &matching {
            let take = need.min(ctx.line_items.nodes[k].refundable_quantity - taken[k]);
            taken[k] += take;
            need -= take;
        }
    }
    let lines: Vec<Value> = ctx
        .line_items
        .nodes
        .iter()
        .zip(&taken)
        .filter(|(_, q)| **q > 0)
        .map(|(l, q)| json!({ "lineItemId": l.id, "quantity": q, "restockType": restock }))
        .collect();
    let ship_left = ctx.shipping_left()?;
    let cur = &ctx.currency_code;
    let (full_shipping, shipping_amount) = match spec.shipping {
        ShippingPick::None => (spec.is_full() && ship_left > Decimal::ZERO, None),
        ShippingPick::Full if ship_left.is_zero() => {
            return Err(
                Error::usage(format!("order {name} has no shipping left to refund")).with_hint(left())
            );
        }
        ShippingPick::Full => (true, None),
        ShippingPick::Amount(a) if a > ship_left => {
            return Err(Error::usage(format!(
                "cannot refund {a} {cur} of shipping on order {name}: only {ship_left} {cur} left"
            ))
            .with_hint(left()));
        }
        ShippingPick::Amount(a) => (false, Some(a)),
    };
    Ok(RefundAsk { lines, full_shipping, shipping_amount })
}

/// The quote from Shopify's suggestion, and the plan `refund_create` sends: the suggested lines
/// (with the restock location Shopify suggests), the suggested shipping amount, and the
/// suggested transactions (parent, gateway, amount). `--amount` is added to the first
/// transaction (or, when nothing else is refunded, sent as a transaction against the order's
/// captured payment). Over the refundable balance is a usage error; a quote of nothing (an
/// unpaid or fully refunded order) is returned as such and the command refuses it.
fn build_quote(
    store: &Store,
    ctx: &RefundCtxDto,
    s: &SuggestedRefundDto,
    spec: &RefundSpec,
) -> Result<RefundQuote> {
    let currency = Currency::new(&ctx.currency_code).map_err(Error::unavailable)?;
    let name = &ctx.name;
    let refundable = s.maximum_refundable_set.money()?;
    // Shopify caps a shipping amount at what is left; the user must hear it, not get less.
    if let ShippingPick::Amount(a) = spec.shipping {
        let left = s.shipping.maximum_refundable_set.money()?;
        if a > left.amount {
            return Err(Error::usage(format!(
                "cannot refund {a} {currency} of shipping on order {name}: only {left} left"
            ))
            .with_hint(format!("refundable on {name}: {}", ctx.refundable_summary())));
        }
    }
    let adjustment = Money::new(spec.amount.unwrap_or_default(), currency.clone());
    let total = Money::new(s.amount_set.money()?.amount + adjustment.amount, currency.clone());
    if total.amount > refundable.amount {
        return Err(Error::usage(format!(
            "this refund would be {total}, more than the {refundable} left to refund on order {name}"
        ))
        .with_hint("ask for less (fewer items, a smaller --amount or --shipping)"));
    }
    let mut txns: Vec<(String, Option<String>, Decimal)> = s
        .suggested_transactions
        .iter()
        .filter_map(|t| {
            let parent = t.parent_transaction.as_ref()?.id.clone();
            Some(t.amount_set.money().map(|m| (parent, t.gateway.clone(), m.amount)))
        })
        .collect::<Result<_>>()?;
    if adjustment.amount > Decimal::ZERO {
        if txns.is_empty() {
            let sale = ctx
                .transactions
                .iter()
                .find(|t| matches!(t.kind.as_str(), "SALE" | "CAPTURE") && t.status == "SUCCESS")
                .ok_or_else(|| {
                    Error::usage(format!("order {name} has no captured payment to refund"))
                        .with_hint("only paid orders can be refunded")
                })?;
            txns.push((sale.id.clone(), sale.gateway.clone(), Decimal::ZERO));
        }
        txns[0].2 += adjustment.amount;
    }
    let gateway = txns.first().and_then(|t| t.1.clone());
    let mut lines = Vec::new();
    let mut plan_lines = Vec::new();
    for l in &s.refund_line_items {
        lines.push(QuoteLine {
            line_item_id: l.line_item.id.clone(),
            sku: l.line_item.sku.clone().filter(|s| !s.is_empty()),
            title: l.line_item.title.clone(),
            quantity: l.quantity,
            subtotal: l.subtotal_set.money()?,
            tax: l.total_tax_set.money()?,
        });
        let mut pl =
            json!({ "lineItemId": l.line_item.id, "quantity": l.quantity, "restockType": l.restock_type });
        if l.restock_type != "NO_RESTOCK"
            && let Some(loc) = &l.location
        {
            pl["locationId"] = json!(loc.id);
        }
        plan_lines.push(pl);
    }
    let shipping = s.shipping.amount_set.money()?;
    let mut plan = json!({
        "orderId": ctx.id,
        "currency": ctx.currency_code,
        "refundLineItems": plan_lines,
        "transactions": txns.iter().map(|(parent, gateway, amount)| json!({
            "orderId": ctx.id,
            "parentId": parent,
            "gateway": gateway.clone().unwrap_or_default(),
            "kind": "REFUND",
            "amount": amount.to_string(),
        })).collect::<Vec<_>>(),
    });
    if shipping.amount > Decimal::ZERO {
        plan["shipping"] = json!({ "amount": shipping.amount.to_string() });
    }
    let tax =
        Money::new(s.total_tax_set.money()?.amount + s.shipping.tax_set.money()?.amount, currency.clone());
    Ok(RefundQuote {
        store: store.name.clone(),
        platform: INFO.name.into(),
        order_id: ctx.id.clone(),
        // The number without Shopify's `#` (the command prints `#{number}` and asks for it typed).
        order_number: ctx.name.trim_start_matches('#').to_string(),
        currency,
        lines,
        shipping,
        tax,
        adjustment,
        total,
        refundable,
        gateway,
        online: true,
        restock: spec.restock,
        plan,
    })
}

/// `refundCreate`'s userErrors: Shopify refused and nothing moved, so always a definite error —
/// an unknown id is not found, anything else (more than is left because the order changed since
/// the quote, a missing location…) a conflict.
fn refund_user_errors(service: &str, doing: &str, errs: &[UserErrorDto]) -> Error {
    let lower = errs.iter().map(|e| e.message.to_lowercase()).collect::<Vec<_>>().join("; ");
    let msgs = errs.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; ");
    if ["more than", "exceed", "cannot refund more", "already refunded"].iter().any(|p| lower.contains(p)) {
        return Error::conflict(format!("{service} refused {doing}: {msgs}")).with_hint(
            "the order changed since the quote; check it with `shopdesk order get` and run the refund again",
        );
    }
    match user_errors(service, doing, errs) {
        e if e.exit_code() == 3 => e,
        // Shopify refused and nothing moved: a definite answer, never "outcome unknown".
        _ => Error::conflict(format!("{service} refused {doing}: {msgs}"))
            .with_hint("nothing was refunded; fix what Shopify names and run the refund again"),
    }
}

// ---- notes, fulfillment orders, mutations' userErrors, customers ----------------------------

#[derive(Deserialize)]
struct OrderHead {
    id: String,
    name: String,
    note: Option<String>,
}

/// Shopify keeps one free-text note per order (no timeline comments through the API): it is
/// read back as one staff-only [`Note`], or none when blank.
fn note_of(note: Option<&str>) -> Option<Note> {
    let text = note.map(str::trim).filter(|t| !t.is_empty())?;
    Some(Note { id: None, created_at: None, author: None, text: text.to_string(), customer_visible: false })
}

/// The prefix of an appended note entry: `[2026-11-27 04:41 UTC]`.
fn note_stamp(t: jiff::Timestamp) -> String {
    format!("[{}]", t.strftime("%Y-%m-%d %H:%M UTC"))
}

/// The order note after appending `text`: the previous note is kept and the entry goes on a new
/// line, prefixed with the UTC time, so the note reads as a log.
fn appended_note(previous: Option<&str>, text: &str, at: jiff::Timestamp) -> String {
    let entry = format!("{} {text}", note_stamp(at));
    match previous.map(str::trim_end).filter(|p| !p.trim().is_empty()) {
        Some(p) => format!("{p}\n{entry}"),
        None => entry,
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FoOrderDto {
    name: String,
    fulfillment_orders: Nodes<FoDto>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FoDto {
    id: String,
    status: String,
    line_items: Nodes<FoLineDto>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FoLineDto {
    remaining_quantity: i64,
}

/// The ids of the fulfillment orders that can ship now (`OPEN`, or `IN_PROGRESS` after a partial
/// fulfillment, with units remaining); a conflict when there are none, saying why.
fn fulfillable(order: &FoOrderDto) -> Result<Vec<String>> {
    let remaining = |fo: &FoDto| fo.line_items.nodes.iter().map(|l| l.remaining_quantity.max(0)).sum::<i64>();
    let open: Vec<String> = order
        .fulfillment_orders
        .nodes
        .iter()
        .filter(|fo| matches!(fo.status.as_str(), "OPEN" | "IN_PROGRESS") && remaining(fo) > 0)
        .map(|fo| fo.id.clone())
        .collect();
    if !open.is_empty() {
        return Ok(open);
    }
    let name = &order.name;
    let has = |s: &str| order.fulfillment_orders.nodes.iter().any(|fo| fo.status == s && remaining(fo) > 0);
    Err(if has("ON_HOLD") {
        Error::conflict(format!("order {name} is on hold and cannot be fulfilled"))
            .with_hint("release the fulfillment hold on the order page in the Shopify admin, then try again")
    } else if has("SCHEDULED") {
        Error::conflict(format!("order {name} is scheduled for later fulfillment"))
            .with_hint("mark it ready to fulfil in the Shopify admin, or wait for its fulfil-at date")
    } else {
        Error::conflict(format!("order {name} has nothing left to fulfil"))
            .with_hint(format!("`shopdesk fulfillment list {name}` shows its shipments"))
    })
}

#[derive(Deserialize, Debug)]
struct UserErrorDto {
    #[serde(default)]
    field: Option<Vec<String>>,
    message: String,
}

/// A mutation's `userErrors` (Shopify refused; nothing changed) → one error. A fulfillment
/// order that is no longer open is a conflict (someone fulfilled it meanwhile); an unknown id is
/// not found; anything else is reported as Shopify worded it.
fn user_errors(service: &str, doing: &str, errs: &[UserErrorDto]) -> Error {
    let msgs = errs
        .iter()
        .map(|e| match e.field.as_deref() {
            Some(f) if !f.is_empty() => format!("{}: {}", f.join("."), e.message),
            _ => e.message.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let lower = msgs.to_lowercase();
    let message = format!("{service} refused {doing}: {msgs}");
    if ["unfulfillable status", "not in an open state", "already fulfilled", "is closed"]
        .iter()
        .any(|p| lower.contains(p))
    {
        Error::conflict(message)
            .with_hint("the order changed meanwhile; check it with `shopdesk fulfillment list`")
    } else if lower.contains("does not exist") || lower.contains("not found") {
        Error::not_found(message).with_hint("check the reference with `shopdesk order get`")
    } else {
        Error::general(message).with_hint("nothing was changed; fix what Shopify names and try again")
    }
}

fn no_payload(service: &str, what: &str) -> Error {
    Error::unavailable(format!("{service}: the response has no {what} payload"))
        .with_hint("run with -vv to see the response; if it persists, check Shopify's status page")
}

/// A customer id as Shopify takes it: a bare numeric id or a `gid://shopify/Customer/…`.
fn customer_gid(id: &str) -> Result<String> {
    let digits = |x: &str| !x.is_empty() && x.len() <= 20 && x.bytes().all(|b| b.is_ascii_digit());
    if digits(id) {
        return Ok(format!("gid://shopify/Customer/{id}"));
    }
    if id.strip_prefix("gid://shopify/Customer/").is_some_and(digits) {
        return Ok(id.to_string());
    }
    Err(Error::usage(format!("`{id}` is not a Shopify customer id")).with_hint(
        "use the numeric id (e.g. 6812304123), a gid://shopify/Customer/… id, or an email address",
    ))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PhoneDto {
    phone_number: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CustomerFullDto {
    id: String,
    display_name: Option<String>,
    created_at: Option<String>,
    /// `UnsignedInt64`: a JSON string.
    number_of_orders: Option<Value>,
    default_email_address: Option<EmailDto>,
    default_phone_number: Option<PhoneDto>,
    amount_spent: Option<MoneyV2>,
    default_address: Option<AddressDto>,
}

impl CustomerFullDto {
    fn email(&self) -> Option<&str> {
        self.default_email_address.as_ref()?.email_address.as_deref()
    }

    fn into_domain(self, store: &Store) -> Result<Customer> {
        let orders_count = match &self.number_of_orders {
            Some(Value::String(s)) => s.parse().ok(),
            Some(v) => v.as_u64(),
            None => None,
        };
        let email = self.email().map(str::to_string);
        let total_spent = self
            .amount_spent
            .map(|m| Money::parse(&m.amount, &m.currency_code))
            .transpose()
            .map_err(|e| Error::unavailable(format!("Shopify sent a bad amount: {e}")))?;
        Ok(Customer {
            email,
            source: store.source("shopify", self.id),
            name: self.display_name,
            phone: self.default_phone_number.and_then(|p| p.phone_number),
            created_at: self.created_at,
            orders_count,
            total_spent,
            default_address: self.default_address.map(Into::into),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        let cfg: crate::config::StoreConfig = serde_json::from_value(json!({
            "platform": "shopify", "url": "https://demo.myshopify.com", "api_version": "2026-10"
        }))
        .unwrap();
        let client = crate::transport::Client::new(
            "demo (shopify)".into(),
            cfg.url.clone(),
            crate::transport::AuthScheme::None,
            INFO.hooks,
            Default::default(),
            std::sync::Arc::new(crate::transport::log::Logger::quiet()),
        )
        .unwrap();
        Store { name: "demo".into(), config: cfg, client }
    }

    #[test]
    fn documents_carry_exactly_the_fragments_they_use() {
        let order = wire_document("OrderById").unwrap();
        for f in ["fragment OrderFields", "fragment Money", "fragment Address", "fragment FulfillmentFields"]
        {
            assert_eq!(order.matches(f).count(), 1, "{f}");
        }
        assert!(!order.contains("fragment CustomerFields"));
        let create = wire_document("FulfillmentCreate").unwrap();
        assert!(create.contains("fragment FulfillmentFields") && !create.contains("fragment Money"));
        let customers = wire_document("CustomersByEmail").unwrap();
        assert!(customers.contains("fragment CustomerFields") && customers.contains("fragment Address"));
        assert!(!customers.contains("fragment Money"));
        assert_eq!(wire_document("OrderHead").unwrap(), ORDER_HEAD);
        assert!(spreads("{ ...Money }", "Money") && !spreads("{ ...MoneyBag }", "Money"));
    }

    #[test]
    fn notes_append_with_a_utc_stamp() {
        let at: jiff::Timestamp = "2026-11-27T04:41:46Z".parse().unwrap();
        assert_eq!(appended_note(None, "called", at), "[2026-11-27 04:41 UTC] called");
        assert_eq!(appended_note(Some("  \n"), "called", at), "[2026-11-27 04:41 UTC] called");
        assert_eq!(
            appended_note(Some("Gift wrap please\n"), "called", at),
            "Gift wrap please\n[2026-11-27 04:41 UTC] called"
        );
        assert_eq!(note_of(None), None);
        assert_eq!(note_of(Some("  ")), None);
        let n = note_of(Some("Leave at the door ")).unwrap();
        assert_eq!(n.text, "Leave at the door");
        assert!(!n.customer_visible);
    }

    fn fo_order(fos: Value) -> FoOrderDto {
        serde_json::from_value(
            json!({"id": "gid://shopify/Order/1", "name": "#1001", "fulfillmentOrders": {"nodes": fos}}),
        )
        .unwrap()
    }

    #[test]
    fn only_open_fulfillment_orders_with_units_left_are_fulfilled() {
        let fo = |id: u32, status: &str, remaining: &[i64]| {
            json!({"id": format!("gid://shopify/FulfillmentOrder/{id}"), "status": status,
                   "lineItems": {"nodes": remaining.iter().map(|r| json!({"id": "x", "remainingQuantity": r})).collect::<Vec<_>>()}})
        };
        let o = fo_order(json!([
            fo(1, "CLOSED", &[0]),
            fo(2, "OPEN", &[1, 0]),
            fo(3, "IN_PROGRESS", &[2]),
            fo(4, "OPEN", &[0])
        ]));
        assert_eq!(
            fulfillable(&o).unwrap(),
            ["gid://shopify/FulfillmentOrder/2", "gid://shopify/FulfillmentOrder/3"]
        );
        let e = fulfillable(&fo_order(json!([fo(1, "CLOSED", &[0])]))).unwrap_err();
        assert_eq!(e.exit_code(), 6);
        assert_eq!(e.message, "order #1001 has nothing left to fulfil");
        let e = fulfillable(&fo_order(json!([fo(1, "ON_HOLD", &[1])]))).unwrap_err();
        assert_eq!(e.exit_code(), 6);
        assert!(e.message.contains("on hold"));
        assert_eq!(fulfillable(&fo_order(json!([]))).unwrap_err().exit_code(), 6);
    }

    #[test]
    fn user_errors_map_to_the_taxonomy() {
        let errs = |v: Value| -> Vec<UserErrorDto> { serde_json::from_value(v).unwrap() };
        let e = user_errors(
            "demo (shopify)",
            "fulfilling order #1001",
            &errs(
                json!([{"field": ["fulfillment"], "message": "Fulfillment order gid://shopify/FulfillmentOrder/1 has an unfulfillable status= closed."}]),
            ),
        );
        assert_eq!(e.exit_code(), 6);
        assert!(
            e.message
                .starts_with("demo (shopify) refused fulfilling order #1001: fulfillment: Fulfillment order")
        );
        let e = user_errors("s", "x", &errs(json!([{"field": ["id"], "message": "Order does not exist"}])));
        assert_eq!(e.exit_code(), 3);
        let e = user_errors(
            "s",
            "x",
            &errs(json!([{"field": null, "message": "Tracking url is invalid"}, {"message": "b"}])),
        );
        assert_eq!(e.exit_code(), 1);
        assert_eq!(e.message, "s refused x: Tracking url is invalid; b");
    }

    #[test]
    fn customer_ids_and_mapping() {
        assert_eq!(customer_gid("207119551").unwrap(), "gid://shopify/Customer/207119551");
        assert_eq!(
            customer_gid("gid://shopify/Customer/207119551").unwrap(),
            "gid://shopify/Customer/207119551"
        );
        for bad in ["cus_123", "gid://shopify/Order/1", "gid://shopify/Customer/", "12a"] {
            assert_eq!(customer_gid(bad).unwrap_err().exit_code(), 2, "{bad}");
        }
        let dto: CustomerFullDto = serde_json::from_value(json!({
            "id": "gid://shopify/Customer/207119551", "displayName": "Bob Norman", "createdAt": "2025-01-10T11:00:00Z",
            "numberOfOrders": "12",
            "defaultEmailAddress": {"emailAddress": "bob.norman@mail.example.com"},
            "defaultPhoneNumber": {"phoneNumber": "+16136120707"},
            "amountSpent": {"amount": "598.94", "currencyCode": "USD"},
            "defaultAddress": {"name": "Bob Norman", "company": null, "address1": "Chestnut Street 92", "address2": "",
                               "city": "Louisville", "province": "Kentucky", "zip": "40202", "country": "United States", "phone": null}
        }))
        .unwrap();
        let c = dto.into_domain(&store()).unwrap();
        assert_eq!(c.source.platform_id, "gid://shopify/Customer/207119551");
        assert_eq!(c.name.as_deref(), Some("Bob Norman"));
        assert_eq!(c.email.as_deref(), Some("bob.norman@mail.example.com"));
        assert_eq!(c.phone.as_deref(), Some("+16136120707"));
        assert_eq!(c.orders_count, Some(12));
        assert_eq!(c.total_spent.unwrap().amount, rust_decimal::Decimal::new(59894, 2));
        assert_eq!(c.default_address.unwrap().city.as_deref(), Some("Louisville"));
        // A customer without email, phone, address or spend.
        let bare: CustomerFullDto =
            serde_json::from_value(json!({"id": "gid://shopify/Customer/1", "displayName": "X",
            "createdAt": null, "numberOfOrders": "0", "defaultEmailAddress": null, "defaultPhoneNumber": null,
            "amountSpent": {"amount": "0.0", "currencyCode": "CAD"}, "defaultAddress": null}))
            .unwrap();
        let c = bare.into_domain(&store()).unwrap();
        assert_eq!((c.email, c.phone, c.orders_count), (None, None, Some(0)));
    }

    #[test]
    fn a_new_fulfillment_maps_with_its_tracking() {
        let dto: FulfillmentDto = serde_json::from_value(json!({
            "id": "gid://shopify/Fulfillment/255858046", "name": "#1001-F2", "status": "SUCCESS", "displayStatus": "FULFILLED",
            "createdAt": "2026-11-27T04:41:46Z", "deliveredAt": null, "estimatedDeliveryAt": null,
            "trackingInfo": [{"company": "UPS", "number": "1Z001985YW99744790", "url": "https://www.ups.com/track?tracknum=1Z001985YW99744790"}],
            "fulfillmentLineItems": {"nodes": [{"quantity": 2, "lineItem": {"id": "gid://shopify/LineItem/1", "sku": "MUG-BLUE", "title": "Mug"}}]}
        }))
        .unwrap();
        let f = dto.into_domain();
        assert_eq!(f.status, ShipmentState::Success);
        assert_eq!(f.tracking[0].carrier.as_deref(), Some("UPS"));
        assert_eq!(f.tracking[0].number.as_deref(), Some("1Z001985YW99744790"));
        assert_eq!(f.items[0].quantity, 2);
        assert_eq!(f.items[0].sku.as_deref(), Some("MUG-BLUE"));
    }

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
            error_message(s, br#"{"errors":{"line_items":["must have at least one"]}}"#).unwrap(),
            "line_items must have at least one"
        );
        assert_eq!(error_message(s, br#"{"errors":[{"message":"a"},{"message":"b"}]}"#).unwrap(), "a; b");
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
        let r = resp(json!({"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],
            "extensions":{"cost":{"requestedQueryCost":502,"actualQueryCost":null,
            "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":2.0,"restoreRate":100.0}}}}));
        assert_eq!(throttled(&r), Some(Duration::from_secs(5)));
        let ok = resp(json!({"data":{},"extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":10,
            "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1990.0,"restoreRate":100.0}}}}));
        assert_eq!(throttled(&ok), None);
        assert_eq!(pace(&ok), None);
        let low =
            resp(json!({"data":{},"extensions":{"cost":{"requestedQueryCost":300,"actualQueryCost":300,
            "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":100.0,"restoreRate":100.0}}}}));
        assert_eq!(pace(&low), Some(Duration::from_secs(2)));
    }

    #[test]
    fn access_denied_names_the_scope() {
        let e = GqlError {
            message: "Access denied for orders field. Required access: `read_orders` access scope.".into(),
            extensions: Some(json!({"code":"ACCESS_DENIED"})),
        };
        let err = graphql_error("demo (shopify)", &e, std::slice::from_ref(&e));
        assert_eq!(err.exit_code(), 4);
        assert!(err.hint.unwrap().contains("`read_orders`"));
    }

    fn refund_ctx() -> RefundCtxDto {
        let bag = |a: &str| json!({"shopMoney": {"amount": a, "currencyCode": "USD"}});
        serde_json::from_value(json!({
            "id": "gid://shopify/Order/450789469", "name": "#1001", "currencyCode": "USD",
            "lineItems": {"nodes": [
                {"id": "gid://shopify/LineItem/1", "sku": "MUG-BLUE", "title": "Mug", "refundableQuantity": 2},
                {"id": "gid://shopify/LineItem/2", "sku": "TSHIRT-M", "title": "T-shirt", "refundableQuantity": 0},
                {"id": "gid://shopify/LineItem/3", "sku": null, "title": "Gift card", "refundableQuantity": 1}
            ]},
            "totalShippingPriceSet": bag("10.0"),
            "totalRefundedShippingSet": bag("2.5"),
            "transactions": [
                {"id": "gid://shopify/OrderTransaction/9", "kind": "SALE", "status": "SUCCESS", "gateway": "shopify_payments"}
            ]
        }))
        .unwrap()
    }

    fn spec_of(items: &[(&str, Option<u32>)], shipping: ShippingPick) -> RefundSpec {
        RefundSpec {
            items: items.iter().map(|(s, q)| ItemPick { sku: s.to_string(), quantity: *q }).collect(),
            shipping,
            ..RefundSpec::default()
        }
    }

    #[test]
    fn the_early_ask_is_the_ask_whenever_it_is_made() {
        let ctx = refund_ctx();
        let amount = |a: i64| RefundSpec { amount: Some(Decimal::new(a, 0)), ..RefundSpec::default() };
        let mut with_shipping = amount(3);
        with_shipping.shipping = ShippingPick::Amount(Decimal::new(5, 0));
        for sp in [
            amount(5),
            with_shipping,
            spec_of(&[], ShippingPick::Full),
            spec_of(&[], ShippingPick::Amount(Decimal::new(75, 1))),
        ] {
            assert_eq!(early_ask(&sp), Some(refund_ask(&ctx, &sp).unwrap()), "{sp:?}");
        }
        // Items or the whole order: the lines come from the order, so no early ask.
        assert_eq!(early_ask(&spec_of(&[("MUG-BLUE", Some(1))], ShippingPick::None)), None);
        assert_eq!(early_ask(&RefundSpec::default()), None);
    }

    #[test]
    fn a_refund_spec_maps_onto_the_order_or_names_what_is_left() {
        let ctx = refund_ctx();
        let ask = refund_ask(&ctx, &spec_of(&[("mug-blue", Some(1))], ShippingPick::Full)).unwrap();
        assert_eq!(
            ask.lines,
            [json!({"lineItemId": "gid://shopify/LineItem/1", "quantity": 1, "restockType": "NO_RESTOCK"})]
        );
        assert!(ask.full_shipping && ask.shipping_amount.is_none());
        // By line item id (its number), all that is left by default, restocked.
        let mut sp = spec_of(&[("3", None)], ShippingPick::Amount(Decimal::new(75, 1)));
        sp.restock = true;
        let ask = refund_ask(&ctx, &sp).unwrap();
        assert_eq!(ask.lines[0]["lineItemId"], "gid://shopify/LineItem/3");
        assert_eq!(ask.lines[0]["restockType"], "RETURN");
        assert_eq!(ask.shipping_amount, Some(Decimal::new(75, 1)));
        // Everything: every line with units left, and the shipping left.
        let ask = refund_ask(&ctx, &RefundSpec::default()).unwrap();
        assert_eq!(ask.lines.len(), 2);
        assert!(ask.full_shipping);
        for (sp, says) in [
            (spec_of(&[("MUG-BLUE", Some(3))], ShippingPick::None), "only 2 left"),
            (spec_of(&[("TSHIRT-M", None)], ShippingPick::None), "nothing left"),
            (spec_of(&[("NOPE", None)], ShippingPick::None), "is not on order #1001"),
            (spec_of(&[], ShippingPick::Amount(Decimal::new(8, 0))), "only 7.5 USD left"),
        ] {
            let e = refund_ask(&ctx, &sp).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{says}");
            assert!(e.message.contains(says), "{}", e.message);
            assert_eq!(
                e.hint.as_deref(),
                Some("refundable on #1001: MUG-BLUE ×2, Gift card ×1, shipping 7.5 USD")
            );
        }
        let ro = RefundSpec { record_only: true, ..RefundSpec::default() };
        assert_eq!(check_spec(&ro).unwrap_err().exit_code(), 2);
    }

    fn suggestion(amount: &str, txns: Value) -> SuggestedRefundDto {
        let bag = |a: &str| json!({"shopMoney": {"amount": a, "currencyCode": "USD"}});
        serde_json::from_value(json!({
            "amountSet": bag(amount), "maximumRefundableSet": bag("100.0"), "subtotalSet": bag("20.0"),
            "totalTaxSet": bag("1.2"),
            "shipping": {"amountSet": bag("7.5"), "maximumRefundableSet": bag("7.5"), "taxSet": bag("0.0")},
            "refundLineItems": [{"quantity": 1, "restockType": "RETURN", "location": {"id": "gid://shopify/Location/5"},
                "lineItem": {"id": "gid://shopify/LineItem/1", "sku": "MUG-BLUE", "title": "Mug"},
                "subtotalSet": bag("20.0"), "totalTaxSet": bag("1.2")}],
            "suggestedTransactions": txns
        }))
        .unwrap()
    }

    #[test]
    fn the_quote_carries_shopifys_suggestion_as_the_plan() {
        let ctx = refund_ctx();
        let txn = json!([{"kind": "SUGGESTED_REFUND", "gateway": "shopify_payments",
            "amountSet": {"shopMoney": {"amount": "28.7", "currencyCode": "USD"}},
            "parentTransaction": {"id": "gid://shopify/OrderTransaction/9"}}]);
        let mut sp = spec_of(&[("MUG-BLUE", Some(1))], ShippingPick::Full);
        sp.restock = true;
        let q = build_quote(&store(), &ctx, &suggestion("28.7", txn), &sp).unwrap();
        assert_eq!(q.total.amount, Decimal::new(287, 1));
        assert_eq!((q.tax.amount, q.shipping.amount), (Decimal::new(12, 1), Decimal::new(75, 1)));
        assert_eq!(q.gateway.as_deref(), Some("shopify_payments"));
        assert!(q.online && q.restock);
        assert_eq!((q.order_number.as_str(), q.order_id.as_str()), ("1001", "gid://shopify/Order/450789469"));
        assert_eq!(q.lines[0].sku.as_deref(), Some("MUG-BLUE"));
        assert_eq!(
            q.plan,
            json!({
                "orderId": "gid://shopify/Order/450789469", "currency": "USD",
                "refundLineItems": [{"lineItemId": "gid://shopify/LineItem/1", "quantity": 1, "restockType": "RETURN",
                                     "locationId": "gid://shopify/Location/5"}],
                "shipping": {"amount": "7.5"},
                "transactions": [{"orderId": "gid://shopify/Order/450789469", "parentId": "gid://shopify/OrderTransaction/9",
                                  "gateway": "shopify_payments", "kind": "REFUND", "amount": "28.7"}]
            })
        );
        // An amount alone: no suggested transaction, so it goes against the order's sale.
        let sp = RefundSpec { amount: Some(Decimal::new(5, 0)), ..RefundSpec::default() };
        let q = build_quote(&store(), &ctx, &suggestion("0.0", json!([])), &sp).unwrap();
        assert_eq!(q.total.amount, Decimal::new(5, 0));
        assert_eq!(q.plan["transactions"][0]["parentId"], "gid://shopify/OrderTransaction/9");
        assert_eq!(q.plan["transactions"][0]["amount"], "5");
        // More than is refundable.
        let sp = RefundSpec { amount: Some(Decimal::new(101, 0)), ..RefundSpec::default() };
        let e = build_quote(&store(), &ctx, &suggestion("0.0", json!([])), &sp).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.message.contains("more than the 100.00 USD left"), "{}", e.message);
    }

    #[test]
    fn refund_user_errors_are_definite_refusals() {
        let errs = |m: &str| -> Vec<UserErrorDto> {
            serde_json::from_value(json!([{"field": ["transactions"], "message": m}])).unwrap()
        };
        let e = refund_user_errors(
            "s",
            "refunding order #1001",
            &errs("Refund amount 50 is more than the 20 USD that can be refunded"),
        );
        assert_eq!(e.exit_code(), 6);
        assert!(e.hint.unwrap().contains("changed since the quote"));
        assert_eq!(refund_user_errors("s", "x", &errs("Order does not exist")).exit_code(), 3);
        let e = refund_user_errors("s", "x", &errs("Location must be specified when restocking"));
        assert_eq!(e.exit_code(), 6);
        assert!(crate::safety::refused(&e));
        let mismatch = GqlError {
            message: "The same idempotency key cannot be used with different operation parameters.".into(),
            extensions: Some(json!({"code": "IDEMPOTENCY_KEY_PARAMETER_MISMATCH"})),
        };
        assert_eq!(graphql_error("s", &mismatch, std::slice::from_ref(&mismatch)).exit_code(), 6);
    }
}
