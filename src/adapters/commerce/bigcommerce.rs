//! BigCommerce, through the REST API: **orders on v2** (BigCommerce has no v3 orders read API),
//! customers on v3.
//!
//! The store URL is `https://api.bigcommerce.com/stores/{store_hash}`; this adapter appends
//! `v2/…` or `v3/…`. A URL that does not end in `/stores/{store_hash}` is refused before anything
//! is sent (exit 2). A store hash BigCommerce does not know answers 404 on every path: when an
//! order lookup 404s, the adapter asks `GET v2/orders/count` once, and if that 404s too reports
//! "store hash … not found, check url" (exit 3, not found: the store named by the URL does not
//! exist; the token was never judged).
//!
//! - **Auth**: `X-Auth-Token` only (`auth = "token"`, secret `access_token`), from a store-level
//!   API account or an app's OAuth token. Reads need the `store_v2_orders_read_only` and
//!   `store_v2_customers_read_only` scopes (`test-connection` checks them by calling one endpoint
//!   each); `order note add` and `fulfillment create` need `store_v2_orders` (modify).
//! - **Numbers**: the order `id` *is* the number the shopper sees, so `1001`, `#1001` and
//!   `gid://bigcommerce/Order/1001` all mean `GET v2/orders/1001`.
//! - **Order reads** are five calls made concurrently: the order, `/products` (line items; the
//!   spec requires a `Content-Type` header even on this GET, so it is sent), `/shipping_addresses`,
//!   `/shipments` and the refunds (v3, below). Empty collections may come back as `204 No
//!   Content` or as `[]`; both are an empty list. `totals.refunded` is the order's
//!   `refunded_amount`.
//! - **Search** (`GET v2/orders`, `sort=date_created:desc`, `page`/`limit` ≤ 250; the cursor is
//!   the page number). Server-side: `email`, `min_date_created`/`max_date_created` (sent in RFC
//!   2822). The cursor is `{page}:{limit}`: the first call fixes `limit` for the whole search
//!   so page numbers line up. Client-side, on the rows already fetched (cheap, and exact because it uses the same
//!   mapping as the output): `--status`, `--financial-status` and `--fulfillment-status`, since
//!   each neutral value covers several `status_id`s (cancelled = 5 Cancelled or 6 Declined) and
//!   `status_id` takes one; a page may then hold fewer rows than asked. v2 has no totals, so a
//!   page shorter than `limit` is the last.
//! - **Status mapping**: `status_id` 5 Cancelled and 6 Declined → cancelled; 4 Refunded and 10
//!   Completed (and archived orders) → closed; the rest → open. Payment: `payment_status`
//!   (`captured`/`paid` → paid, `authorized`, `partially refunded`, `refunded`, `void` → voided,
//!   `pending`/`capture pending`/`held for review` → pending; empty with status 7 Awaiting
//!   Payment → pending). Shipping: `items_shipped` against `items_total` (digital orders → not
//!   required).
//! - **Notes**: BigCommerce keeps one merchant-only `staff_notes` field per order and a read-only
//!   message thread (`GET v2/orders/{id}/messages`); there is **no API to add a message**.
//!   `order notes` lists the shopper's checkout comment (`customer_message`), the messages, and
//!   the staff notes. `order note add` appends a line to `staff_notes` with `PUT v2/orders/{id}`
//!   (read, append, write: not atomic against a concurrent edit in the control panel).
//!   `--notify-customer` is refused (typed unsupported error, nothing sent): reply from the
//!   control panel's order messages instead.
//! - **Fulfillments** are v2 shipments. `fulfillment create` ships every unshipped unit
//!   (quantity − shipped − refunded) of the first shipping address that has any, with
//!   `tracking_number` (≤ 50 characters, checked before sending), `shipping_provider` (BigCommerce's
//!   enum: ups, usps, fedex, …, else empty) and `tracking_carrier` (an AfterShip slug). Whether the
//!   customer gets an email is a store setting (order status emails); `--notify` cannot change it.
//! - **Refunds** are v3 payment actions (`v3/orders/{id}/payment_actions/…`), the only v3 order
//!   paths used. `refunds` (and `order get`, and so `find_refund`) read
//!   `GET …/refunds`: each refund's `reason`, `total_amount` and `PRODUCT` items (titles from the
//!   v2 products; a product item without `requested_amount` is priced from the order).
//!   `refund_quote` checks the spec against the order first — units left per order product
//!   (`quantity − quantity_refunded`), shipping left per shipping address (`cost_inc_tax` less
//!   the `SHIPPING` items already refunded), `--amount` within `total_inc_tax −
//!   refunded_amount` — so an over-refund is a usage error naming what is left and nothing is
//!   sent; then BigCommerce's own quote (`POST …/refund_quotes`, read-only, so retry-safe) prices
//!   it: `PRODUCT` items by order product id and quantity, `SHIPPING` by `order_address_id` and
//!   amount, `ORDER` by order id and amount. A full refund is every unit and all shipping left;
//!   if that quotes below the balance (handling, rounding, an earlier order-level refund) the
//!   rest is quoted as an `ORDER` amount. The payment comes from the quote's `refund_methods`:
//!   the first method, or with `record_only` the first whose options are all offline. The plan
//!   keeps the items and payments; `refund_create` sends exactly those with `reason` =
//!   `marked_reason` (≤ 1000 characters, checked before sending). BigCommerce has **no
//!   idempotency key**, so the create is never `retry_safe` (a 429 is still retried by the
//!   transport: it was not processed); a lost answer is settled by the marker. Refunds on one
//!   order are sent one at a time (a per-order lock; BigCommerce does not support concurrent
//!   refunds on an order). `--restock` is refused (the API has no restock option); `notify`
//!   cannot be set (store email settings decide).
//! - **v3 money are JSON numbers.** serde_json here has no `arbitrary_precision`, so a
//!   fractional number would be held as an `f64`; `exact_numbers` rewrites each fractional
//!   number token of a v3 answer into a string with the same digits before decoding, and
//!   [`parse_decimal`] reads it exactly. Amounts sent are written from the decimal's digits and
//!   refused if an `f64` would not reproduce them (`json_amount`).
//! - **Customers**: `GET v3/customers?email:in=…` or `?id:in=…` with `include=addresses`;
//!   `orders_count` comes from `GET v2/orders/count?customer_id=…`.
//! - **Webhooks**: `GET/POST v3/hooks`, `DELETE v3/hooks/{id}` (200 with the deleted hook), in
//!   `{data, meta}` envelopes (platforms.md §4.2, `specs/bigcommerce/bc-webhooks.v3.yml`). The
//!   create body is `scope`, `destination`, `is_active: true`; BigCommerce signs deliveries
//!   with the app's client secret (Standard Webhooks, §4.7), so no secret is sent. A destination
//!   must be on port 443 and takes up to a minute to activate [B3].
//! - **Rate limits**: every response carries `X-Rate-Limit-Requests-Left` and
//!   `X-Rate-Limit-Time-Reset-Ms`. [`pace`] makes the transport wait for the window to reset when
//!   the quota is spent (and spreads the last tenth of it); on a 429 the transport waits the
//!   reset time (through the same hook), or backs off exponentially when the headers are
//!   missing (platform-level load). Errors: v2 arrays `[{"status","message"}]` and v3 objects
//!   `{"status","title","type","errors"}` are both read by [`error_message`].

use super::{Commerce, CustomerKey, Info, OrderQuery, OrderRef, Page, Probe, Store};
use crate::config::AuthMode;
use crate::domain::*;
use crate::error::{Error, Kind, Result};
use crate::secret::Secret;
use crate::transport::{GrantStyle, Request, Response, VendorHooks};
use async_trait::async_trait;
use reqwest::Method;
use reqwest::header::{CONTENT_TYPE, HeaderValue};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::time::Duration;

pub static INFO: Info = Info {
    name: "bigcommerce",
    display: "BigCommerce",
    token_header: ("x-auth-token", ""),
    token_path: None,
    grant_style: GrantStyle::FormBody,
    auth_modes: &[(AuthMode::Token, &["access_token"])],
    max_page_size: 250,
    needed_scopes: &["store_v2_orders_read_only", "store_v2_customers_read_only"],
    default_api_version: None,
    hooks: VendorHooks { error_message, throttled: |_| None, pace },
    build: |store| Box::new(BigCommerce { store, refunding: Default::default() }),
};

/// Longest `staff_notes` BigCommerce stores.
const STAFF_NOTES_MAX: usize = 65_535;
/// Longest `tracking_number` on a shipment.
const TRACKING_MAX: usize = 50;

struct BigCommerce {
    store: Store,
    /// One lock per order id, held while a refund is sent: BigCommerce does not support
    /// concurrent refunds on one order, and a batch may hold two rows for the same order
    /// under different spellings (`1001`, `#1001`).
    refunding: std::sync::Mutex<std::collections::HashMap<u64, std::sync::Arc<tokio::sync::Mutex<()>>>>,
}

/// Every order path this adapter uses is built here: orders are v2, always.
fn order_path(id: u64, sub: &str) -> String {
    if sub.is_empty() { format!("v2/orders/{id}") } else { format!("v2/orders/{id}/{sub}") }
}

impl BigCommerce {
    fn name(&self) -> &str {
        &self.store.client.name
    }

    /// The store hash from the URL; a usage error (nothing sent) when the URL has none.
    fn store_hash(&self) -> Result<String> {
        store_hash(&self.store.config.url).ok_or_else(|| {
            Error::usage(format!(
                "store {}: url `{}` does not end in /stores/{{store_hash}}",
                self.store.name, self.store.config.url
            ))
            .with_hint("a BigCommerce store URL looks like https://api.bigcommerce.com/stores/abc123xyz (the store hash is shown with the API account); fix `url` in the profile")
        })
    }

    /// Send; `None` for `204 No Content` or an empty body.
    async fn call<T: DeserializeOwned>(&self, req: Request) -> Result<Option<T>> {
        let resp = self.store.client.send(req).await?;
        if resp.status == reqwest::StatusCode::NO_CONTENT || resp.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        resp.json(self.name()).map(Some)
    }

    /// A v2 list: `204` and `[]` are both empty.
    async fn list<T: DeserializeOwned>(&self, req: Request) -> Result<Vec<T>> {
        Ok(self.call::<Vec<T>>(req).await?.unwrap_or_default())
    }

    /// Every page of a small v2 sub-collection (products, shipments, messages).
    async fn list_all<T: DeserializeOwned>(&self, path: String, content_type: bool) -> Result<Vec<T>> {
        let mut out = Vec::new();
        for page in 1u32.. {
            let mut req = Request::get(&path).query("page", page.to_string()).query("limit", "250");
            if content_type {
                req = req.header(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            }
            let got: Vec<T> = self.list(req).await?;
            let n = got.len();
            out.extend(got);
            if n < 250 {
                break;
            }
        }
        Ok(out)
    }

    /// After a 404: is it the thing, or the whole store? One `GET v2/orders/count` tells.
    async fn explain_404(&self, e: Error, what: impl FnOnce() -> Error) -> Error {
        if e.kind != Kind::NotFound {
            return e;
        }
        let hash = self.store_hash().unwrap_or_default();
        match self.store.client.send(Request::get("v2/orders/count")).await {
            Err(probe) if probe.kind == Kind::NotFound => self.unknown_store(&hash),
            _ => what(),
        }
    }

    fn unknown_store(&self, hash: &str) -> Error {
        Error::not_found(format!(
            "{}: store hash `{hash}` not found, check url (BigCommerce answers 404 on every path of an unknown store)",
            self.name()
        ))
        .with_hint(format!(
            "fix `url` for store {} in the profile: https://api.bigcommerce.com/stores/{{store_hash}}, with the hash shown with your API account",
            self.store.name
        ))
    }

    fn order_id(&self, r: &OrderRef) -> Result<u64> {
        let digits = match r {
            OrderRef::Number(n) | OrderRef::Bare(n) => n.as_str(),
            OrderRef::Global(g) => match g.strip_prefix("gid://bigcommerce/Order/") {
                Some(n) => n,
                None => {
                    return Err(Error::usage(format!("`{g}` is not a BigCommerce order id"))
                        .with_hint("use the order number, e.g. 1001 (on BigCommerce the number is the id)"));
                }
            },
        };
        digits.parse::<u64>().ok().filter(|n| *n > 0 && *n <= u64::from(u32::MAX)).ok_or_else(|| {
            Error::usage(format!("`{r}` is not a BigCommerce order number"))
                .with_hint("BigCommerce order numbers are positive integers, e.g. 1001")
        })
    }

    fn order_not_found(&self, r: &OrderRef) -> Error {
        Error::not_found(format!("order {r} not found in store {}", self.store.name)).with_hint(
            "check the number with `shopdesk order search`; archived (deleted) orders are not returned",
        )
    }

    async fn fetch_order(&self, id: u64) -> Result<OrderDto> {
        self.call::<OrderDto>(Request::get(&order_path(id, "")))
            .await?
            .ok_or_else(|| Error::unavailable(format!("{}: order {id} came back empty", self.name())))
    }

    async fn full_order(&self, r: &OrderRef) -> Result<Order> {
        self.store_hash()?;
        let id = self.order_id(r)?;
        let fetched = tokio::try_join!(
            self.fetch_order(id),
            self.list_all::<ProductDto>(order_path(id, "products"), true),
            self.list_all::<ShippingAddressDto>(order_path(id, "shipping_addresses"), false),
            self.list_all::<ShipmentDto>(order_path(id, "shipments"), false),
            self.fetch_refunds(id),
        );
        match fetched {
            Ok((o, products, addresses, shipments, refunds)) => {
                let currency = o.currency()?;
                let refunds = refunds
                    .into_iter()
                    .map(|f| f.into_domain(&products, &currency))
                    .collect::<Result<Vec<_>>>()?;
                let mut order = o.into_domain(&self.store, products, addresses, shipments)?;
                order.refunds = refunds;
                Ok(order)
            }
            Err(e) => Err(self.explain_404(e, || self.order_not_found(r)).await),
        }
    }
    /// Send and decode a v3 answer whose money are JSON numbers, exactly (see [`exact_numbers`]).
    async fn call_exact<T: DeserializeOwned>(&self, req: Request) -> Result<T> {
        let resp = self.store.client.send(req).await?;
        crate::transport::decode(self.name(), &exact_numbers(&resp.body), resp.header("content-type"))
    }

    /// `GET v3/orders/{id}/payment_actions/refunds`: every refund on the order, oldest first.
    async fn fetch_refunds(&self, id: u64) -> Result<Vec<RefundDto>> {
        let list: RefundList = self.call_exact(Request::get(&refunds_path(id, "refunds"))).await?;
        Ok(list.data)
    }

    /// The order, its products, shipping addresses and refunds: what a quote is checked against.
    async fn refund_state(&self, r: &OrderRef) -> Result<RefundState> {
        self.store_hash()?;
        let id = self.order_id(r)?;
        let fetched = tokio::try_join!(
            self.fetch_order(id),
            self.list_all::<ProductDto>(order_path(id, "products"), true),
            self.list_all::<ShippingAddressDto>(order_path(id, "shipping_addresses"), false),
            self.fetch_refunds(id),
        );
        match fetched {
            Ok((order, products, addresses, refunds)) => {
                let currency = order.currency()?;
                Ok(RefundState { id, currency, order, products, addresses, refunds })
            }
            Err(e) => Err(self.explain_404(e, || self.order_not_found(r)).await),
        }
    }

    /// `POST …/refund_quotes` (read-only: safe to resend).
    async fn quote(&self, id: u64, items: &[Value]) -> Result<QuoteDto> {
        let req =
            Request::post(&refunds_path(id, "refund_quotes")).json(json!({ "items": items })).retry_safe();
        let env: QuoteEnvelope = self.call_exact(req).await?;
        Ok(env.data)
    }
}

/// `…/stores/{hash}` → `hash`.
fn store_hash(url: &url::Url) -> Option<String> {
    let segs: Vec<&str> = url.path().trim_end_matches('/').split('/').collect();
    match segs.as_slice() {
        [.., "stores", hash] if !hash.is_empty() && hash.chars().all(|c| c.is_ascii_alphanumeric()) => {
            Some(hash.to_string())
        }
        _ => None,
    }
}

fn rfc2822(t: jiff::Timestamp) -> String {
    t.to_zoned_datetime(jiff::tz::TimeZone::UTC).strftime("%a, %d %b %Y %H:%M:%S +0000").to_string()
}

/// RFC 2822 (v2) → RFC 3339, as every other platform's dates read; unparsable text is kept.
fn iso(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    Some(match jiff::fmt::rfc2822::parse(s) {
        Ok(z) => z.timestamp().to_string(),
        Err(_) => s.to_string(),
    })
}

#[async_trait]
impl Commerce for BigCommerce {
    fn info(&self) -> &'static Info {
        &INFO
    }
    fn store(&self) -> &Store {
        &self.store
    }

    async fn order(&self, r: &OrderRef) -> Result<Order> {
        self.full_order(r).await
    }

    async fn search_page(
        &self,
        q: &OrderQuery,
        cursor: Option<&str>,
        page_size: u32,
    ) -> Result<Page<OrderSummary>> {
        let hash = self.store_hash()?;
        let (page, limit) = match cursor {
            None => (1, first_page_limit(q, page_size)),
            Some(c) => parse_cursor(c)?,
        };
        let req = search_request(q, page, limit);
        let rows: Vec<OrderDto> = match self.list(req).await {
            Ok(r) => r,
            // A list endpoint only 404s when the store itself is unknown.
            Err(e) if e.kind == Kind::NotFound => return Err(self.unknown_store(&hash)),
            Err(e) => return Err(e),
        };
        let full = rows.len() as u32 >= limit;
        let items = rows
            .into_iter()
            .map(|o| o.summary(&self.store))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .filter(|s| keep(q, s))
            .collect();
        Ok(Page { items, next: full.then(|| format!("{}:{limit}", page + 1)) })
    }

    async fn notes(&self, r: &OrderRef) -> Result<Vec<Note>> {
        self.store_hash()?;
        let id = self.order_id(r)?;
        let fetched = tokio::try_join!(
            self.fetch_order(id),
            self.list_all::<MessageDto>(order_path(id, "messages"), false),
        );
        let (o, messages) = match fetched {
            Ok(x) => x,
            Err(e) => return Err(self.explain_404(e, || self.order_not_found(r)).await),
        };
        let mut notes = Vec::new();
        if !o.customer_message.trim().is_empty() {
            notes.push(Note {
                id: Some("customer_message".into()),
                created_at: iso(&o.date_created),
                author: Some("customer (at checkout)".into()),
                text: o.customer_message.clone(),
                customer_visible: true,
            });
        }
        let mut messages = messages;
        messages.sort_by_key(|m| {
            (jiff::fmt::rfc2822::parse(&m.date_created).map(|z| z.timestamp().as_second()).unwrap_or(0), m.id)
        });
        notes.extend(messages.into_iter().map(|m| Note {
            id: Some(m.id.to_string()),
            created_at: iso(&m.date_created),
            author: Some(if m.kind == "customer" { "customer".into() } else { m.kind.clone() }),
            text: if m.subject.is_empty() { m.message } else { format!("{}: {}", m.subject, m.message) },
            customer_visible: true,
        }));
        if !o.staff_notes.trim().is_empty() {
            notes.push(staff_note(&o.staff_notes));
        }
        Ok(notes)
    }

    async fn add_note(&self, r: &OrderRef, text: &str, notify_customer: bool) -> Result<Note> {
        self.store_hash()?;
        let id = self.order_id(r)?;
        if notify_customer {
            return Err(Error::unsupported(
                INFO.display,
                "customer-visible order notes through its API (order messages are read-only)",
                "drop --notify-customer to add a staff note (merchant-only), or reply to the customer from the control panel: Orders › View › Messages",
            ));
        }
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::usage("the note is empty").with_hint("give the note's text"));
        }
        let o = match self.fetch_order(id).await {
            Ok(o) => o,
            Err(e) => return Err(self.explain_404(e, || self.order_not_found(r)).await),
        };
        let notes = append_note(&o.staff_notes, text);
        if notes.chars().count() > STAFF_NOTES_MAX {
            return Err(Error::usage(format!(
                "order {r}: the staff notes would exceed BigCommerce's {STAFF_NOTES_MAX} characters"
            ))
            .with_hint("shorten the note, or tidy the order's staff notes in the control panel"));
        }
        let req = Request::new(Method::PUT, &order_path(id, "")).json(json!({ "staff_notes": notes }));
        let updated: OrderDto = self.call(req).await?.ok_or_else(|| {
            Error::unavailable(format!("{}: the order update came back empty", self.name()))
        })?;
        Ok(staff_note(&updated.staff_notes))
    }

    async fn create_fulfillment(&self, r: &OrderRef, f: &NewFulfillment) -> Result<Fulfillment> {
        self.store_hash()?;
        let id = self.order_id(r)?;
        let number = f.tracking_number.trim();
        if number.is_empty() || number.chars().count() > TRACKING_MAX {
            return Err(Error::usage(format!(
                "tracking number `{number}` must be 1 to {TRACKING_MAX} characters on BigCommerce"
            ))
            .with_hint("check the tracking number"));
        }
        if let Some(url) = &f.tracking_url
            && url.chars().count() > 500
        {
            return Err(Error::usage("the tracking URL is longer than BigCommerce's 500 characters"));
        }
        let fetched = tokio::try_join!(
            self.list_all::<ProductDto>(order_path(id, "products"), true),
            self.list_all::<ShippingAddressDto>(order_path(id, "shipping_addresses"), false),
        );
        let (products, addresses) = match fetched {
            Ok(x) => x,
            Err(e) => return Err(self.explain_404(e, || self.order_not_found(r)).await),
        };
        let body = shipment_body(id, &products, &addresses, f).ok_or_else(|| {
            Error::conflict(format!("order {r} has no unshipped items"))
                .with_hint("see its shipments with `shopdesk fulfillment list`")
        })?;
        let req = Request::post(&order_path(id, "shipments")).json(body);
        let created: ShipmentDto = self.call(req).await?.ok_or_else(|| {
            Error::unavailable(format!("{}: the new shipment came back empty", self.name()))
        })?;
        Ok(created.into_domain(&products))
    }

    async fn refunds(&self, r: &OrderRef) -> Result<Vec<Refund>> {
        let s = self.refund_state(r).await?;
        s.refunds.into_iter().map(|f| f.into_domain(&s.products, &s.currency)).collect()
    }

    async fn refund_quote(&self, r: &OrderRef, spec: &RefundSpec) -> Result<RefundQuote> {
        if spec.restock {
            return Err(Error::unsupported(
                "BigCommerce",
                "--restock (its refund API has no restock option)",
                "drop --restock; adjust inventory in the control panel (Products › Inventory) if the items come back",
            ));
        }
        check_reason_room(spec.reason.as_deref(), "")?;
        let s = self.refund_state(r).await?;
        let cur = &s.currency;
        let refundable =
            money(&s.order.total_inc_tax, cur)?.amount - money(&s.order.refunded_amount, cur)?.amount;
        if refundable <= Decimal::ZERO {
            return Err(Error::conflict(format!(
                "order {r} has nothing left to refund (already refunded in full)"
            ))
            .with_hint(format!("see its refunds with `shopdesk order get {r}`")));
        }
        let mut picked = pick_items(r, spec, &s)?;
        if let Some(a) = spec.amount {
            if a <= Decimal::ZERO || a > refundable {
                return Err(Error::usage(format!(
                    "order {r}: --amount {a} is not between 0 and the {} {} left to refund",
                    refundable.normalize(),
                    cur.code()
                ))
                .with_hint("give an amount within what is refundable, or refund items with --item"));
            }
            picked.items.push(json!({"item_type": "ORDER", "item_id": s.id, "amount": json_amount(a)?}));
        }
        let mut q = self.quote(s.id, &picked.items).await?;
        // A full refund through items and shipping can leave something behind (handling, an
        // earlier order-level refund, rounding): quote the rest as an order-level amount.
        if spec.is_full() {
            let got = dec(&q.total_refund_amount)?;
            if got < refundable {
                picked.items.push(
                    json!({"item_type": "ORDER", "item_id": s.id, "amount": json_amount(refundable - got)?}),
                );
                q = self.quote(s.id, &picked.items).await?;
            }
        }
        let total = dec(&q.total_refund_amount)?;
        let method = choose_method(&q.refund_methods, spec.record_only).ok_or_else(|| {
            if spec.record_only {
                Error::usage(format!("order {r}: BigCommerce offers no offline refund method for it"))
                    .with_hint("drop --record-only to refund through the payment provider")
            } else {
                Error::unavailable(format!("order {r}: BigCommerce's refund quote offered no refund method"))
                    .with_hint("refund it from the control panel: Orders › Refund")
            }
        })?;
        let mut payments = Vec::new();
        for p in method {
            payments.push(json!({"provider_id": p.provider_id, "amount": json_amount(dec(&p.amount)?)?, "offline": p.offline}));
        }
        let online = method.iter().any(|p| !p.offline);
        let gateway = method.iter().map(|p| p.provider_id.as_str()).collect::<Vec<_>>().join("+");
        let adjustment = dec(&q.order_level_refund_amount)? + dec(&q.adjustment)? + dec(&q.rounding)?;
        let m = |d: Decimal| Money::new(d, cur.clone());
        Ok(RefundQuote {
            store: self.store.name.clone(),
            platform: INFO.name.into(),
            order_id: s.id.to_string(),
            order_number: format!("#{}", s.id),
            currency: cur.clone(),
            lines: picked.lines,
            shipping: m(picked.shipping),
            tax: m(dec(&q.total_refund_tax_amount)?),
            adjustment: m(adjustment),
            total: m(total),
            refundable: m(refundable),
            gateway: Some(gateway).filter(|g| !g.is_empty()),
            online,
            restock: false,
            plan: json!({"order_id": s.id, "items": picked.items, "payments": payments}),
        })
    }

    async fn refund_create(&self, q: &RefundQuote, spec: &RefundSpec, key: &str) -> Result<Refund> {
        let plan: Plan = serde_json::from_value(q.plan.clone()).map_err(|e| {
            Error::general(format!(
                "the refund quote for order {} carries no BigCommerce plan: {e}",
                q.order_number
            ))
        })?;
        let reason = marked_reason(spec.reason.as_deref(), key);
        check_reason_room(Some(&reason), "")?;
        // No idempotency key on BigCommerce: never retry_safe. A lost answer is settled by
        // `find_refund` (the marker in `reason`), not by sending again.
        let req = Request::post(&refunds_path(plan.order_id, "refunds")).json(json!({
            "items": plan.items,
            "payments": plan.payments,
            "reason": reason,
        }));
        let lock = {
            let mut locks = self.refunding.lock().unwrap_or_else(|p| p.into_inner());
            locks.entry(plan.order_id).or_default().clone()
        };
        let _one_at_a_time = lock.lock().await;
        let created: RefundEnvelope = self.call_exact(req).await?;
        let titles: Vec<(String, String)> =
            q.lines.iter().map(|l| (l.line_item_id.clone(), l.title.clone())).collect();
        created.data.into_domain_titled(&titles, &q.currency)
    }

    async fn customers(&self, key: &CustomerKey) -> Result<Vec<Customer>> {
        let hash = self.store_hash()?;
        let mut req = Request::get("v3/customers").query("include", "addresses");
        req = match key {
            CustomerKey::Email(e) => req.query("email:in", e.as_str()),
            CustomerKey::Id(i) => {
                if !i.chars().all(|c| c.is_ascii_digit()) || i.len() > 10 {
                    return Err(Error::usage(format!("`{i}` is not a BigCommerce customer id"))
                        .with_hint("BigCommerce customer ids are numbers; or give the email address"));
                }
                req.query("id:in", i.as_str())
            }
        };
        let list: CustomerList = match self.call(req).await {
            Ok(Some(l)) => l,
            Ok(None) => CustomerList { data: vec![] },
            Err(e) if e.kind == Kind::NotFound => return Err(self.unknown_store(&hash)),
            Err(e) => return Err(e),
        };
        let mut out = Vec::new();
        for c in list.data {
            let count: Option<CountDto> = self
                .call(Request::get("v2/orders/count").query("customer_id", c.id.to_string()))
                .await
                .ok()
                .flatten();
            out.push(c.into_domain(&self.store, count.map(|n| n.count)));
        }
        Ok(out)
    }

    async fn probe(&self) -> Result<Probe> {
        let hash = self.store_hash()?;
        // Orders: the scope shopdesk cannot work without. A 404 here means the hash is wrong.
        let resp = match self.store.client.send(Request::get("v2/orders/count")).await {
            Ok(r) => r,
            Err(e) if e.kind == Kind::NotFound => return Err(self.unknown_store(&hash)),
            Err(e) => return Err(e),
        };
        let mut scopes = vec!["store_v2_orders_read_only".to_string()];
        match self.store.client.send(Request::get("v3/customers").query("limit", "1")).await {
            Ok(_) => scopes.push("store_v2_customers_read_only".into()),
            Err(e) if e.kind == Kind::Auth => {}
            Err(e) => return Err(e),
        }
        // The store's name needs the information scope; without it the probe still passes.
        let shop_name = match self.call::<Value>(Request::get("v2/store")).await {
            Ok(Some(v)) => v.get("name").and_then(Value::as_str).map(str::to_string),
            _ => None,
        };
        Ok(Probe {
            shop_name,
            api_version_pinned: None,
            api_version_served: None,
            deprecation: None,
            scopes_granted: Some(scopes),
            server_date: resp.server_date(),
            request_id: resp.request_id().map(str::to_string),
        })
    }

    /// `v2/orders/1001` and `v3/customers` as given; a leading `/` is dropped; a path without
    /// a version (`orders/1001`) is taken as v2.
    fn api_path(&self, path: &str) -> String {
        let p = path.trim_start_matches('/');
        if p.starts_with("v2/") || p.starts_with("v3/") || p == "v2" || p == "v3" {
            p.to_string()
        } else {
            format!("v2/{p}")
        }
    }

    async fn webhooks(&self) -> Result<Vec<WebhookSubscription>> {
        #[derive(Deserialize)]
        struct List {
            data: Vec<HookDto>,
            #[serde(default)]
            meta: Value,
        }
        self.store_hash()?;
        let mut out = Vec::new();
        for page in 1u64.. {
            let req = Request::get("v3/hooks").query("page", page.to_string()).query("limit", "250");
            let list: List = self.call(req).await?.unwrap_or(List { data: vec![], meta: Value::Null });
            out.extend(list.data.into_iter().map(|h| h.into_domain(&self.store.name)));
            let pages = list.meta["pagination"]["total_pages"].as_u64().unwrap_or(1);
            if page >= pages {
                break;
            }
        }
        Ok(out)
    }

    async fn webhook_create(
        &self,
        topic: &str,
        url: &str,
        _secret: Option<&Secret>,
    ) -> Result<WebhookSubscription> {
        self.store_hash()?;
        let body = json!({ "scope": topic, "destination": url, "is_active": true });
        let d: Option<HookEnvelope> = self.call(Request::post("v3/hooks").json(body)).await?;
        let d =
            d.ok_or_else(|| Error::unavailable(format!("{}: empty answer to POST v3/hooks", self.name())))?;
        Ok(d.data.into_domain(&self.store.name))
    }

    async fn webhook_delete(&self, id: &str) -> Result<()> {
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_digit()) {
            return Err(Error::usage(format!("`{id}` is not a BigCommerce webhook id (a number)"))
                .with_hint("`shopdesk webhook list` shows the ids"));
        }
        self.store_hash()?;
        self.store.client.send(Request::new(Method::DELETE, &format!("v3/hooks/{id}"))).await.map(|_| ())
    }
}

/// `{"data": webhook_Full, "meta": {}}` (bc-webhooks.v3.yml).
#[derive(Deserialize)]
struct HookEnvelope {
    data: HookDto,
}

#[derive(Deserialize)]
struct HookDto {
    id: u64,
    scope: String,
    destination: String,
    #[serde(default)]
    is_active: bool,
    created_at: Option<i64>,
}

impl HookDto {
    fn into_domain(self, store: &str) -> WebhookSubscription {
        WebhookSubscription {
            id: self.id.to_string(),
            source: store.to_string(),
            topic: self.scope.clone(),
            vendor_topic: self.scope,
            url: self.destination,
            active: self.is_active,
            created_at: self.created_at.and_then(|t| jiff::Timestamp::from_second(t).ok()),
        }
    }
}

/// The page size of a whole search, fixed by its first call: page numbers only line up when
/// every page has the same `limit`, so later calls keep it even when the caller asks for fewer
/// rows (it drops the extra). With client-side filters, pages are full-size: fewer calls.
fn first_page_limit(q: &OrderQuery, page_size: u32) -> u32 {
    let client_side = q.status.is_some() || q.financial_status.is_some() || q.fulfillment_status.is_some();
    if client_side { INFO.max_page_size } else { page_size.clamp(1, INFO.max_page_size) }
}

/// The cursor is `{page}:{limit}`.
fn parse_cursor(c: &str) -> Result<(u32, u32)> {
    c.split_once(':')
        .and_then(|(p, l)| Some((p.parse::<u32>().ok()?, l.parse::<u32>().ok()?)))
        .filter(|(p, l)| *p >= 1 && (1..=INFO.max_page_size).contains(l))
        .ok_or_else(|| Error::usage(format!("bad page cursor `{c}` for BigCommerce (expected PAGE:LIMIT)")))
}

fn search_request(q: &OrderQuery, page: u32, limit: u32) -> Request {
    let mut req = Request::get("v2/orders")
        .query("sort", "date_created:desc")
        .query("page", page.to_string())
        .query("limit", limit.to_string());
    if let Some(e) = &q.email {
        req = req.query("email", e.as_str());
    }
    if let Some(t) = q.since {
        req = req.query("min_date_created", rfc2822(t));
    }
    if let Some(t) = q.until {
        req = req.query("max_date_created", rfc2822(t));
    }
    req
}

/// The client-side part of a search.
fn keep(q: &OrderQuery, s: &OrderSummary) -> bool {
    q.status.is_none_or(|x| x == s.status)
        && q.financial_status.is_none_or(|x| x == s.financial_status)
        && q.fulfillment_status.is_none_or(|x| x == s.fulfillment_status)
}

fn staff_note(text: &str) -> Note {
    Note {
        id: Some("staff_notes".into()),
        created_at: None,
        author: Some("staff".into()),
        text: text.to_string(),
        customer_visible: false,
    }
}

/// Staff notes are one text field: a new note is a new line.
fn append_note(existing: &str, text: &str) -> String {
    let existing = existing.trim_end();
    if existing.is_empty() { text.to_string() } else { format!("{existing}\n{text}") }
}

/// (`shipping_provider`, `tracking_carrier`) for a carrier name. `shipping_provider` takes
/// BigCommerce's enum (or "" for anything else); `tracking_carrier` takes an AfterShip slug.
fn carrier_codes(carrier: Option<&str>) -> (String, String) {
    let Some(c) = carrier.map(str::trim).filter(|c| !c.is_empty()) else {
        return (String::new(), String::new());
    };
    let slug: String = c
        .to_ascii_lowercase()
        .chars()
        .map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let provider = match slug.as_str() {
        "ups" => "ups",
        "usps" => "usps",
        "fedex" => "fedex",
        "auspost" | "australia-post" => "auspost",
        "canadapost" | "canada-post" => "canadapost",
        "royalmail" | "royal-mail" => "royalmail",
        _ => "",
    };
    let tracking = match slug.as_str() {
        "dhl-express" => "dhl".to_string(),
        "australia-post" => "australia-post".to_string(),
        "auspost" => "australia-post".to_string(),
        "canadapost" => "canada-post".to_string(),
        "royalmail" => "royal-mail".to_string(),
        s => s.to_string(),
    };
    (provider.to_string(), tracking)
}

/// The `POST …/shipments` body for every unshipped unit at the first address that has any;
/// `None` when nothing is left to ship.
fn shipment_body(
    order_id: u64,
    products: &[ProductDto],
    addresses: &[ShippingAddressDto],
    f: &NewFulfillment,
) -> Option<Value> {
    let open =
        |p: &ProductDto| p.quantity.saturating_sub(p.quantity_shipped).saturating_sub(p.quantity_refunded);
    let first = products.iter().find(|p| open(p) > 0)?;
    let address = first.order_address_id.or_else(|| addresses.first().map(|a| a.id))?;
    let items: Vec<Value> = products
        .iter()
        .filter(|p| open(p) > 0 && p.order_address_id.is_none_or(|a| a == address))
        .map(|p| json!({"order_product_id": p.id, "quantity": open(p)}))
        .collect();
    let (provider, carrier) = carrier_codes(f.carrier.as_deref());
    let mut body = json!({
        "order_address_id": address,
        "tracking_number": f.tracking_number.trim(),
        "shipping_provider": provider,
        "tracking_carrier": carrier,
        "items": items,
    });
    if let Some(u) = &f.tracking_url {
        body["tracking_link"] = json!(u);
    }
    let _ = order_id;
    Some(body)
}

// ---- refunds (v3 payment actions) ---------------------------------------------------------

/// Every refund path: v3, under the order.
fn refunds_path(id: u64, action: &str) -> String {
    format!("v3/orders/{id}/payment_actions/{action}")
}

/// Longest refund `reason` BigCommerce stores.
const REASON_MAX: usize = 1000;
/// Room kept for the marker (`[shopdesk <key>]`) when the key is not known yet.
const MARKER_ROOM: usize = 120;

/// A usage error (nothing sent) when the reason cannot fit BigCommerce's 1000 characters; with
/// an unknown key (`extra` empty and no marker in `reason`), room is kept for the marker.
fn check_reason_room(reason: Option<&str>, extra: &str) -> Result<()> {
    let Some(reason) = reason else { return Ok(()) };
    let marked = reason.contains("[shopdesk ");
    let len = reason.chars().count() + extra.chars().count() + if marked { 0 } else { MARKER_ROOM };
    if len > REASON_MAX {
        return Err(Error::usage(format!(
            "the refund reason is too long for BigCommerce ({REASON_MAX} characters, including shopdesk's marker)"
        ))
        .with_hint(format!("shorten --reason to at most {} characters", REASON_MAX - MARKER_ROOM)));
    }
    Ok(())
}

/// v3 money arrive as JSON numbers. serde_json (without `arbitrary_precision`) would hold a
/// fractional number as an `f64`, so before decoding, every fractional number token in the
/// raw text is turned into a JSON string with the same digits; [`parse_decimal`] then reads
/// the string exactly. Integers (ids, quantities, whole amounts) are left as they are:
/// serde_json keeps them exact. The input is the vendor's JSON; anything that is not valid
/// JSON is passed through and fails to decode as before.
fn exact_numbers(body: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if !body.iter().any(|b| matches!(b, b'.' | b'e' | b'E')) {
        return std::borrow::Cow::Borrowed(body);
    }
    let mut out = Vec::with_capacity(body.len() + 16);
    let (mut i, mut in_string) = (0, false);
    while i < body.len() {
        let b = body[i];
        if in_string {
            out.push(b);
            if b == b'\\' && i + 1 < body.len() {
                out.push(body[i + 1]);
                i += 1;
            } else if b == b'"' {
                in_string = false;
            }
            i += 1;
            continue;
        }
        if b == b'"' {
            in_string = true;
            out.push(b);
            i += 1;
            continue;
        }
        if b == b'-' || b.is_ascii_digit() {
            let start = i;
            while i < body.len() && matches!(body[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') {
                i += 1;
            }
            let token = &body[start..i];
            if token.iter().any(|c| matches!(c, b'.' | b'e' | b'E')) {
                out.push(b'"');
                out.extend_from_slice(token);
                out.push(b'"');
            } else {
                out.extend_from_slice(token);
            }
            continue;
        }
        out.push(b);
        i += 1;
    }
    std::borrow::Cow::Owned(out)
}

/// A decimal as a JSON number for a v3 request body. The number's text must be the decimal's
/// own digits: serde_json writes numbers from an `f64`, exact only up to ~15 significant
/// digits, so anything that would not come back identical is refused instead of rounded.
fn json_amount(d: Decimal) -> Result<Value> {
    let d = d.normalize();
    let text = d.to_string();
    let v: Value = serde_json::from_str(&text).map_err(|e| Error::general(format!("amount {text}: {e}")))?;
    let back = parse_decimal(&v).ok().map(|x| x.normalize());
    if back != Some(d) {
        return Err(Error::usage(format!("the amount {text} cannot be sent to BigCommerce exactly"))
            .with_hint("use an amount with at most 2 decimals"));
    }
    Ok(v)
}

/// An amount from a v3 answer (a string after [`exact_numbers`], or an integer); absent → 0.
fn dec(v: &Value) -> Result<Decimal> {
    match v {
        Value::Null => Ok(Decimal::ZERO),
        other => parse_decimal(other).map_err(bad_amount),
    }
}

/// What a quote is checked against.
struct RefundState {
    id: u64,
    currency: Currency,
    order: OrderDto,
    products: Vec<ProductDto>,
    addresses: Vec<ShippingAddressDto>,
    refunds: Vec<RefundDto>,
}

/// The refund items chosen from a spec, and the lines and shipping they stand for.
#[derive(Debug)]
struct Picked {
    items: Vec<Value>,
    lines: Vec<QuoteLine>,
    shipping: Decimal,
}

/// Map `--item`, `--shipping` and a full refund onto BigCommerce refund items, checking each
/// against what is left (usage errors naming it; nothing is sent).
fn pick_items(r: &OrderRef, spec: &RefundSpec, s: &RefundState) -> Result<Picked> {
    let cur = &s.currency;
    let left = |p: &ProductDto| p.quantity.saturating_sub(p.quantity_refunded);
    let refundable_list = || {
        let v: Vec<String> = s
            .products
            .iter()
            .filter(|p| left(p) > 0)
            .map(|p| {
                format!("{}:{}", if p.sku.is_empty() { p.id.to_string() } else { p.sku.clone() }, left(p))
            })
            .collect();
        if v.is_empty() { "nothing".to_string() } else { v.join(", ") }
    };
    // (product index, quantity)
    let mut chosen: Vec<(usize, u32)> = Vec::new();
    if spec.is_full() {
        chosen.extend(s.products.iter().enumerate().filter(|(_, p)| left(p) > 0).map(|(i, p)| (i, left(p))));
    }
    for pick in &spec.items {
        let idx = s
            .products
            .iter()
            .position(|p| !p.sku.is_empty() && p.sku == pick.sku)
            .or_else(|| {
                s.products.iter().position(|p| p.sku.eq_ignore_ascii_case(&pick.sku) && !p.sku.is_empty())
            })
            .or_else(|| s.products.iter().position(|p| p.id.to_string() == pick.sku))
            .ok_or_else(|| {
                Error::usage(format!("order {r} has no item `{}`", pick.sku))
                    .with_hint(format!("refundable items (SKU:quantity): {}", refundable_list()))
            })?;
        let p = &s.products[idx];
        let already: u32 = chosen.iter().filter(|(i, _)| *i == idx).map(|(_, q)| q).sum();
        let remaining = left(p).saturating_sub(already);
        let qty = pick.quantity.unwrap_or(remaining);
        if qty == 0 || qty > remaining {
            return Err(Error::usage(format!(
                "order {r}: {} unit(s) of `{}` asked, {remaining} left to refund",
                pick.quantity.unwrap_or(0),
                pick.sku
            ))
            .with_hint(format!("refundable items (SKU:quantity): {}", refundable_list())));
        }
        chosen.push((idx, qty));
    }
    let mut items = Vec::new();
    let mut lines: Vec<QuoteLine> = Vec::new();
    for (idx, qty) in chosen {
        let p = &s.products[idx];
        items.push(json!({"item_type": "PRODUCT", "item_id": p.id, "quantity": qty}));
        let q = Decimal::from(qty);
        let ex = money(&p.price_ex_tax, cur)?.amount;
        let inc = money(&p.price_inc_tax, cur)?.amount;
        match lines.iter_mut().find(|l| l.line_item_id == p.id.to_string()) {
            Some(l) => {
                l.quantity += qty;
                l.subtotal.amount += ex * q;
                l.tax.amount += (inc - ex) * q;
            }
            None => lines.push(QuoteLine {
                line_item_id: p.id.to_string(),
                sku: opt(&p.sku),
                title: p.name.clone(),
                quantity: qty,
                subtotal: Money::new(ex * q, cur.clone()),
                tax: Money::new((inc - ex) * q, cur.clone()),
            }),
        }
    }
    // Shipping left per address: its cost less the SHIPPING items refunded against it.
    let shipping_left: Vec<(u64, Decimal)> = s
        .addresses
        .iter()
        .map(|a| {
            let cost = money(&a.cost_inc_tax, cur).map(|m| m.amount).unwrap_or_default();
            let done: Decimal = s
                .refunds
                .iter()
                .flat_map(|f| &f.items)
                .filter(|i| i.item_type == "SHIPPING" && id_of(&i.item_id) == Some(a.id))
                .filter_map(|i| dec(&i.requested_amount).ok())
                .sum();
            (a.id, (cost - done).max(Decimal::ZERO))
        })
        .collect();
    let total_left: Decimal = shipping_left.iter().map(|(_, d)| *d).sum();
    let wanted = match spec.shipping {
        ShippingPick::None if spec.is_full() => total_left,
        ShippingPick::None => Decimal::ZERO,
        ShippingPick::Full => {
            if total_left <= Decimal::ZERO {
                return Err(Error::usage(format!("order {r} has no shipping left to refund"))
                    .with_hint("drop --shipping"));
            }
            total_left
        }
        ShippingPick::Amount(a) => {
            if a <= Decimal::ZERO || a > total_left {
                return Err(Error::usage(format!(
                    "order {r}: --shipping {a} is not between 0 and the {} {} of shipping left to refund",
                    total_left.normalize(),
                    cur.code()
                ))
                .with_hint("give a smaller shipping amount, or --shipping alone for all of it"));
            }
            a
        }
    };
    let mut rest = wanted;
    for (address, left) in shipping_left {
        if rest <= Decimal::ZERO {
            break;
        }
        let take = rest.min(left);
        if take > Decimal::ZERO {
            items.push(json!({"item_type": "SHIPPING", "item_id": address, "amount": json_amount(take)?}));
            rest -= take;
        }
    }
    if items.is_empty() && !spec.is_full() && spec.amount.is_none() {
        return Err(Error::usage(format!("order {r}: nothing to refund was named"))
            .with_hint("give --item SKU[:QTY], --shipping or --amount, or none of them for a full refund"));
    }
    Ok(Picked { items, lines, shipping: wanted })
}

/// The refund method to pay with: the first one offered; with `record_only`, the first whose
/// options are all offline (recorded on the order, no money moves).
fn choose_method(methods: &[Vec<PaymentOptionDto>], record_only: bool) -> Option<&[PaymentOptionDto]> {
    methods
        .iter()
        .filter(|m| !m.is_empty())
        .find(|m| !record_only || m.iter().all(|p| p.offline))
        .map(Vec::as_slice)
}

fn id_of(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => {
            s.parse::<Decimal>().ok().filter(|d| d.fract().is_zero()).and_then(|d| u64::try_from(d).ok())
        }
        _ => None,
    }
}

/// What `refund_create` sends, kept in the quote's `plan`.
#[derive(Deserialize)]
struct Plan {
    order_id: u64,
    items: Vec<Value>,
    payments: Vec<Value>,
}

#[derive(Deserialize)]
struct QuoteEnvelope {
    data: QuoteDto,
}

#[derive(Deserialize)]
struct QuoteDto {
    #[serde(default)]
    total_refund_amount: Value,
    #[serde(default)]
    total_refund_tax_amount: Value,
    #[serde(default)]
    order_level_refund_amount: Value,
    #[serde(default)]
    rounding: Value,
    #[serde(default)]
    adjustment: Value,
    #[serde(default, deserialize_with = "de_default_null")]
    refund_methods: Vec<Vec<PaymentOptionDto>>,
}

#[derive(Deserialize)]
struct PaymentOptionDto {
    provider_id: String,
    #[serde(default)]
    amount: Value,
    #[serde(default)]
    offline: bool,
}

#[derive(Deserialize)]
struct RefundList {
    #[serde(default, deserialize_with = "de_default_null")]
    data: Vec<RefundDto>,
}

#[derive(Deserialize)]
struct RefundEnvelope {
    data: RefundDto,
}

#[derive(Deserialize)]
struct RefundDto {
    id: u64,
    #[serde(default, deserialize_with = "de_default_null")]
    created: String,
    #[serde(default, deserialize_with = "de_default_null")]
    reason: String,
    #[serde(default)]
    total_amount: Value,
    #[serde(default, deserialize_with = "de_default_null")]
    items: Vec<RefundItemDto>,
}

#[derive(Deserialize)]
struct RefundItemDto {
    #[serde(default, deserialize_with = "de_default_null")]
    item_type: String,
    #[serde(default)]
    item_id: Value,
    #[serde(default)]
    quantity: Option<u32>,
    #[serde(default)]
    requested_amount: Value,
}

impl RefundDto {
    /// With the order's products for titles and unit prices.
    fn into_domain(self, products: &[ProductDto], currency: &Currency) -> Result<Refund> {
        let titles: Vec<(String, String)> =
            products.iter().map(|p| (p.id.to_string(), p.name.clone())).collect();
        let prices: Vec<(String, Value)> =
            products.iter().map(|p| (p.id.to_string(), p.price_ex_tax.clone())).collect();
        self.map(&titles, &prices, currency)
    }

    /// With the titles a quote already knew (the answer to a refund create).
    fn into_domain_titled(self, titles: &[(String, String)], currency: &Currency) -> Result<Refund> {
        self.map(titles, &[], currency)
    }

    fn map(
        self,
        titles: &[(String, String)],
        prices: &[(String, Value)],
        currency: &Currency,
    ) -> Result<Refund> {
        let mut lines = Vec::new();
        for i in self.items.iter().filter(|i| i.item_type == "PRODUCT") {
            let id = id_of(&i.item_id).map(|n| n.to_string()).unwrap_or_default();
            let quantity = i.quantity.unwrap_or(0);
            // `requested_amount` may be null for products (the vendor's example): then the
            // units' price from the order.
            let subtotal = match &i.requested_amount {
                Value::Null => match prices.iter().find(|(p, _)| *p == id) {
                    Some((_, price)) => money(price, currency)?.amount * Decimal::from(quantity),
                    None => Decimal::ZERO,
                },
                v => dec(v)?,
            };
            lines.push(RefundLine {
                title: titles.iter().find(|(p, _)| *p == id).map(|(_, t)| t.clone()).unwrap_or_default(),
                line_item_id: id,
                quantity,
                subtotal: Money::new(subtotal, currency.clone()),
            });
        }
        Ok(Refund {
            id: self.id.to_string(),
            created_at: opt(&self.created)
                .map(|c| c.parse::<jiff::Timestamp>().map(|t| t.to_string()).unwrap_or(c)),
            note: opt(&self.reason),
            amount: Money::new(dec(&self.total_amount)?, currency.clone()),
            lines,
        })
    }
}

// ---- vendor hooks -------------------------------------------------------------------------

/// v2 `[{"status":404,"message":"…"}]`, v3 `{"status","title","type","errors","detail"}` and the
/// refund wrapper `{"data":[{…v3…}]}` → one readable line.
pub fn error_message(_: reqwest::StatusCode, body: &[u8]) -> Option<String> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let text = message_of(&v)?;
    (!text.is_empty()).then_some(text)
}

fn message_of(v: &Value) -> Option<String> {
    match v {
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(message_of).collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        Value::Object(m) => {
            if let Some(s) = m.get("message").and_then(Value::as_str) {
                return Some(s.to_string());
            }
            if let Some(d) = m.get("data").filter(|d| d.is_array()) {
                return message_of(d);
            }
            let title = m.get("title").and_then(Value::as_str)?;
            let mut out = title.to_string();
            if let Some(d) = m.get("detail").and_then(Value::as_str).filter(|d| !d.is_empty()) {
                out.push_str(&format!(" ({d})"));
            }
            if let Some(Value::Object(errs)) = m.get("errors") {
                let list: Vec<String> = errs
                    .iter()
                    .map(|(k, v)| {
                        format!("{k}: {}", v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))
                    })
                    .collect();
                if !list.is_empty() {
                    out.push_str(&format!(": {}", list.join(", ")));
                }
            }
            Some(out)
        }
        _ => None,
    }
}

/// Read the quota headers: when the window is spent (or on a 429), wait for its reset; in the
/// last tenth of the quota, spread the remaining requests over the rest of the window.
fn pace(r: &Response) -> Option<Duration> {
    let reset = Duration::from_millis(r.header_u64("x-rate-limit-time-reset-ms")?);
    let left = r.header_u64("x-rate-limit-requests-left");
    if r.status == reqwest::StatusCode::TOO_MANY_REQUESTS || left == Some(0) {
        return Some(reset.max(Duration::from_millis(1)));
    }
    let quota = r.header_u64("x-rate-limit-requests-quota")?;
    crate::transport::spread_over(reset, left?, quota)
}

// ---- DTOs (BigCommerce's shapes) and their mapping into domain types ----------------------

fn de_default_null<'de, D, T>(d: D) -> std::result::Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

#[derive(Deserialize, Default)]
struct AddressDto {
    #[serde(default, deserialize_with = "de_default_null")]
    first_name: String,
    #[serde(default, deserialize_with = "de_default_null")]
    last_name: String,
    #[serde(default, deserialize_with = "de_default_null")]
    company: String,
    #[serde(default, deserialize_with = "de_default_null")]
    street_1: String,
    #[serde(default, deserialize_with = "de_default_null")]
    street_2: String,
    #[serde(default, deserialize_with = "de_default_null")]
    city: String,
    #[serde(default, deserialize_with = "de_default_null")]
    state: String,
    #[serde(default, deserialize_with = "de_default_null")]
    zip: String,
    #[serde(default, deserialize_with = "de_default_null")]
    country: String,
    #[serde(default, deserialize_with = "de_default_null")]
    phone: String,
    #[serde(default, deserialize_with = "de_default_null")]
    email: String,
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl AddressDto {
    fn name(&self) -> Option<String> {
        opt(&format!("{} {}", self.first_name.trim(), self.last_name.trim()))
    }
    fn to_domain(&self) -> Address {
        Address {
            name: self.name(),
            company: opt(&self.company),
            address1: opt(&self.street_1),
            address2: opt(&self.street_2),
            city: opt(&self.city),
            province: opt(&self.state),
            zip: opt(&self.zip),
            country: opt(&self.country),
            phone: opt(&self.phone),
        }
    }
}

#[derive(Deserialize)]
struct OrderDto {
    id: u64,
    #[serde(default)]
    customer_id: Value,
    date_created: String,
    status_id: u8,
    #[serde(default, deserialize_with = "de_default_null")]
    payment_status: String,
    #[serde(default)]
    currency_code: Option<String>,
    #[serde(default)]
    default_currency_code: Option<String>,
    subtotal_ex_tax: Value,
    #[serde(default)]
    subtotal_inc_tax: Value,
    #[serde(default)]
    shipping_cost_ex_tax: Value,
    #[serde(default)]
    shipping_cost_inc_tax: Value,
    #[serde(default)]
    total_tax: Value,
    #[serde(default)]
    discount_amount: Value,
    total_inc_tax: Value,
    #[serde(default)]
    refunded_amount: Value,
    #[serde(default)]
    is_tax_inclusive_pricing: bool,
    #[serde(default)]
    items_total: Value,
    #[serde(default)]
    items_shipped: Value,
    #[serde(default)]
    order_is_digital: bool,
    #[serde(default)]
    is_deleted: bool,
    #[serde(default, deserialize_with = "de_default_null")]
    payment_method: String,
    #[serde(default, deserialize_with = "de_default_null")]
    staff_notes: String,
    #[serde(default, deserialize_with = "de_default_null")]
    customer_message: String,
    #[serde(default, deserialize_with = "de_default_null")]
    billing_address: AddressDto,
}

#[derive(Deserialize)]
struct ProductDto {
    id: u64,
    #[serde(default, deserialize_with = "de_default_null")]
    name: String,
    #[serde(default, deserialize_with = "de_default_null")]
    sku: String,
    quantity: u32,
    #[serde(default)]
    quantity_shipped: u32,
    #[serde(default)]
    quantity_refunded: u32,
    #[serde(default)]
    order_address_id: Option<u64>,
    #[serde(default)]
    price_ex_tax: Value,
    #[serde(default)]
    price_inc_tax: Value,
    #[serde(default)]
    total_ex_tax: Value,
    #[serde(default)]
    total_inc_tax: Value,
    #[serde(default, deserialize_with = "de_default_null")]
    product_options: Vec<ProductOptionDto>,
}

#[derive(Deserialize)]
struct ProductOptionDto {
    #[serde(default, deserialize_with = "de_default_null")]
    display_value: String,
}

#[derive(Deserialize)]
struct ShippingAddressDto {
    id: u64,
    /// What the shopper paid to ship to this address (refundable as a `SHIPPING` item).
    #[serde(default)]
    cost_inc_tax: Value,
    #[serde(flatten)]
    address: AddressDto,
}

#[derive(Deserialize)]
struct ShipmentItemDto {
    order_product_id: u64,
    #[serde(default)]
    quantity: u32,
}

#[derive(Deserialize)]
struct ShipmentDto {
    id: u64,
    #[serde(default, deserialize_with = "de_default_null")]
    date_created: String,
    #[serde(default, deserialize_with = "de_default_null")]
    tracking_number: String,
    #[serde(default, deserialize_with = "de_default_null")]
    shipping_provider: String,
    #[serde(default, deserialize_with = "de_default_null")]
    shipping_provider_display_name: String,
    #[serde(default, deserialize_with = "de_default_null")]
    tracking_carrier: String,
    #[serde(default, deserialize_with = "de_default_null")]
    tracking_link: String,
    #[serde(default, deserialize_with = "de_default_null")]
    generated_tracking_link: String,
    #[serde(default, deserialize_with = "de_default_null")]
    items: Vec<ShipmentItemDto>,
}

#[derive(Deserialize)]
struct MessageDto {
    id: u64,
    #[serde(rename = "type", default, deserialize_with = "de_default_null")]
    kind: String,
    #[serde(default, deserialize_with = "de_default_null")]
    subject: String,
    #[serde(default, deserialize_with = "de_default_null")]
    message: String,
    #[serde(default, deserialize_with = "de_default_null")]
    date_created: String,
}

#[derive(Deserialize)]
struct CountDto {
    count: u64,
}

#[derive(Deserialize)]
struct CustomerList {
    data: Vec<CustomerDto>,
}

#[derive(Deserialize)]
struct CustomerDto {
    id: u64,
    #[serde(default, deserialize_with = "de_default_null")]
    email: String,
    #[serde(default, deserialize_with = "de_default_null")]
    first_name: String,
    #[serde(default, deserialize_with = "de_default_null")]
    last_name: String,
    #[serde(default, deserialize_with = "de_default_null")]
    phone: String,
    #[serde(default)]
    date_created: Option<String>,
    #[serde(default, deserialize_with = "de_default_null")]
    addresses: Vec<CustomerAddressDto>,
}

#[derive(Deserialize)]
struct CustomerAddressDto {
    #[serde(default, deserialize_with = "de_default_null")]
    first_name: String,
    #[serde(default, deserialize_with = "de_default_null")]
    last_name: String,
    #[serde(default, deserialize_with = "de_default_null")]
    company: String,
    #[serde(default, deserialize_with = "de_default_null")]
    address1: String,
    #[serde(default, deserialize_with = "de_default_null")]
    address2: String,
    #[serde(default, deserialize_with = "de_default_null")]
    city: String,
    #[serde(default, deserialize_with = "de_default_null")]
    state_or_province: String,
    #[serde(default, deserialize_with = "de_default_null")]
    postal_code: String,
    #[serde(default, deserialize_with = "de_default_null")]
    country: String,
    #[serde(default, deserialize_with = "de_default_null")]
    phone: String,
}

fn bad_amount(e: String) -> Error {
    Error::unavailable(format!("BigCommerce sent a bad amount: {e}"))
}

/// An amount that may be absent or `""` (zero), else a 4-decimal string or a number.
fn money(v: &Value, currency: &Currency) -> Result<Money> {
    match v {
        Value::Null => Ok(Money::zero(currency.clone())),
        Value::String(s) if s.trim().is_empty() => Ok(Money::zero(currency.clone())),
        // v2 pads to 4 decimals ("69.8400"): drop the padding, keep real sub-cent digits.
        other => Ok(Money::new(parse_decimal(other).map_err(bad_amount)?.normalize(), currency.clone())),
    }
}

fn count(v: &Value) -> u32 {
    match v {
        Value::Number(n) => n.as_u64().or_else(|| n.as_f64().map(|f| f.max(0.0) as u64)).unwrap_or(0) as u32,
        Value::String(s) => s.trim().parse().unwrap_or(0),
        _ => 0,
    }
}

fn order_status(status_id: u8, is_deleted: bool) -> OrderStatus {
    match status_id {
        5 | 6 => OrderStatus::Cancelled,
        4 | 10 => OrderStatus::Closed,
        _ if is_deleted => OrderStatus::Closed,
        _ => OrderStatus::Open,
    }
}

fn financial(payment_status: &str, status_id: u8) -> FinancialStatus {
    match payment_status.trim().to_ascii_lowercase().as_str() {
        "captured" | "paid" => FinancialStatus::Paid,
        "authorized" => FinancialStatus::Authorized,
        "partially refunded" => FinancialStatus::PartiallyRefunded,
        "refunded" => FinancialStatus::Refunded,
        "void" | "void pending" => FinancialStatus::Voided,
        "pending" | "capture pending" | "held for review" => FinancialStatus::Pending,
        "" if status_id == 7 => FinancialStatus::Pending,
        _ => FinancialStatus::Unknown,
    }
}

fn fulfillment_status(items_total: u32, items_shipped: u32, digital: bool) -> FulfillmentStatus {
    if digital || items_total == 0 {
        FulfillmentStatus::NotRequired
    } else if items_shipped == 0 {
        FulfillmentStatus::Unfulfilled
    } else if items_shipped >= items_total {
        FulfillmentStatus::Fulfilled
    } else {
        FulfillmentStatus::Partial
    }
}

impl OrderDto {
    fn currency(&self) -> Result<Currency> {
        let code = self
            .default_currency_code
            .as_deref()
            .filter(|c| !c.is_empty())
            .or(self.currency_code.as_deref())
            .unwrap_or("");
        Currency::new(code).map_err(|e| Error::unavailable(format!("BigCommerce order {}: {e}", self.id)))
    }

    fn customer_id(&self) -> Option<String> {
        let id = match &self.customer_id {
            Value::Number(n) => n.as_u64().or_else(|| n.as_f64().map(|f| f as u64))?,
            Value::String(s) => s.parse().ok()?,
            _ => return None,
        };
        (id != 0).then(|| id.to_string())
    }

    fn summary(self, store: &Store) -> Result<OrderSummary> {
        let currency = self.currency()?;
        let (total, shipped) = (count(&self.items_total), count(&self.items_shipped));
        Ok(OrderSummary {
            source: store.source("bigcommerce", self.id.to_string()),
            number: format!("#{}", self.id),
            created_at: iso(&self.date_created).unwrap_or_default(),
            status: order_status(self.status_id, self.is_deleted),
            financial_status: financial(&self.payment_status, self.status_id),
            fulfillment_status: fulfillment_status(total, shipped, self.order_is_digital),
            email: opt(&self.billing_address.email),
            customer_name: self.billing_address.name(),
            total: money(&self.total_inc_tax, &currency)?,
            items: total,
        })
    }

    fn into_domain(
        self,
        store: &Store,
        products: Vec<ProductDto>,
        addresses: Vec<ShippingAddressDto>,
        shipments: Vec<ShipmentDto>,
    ) -> Result<Order> {
        let currency = self.currency()?;
        let inc = self.is_tax_inclusive_pricing;
        let pick = |ex: &Value, inc_v: &Value| if inc { inc_v.clone() } else { ex.clone() };
        let line_items = products
            .iter()
            .map(|p| {
                let variant: Vec<&str> = p
                    .product_options
                    .iter()
                    .map(|o| o.display_value.as_str())
                    .filter(|s| !s.is_empty())
                    .collect();
                Ok(LineItem {
                    id: p.id.to_string(),
                    sku: opt(&p.sku),
                    title: p.name.clone(),
                    variant: (!variant.is_empty()).then(|| variant.join(" / ")),
                    quantity: p.quantity,
                    refundable_quantity: Some(p.quantity.saturating_sub(p.quantity_refunded)),
                    unit_price: money(&pick(&p.price_ex_tax, &p.price_inc_tax), &currency)?,
                    total: money(&pick(&p.total_ex_tax, &p.total_inc_tax), &currency)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let fulfillments = shipments.into_iter().map(|s| s.into_domain(&products)).collect();
        let total = money(&self.total_inc_tax, &currency)?;
        let outstanding = match financial(&self.payment_status, self.status_id) {
            FinancialStatus::Pending | FinancialStatus::Authorized => total.clone(),
            _ => Money::zero(currency.clone()),
        };
        let b = &self.billing_address;
        let customer = CustomerRef { id: self.customer_id(), name: b.name(), email: opt(&b.email) };
        let (items_total, items_shipped) = (count(&self.items_total), count(&self.items_shipped));
        Ok(Order {
            source: store.source("bigcommerce", self.id.to_string()),
            number: format!("#{}", self.id),
            created_at: iso(&self.date_created).unwrap_or_default(),
            status: order_status(self.status_id, self.is_deleted),
            financial_status: financial(&self.payment_status, self.status_id),
            fulfillment_status: fulfillment_status(items_total, items_shipped, self.order_is_digital),
            cancel_reason: None,
            email: opt(&b.email),
            phone: opt(&b.phone),
            customer: Some(customer),
            totals: Totals {
                subtotal: money(&pick(&self.subtotal_ex_tax, &self.subtotal_inc_tax), &currency)?,
                shipping: money(&pick(&self.shipping_cost_ex_tax, &self.shipping_cost_inc_tax), &currency)?,
                tax: money(&self.total_tax, &currency)?,
                discounts: money(&self.discount_amount, &currency)?,
                total,
                refunded: money(&self.refunded_amount, &currency)?,
                outstanding,
            },
            currency,
            line_items,
            shipping_address: addresses.first().map(|a| a.address.to_domain()),
            billing_address: Some(b.to_domain()),
            fulfillments,
            refunds: Vec::new(),
            note: opt(&self.staff_notes),
            tags: Vec::new(),
            gateways: opt(&self.payment_method).into_iter().collect(),
        })
    }
}

impl ShipmentDto {
    fn into_domain(self, products: &[ProductDto]) -> Fulfillment {
        let carrier = [&self.shipping_provider_display_name, &self.tracking_carrier, &self.shipping_provider]
            .into_iter()
            .find_map(|s| opt(s));
        let url = opt(&self.tracking_link).or_else(|| opt(&self.generated_tracking_link));
        Fulfillment {
            id: self.id.to_string(),
            name: Some(format!("Shipment {}", self.id)),
            status: ShipmentState::Success,
            display_status: None,
            created_at: iso(&self.date_created),
            delivered_at: None,
            estimated_delivery_at: None,
            tracking: vec![Tracking { carrier, number: opt(&self.tracking_number), url }],
            items: self
                .items
                .into_iter()
                .map(|i| {
                    let p = products.iter().find(|p| p.id == i.order_product_id);
                    FulfilledItem {
                        line_item_id: i.order_product_id.to_string(),
                        sku: p.and_then(|p| opt(&p.sku)),
                        title: p.map(|p| p.name.clone()).unwrap_or_default(),
                        quantity: i.quantity,
                    }
                })
                .collect(),
        }
    }
}

impl CustomerDto {
    fn into_domain(self, store: &Store, orders_count: Option<u64>) -> Customer {
        let default_address = self.addresses.first().map(|a| Address {
            name: opt(&format!("{} {}", a.first_name, a.last_name)),
            company: opt(&a.company),
            address1: opt(&a.address1),
            address2: opt(&a.address2),
            city: opt(&a.city),
            province: opt(&a.state_or_province),
            zip: opt(&a.postal_code),
            country: opt(&a.country),
            phone: opt(&a.phone),
        });
        Customer {
            source: store.source("bigcommerce", self.id.to_string()),
            name: opt(&format!("{} {}", self.first_name, self.last_name)),
            email: opt(&self.email),
            phone: opt(&self.phone),
            created_at: self.date_created,
            orders_count,
            total_spent: None,
            default_address,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::{Client, Settings, log::Logger};
    use std::sync::Arc;

    const ORDER: &str = include_str!("../../../tests/fixtures/bigcommerce/order_218.json");
    const PRODUCTS: &str = include_str!("../../../tests/fixtures/bigcommerce/order_218_products.json");
    const SHIPMENTS: &str = include_str!("../../../tests/fixtures/bigcommerce/order_218_shipments.json");
    const ADDRESSES: &str =
        include_str!("../../../tests/fixtures/bigcommerce/order_218_shipping_addresses.json");

    fn store(url: &str) -> Store {
        let config: crate::config::StoreConfig =
            toml::from_str(&format!("platform = \"bigcommerce\"\nurl = \"{url}\"\nauth = \"token\"\n"))
                .unwrap();
        let client = Client::new(
            "main (bigcommerce)".into(),
            config.url.clone(),
            crate::transport::AuthScheme::None,
            INFO.hooks,
            Settings::default(),
            Arc::new(Logger::quiet()),
        )
        .unwrap();
        Store { name: "main".into(), config, client }
    }

    fn resp(status: u16, headers: &[(&'static str, &'static str)]) -> Response {
        let mut h = reqwest::header::HeaderMap::new();
        for (k, v) in headers {
            h.insert(*k, HeaderValue::from_static(v));
        }
        Response {
            status: reqwest::StatusCode::from_u16(status).unwrap(),
            headers: h,
            body: Default::default(),
            url: "http://x.test".parse().unwrap(),
            retries: 0,
            latency: Duration::ZERO,
        }
    }

    #[test]
    fn maps_the_official_example_order() {
        let s = store("https://api.bigcommerce.com/stores/abc123");
        let o: OrderDto = serde_json::from_str(ORDER).unwrap();
        let products: Vec<ProductDto> = serde_json::from_str(PRODUCTS).unwrap();
        let shipments: Vec<ShipmentDto> = serde_json::from_str(SHIPMENTS).unwrap();
        let addresses: Vec<ShippingAddressDto> = serde_json::from_str(ADDRESSES).unwrap();
        let order = o.into_domain(&s, products, addresses, shipments).unwrap();
        assert_eq!(order.number, "#218");
        assert_eq!(order.source.platform_id, "218");
        assert_eq!(order.created_at, "2019-03-05T21:40:11Z");
        assert_eq!(order.status, OrderStatus::Open);
        assert_eq!(order.financial_status, FinancialStatus::Paid);
        assert_eq!(order.fulfillment_status, FulfillmentStatus::Partial);
        assert_eq!(order.email.as_deref(), Some("janedoe@example.com"));
        assert_eq!(order.totals.total.to_string(), "69.84 USD");
        assert_eq!(order.totals.total.amount.to_string(), "69.84");
        assert_eq!(order.totals.subtotal.amount.to_string(), "62.6793");
        assert_eq!(order.totals.discounts.to_string(), "5.00 USD");
        assert_eq!(order.line_items.len(), 2);
        assert_eq!(order.line_items[0].variant.as_deref(), Some("Blue"));
        assert_eq!(order.line_items[1].refundable_quantity, Some(1));
        assert_eq!(order.shipping_address.as_ref().unwrap().city.as_deref(), Some("Austin"));
        let f = &order.fulfillments[0];
        assert_eq!(f.tracking[0].number.as_deref(), Some("1Z999AA10123456784"));
        assert_eq!(f.tracking[0].carrier.as_deref(), Some("UPS"));
        assert_eq!(f.items[0].title, "BigCommerce Coffee Mug");
        assert_eq!(f.created_at.as_deref(), Some("2019-03-06T10:00:00Z"));
        assert_eq!(order.gateways, vec!["Cash".to_string()]);
    }

    #[test]
    fn statuses_map_to_neutral_values() {
        assert_eq!(order_status(5, false), OrderStatus::Cancelled);
        assert_eq!(order_status(6, false), OrderStatus::Cancelled);
        assert_eq!(order_status(10, false), OrderStatus::Closed);
        assert_eq!(order_status(11, true), OrderStatus::Closed);
        assert_eq!(order_status(11, false), OrderStatus::Open);
        assert_eq!(financial("captured", 11), FinancialStatus::Paid);
        assert_eq!(financial("partially refunded", 14), FinancialStatus::PartiallyRefunded);
        assert_eq!(financial("", 7), FinancialStatus::Pending);
        assert_eq!(financial("void", 5), FinancialStatus::Voided);
        assert_eq!(fulfillment_status(3, 0, false), FulfillmentStatus::Unfulfilled);
        assert_eq!(fulfillment_status(3, 2, false), FulfillmentStatus::Partial);
        assert_eq!(fulfillment_status(3, 3, false), FulfillmentStatus::Fulfilled);
        assert_eq!(fulfillment_status(1, 0, true), FulfillmentStatus::NotRequired);
    }

    #[test]
    fn v2_and_v3_error_bodies() {
        let s = reqwest::StatusCode::NOT_FOUND;
        assert_eq!(
            error_message(s, br#"[{"status":404,"message":"The requested resource was not found."}]"#)
                .unwrap(),
            "The requested resource was not found."
        );
        assert_eq!(
            error_message(s, br#"[{"status":400,"message":"a"},{"status":400,"message":"b"}]"#).unwrap(),
            "a; b"
        );
        assert_eq!(
            error_message(
                s,
                br#"{"status":422,"title":"JSON data is missing or invalid","type":"https://x","errors":{"destination":"error.path.missing."}}"#
            )
            .unwrap(),
            "JSON data is missing or invalid: destination: error.path.missing."
        );
        assert_eq!(
            error_message(s, br#"{"data":[{"status":422,"title":"Unable to process a guest refund with store credit","type":"t","errors":{}}]}"#)
                .unwrap(),
            "Unable to process a guest refund with store credit"
        );
        assert_eq!(error_message(s, b"<html>"), None);
        assert_eq!(error_message(s, b"[]"), None);
    }

    #[test]
    fn pace_reads_the_quota_headers() {
        let spent = resp(
            200,
            &[
                ("x-rate-limit-requests-left", "0"),
                ("x-rate-limit-requests-quota", "150"),
                ("x-rate-limit-time-reset-ms", "1200"),
            ],
        );
        assert_eq!(pace(&spent), Some(Duration::from_millis(1200)));
        let limited = resp(429, &[("x-rate-limit-time-reset-ms", "300")]);
        assert_eq!(pace(&limited), Some(Duration::from_millis(300)));
        let low = resp(
            200,
            &[
                ("x-rate-limit-requests-left", "4"),
                ("x-rate-limit-requests-quota", "150"),
                ("x-rate-limit-time-reset-ms", "1000"),
            ],
        );
        assert_eq!(pace(&low), Some(Duration::from_millis(200)));
        // Counters near the top of u64 once overflowed `left * 10` and wrapped `left + 1` to a
        // zero divisor (a panic even in release builds).
        let huge = |left: &'static str| {
            resp(
                200,
                &[
                    ("x-rate-limit-requests-left", left),
                    ("x-rate-limit-requests-quota", "18446744073709551615"),
                    ("x-rate-limit-time-reset-ms", "4294967295"),
                ],
            )
        };
        assert_eq!(pace(&huge("4294967295")), Some(Duration::from_millis(1)));
        assert_eq!(pace(&huge("18446744073709551615")), None);
        let plenty = resp(
            200,
            &[
                ("x-rate-limit-requests-left", "100"),
                ("x-rate-limit-requests-quota", "150"),
                ("x-rate-limit-time-reset-ms", "1000"),
            ],
        );
        assert_eq!(pace(&plenty), None);
        // A 429 without the headers is platform load: the transport backs off instead.
        assert_eq!(pace(&resp(429, &[])), None);
    }

    #[test]
    fn order_paths_are_always_v2() {
        for sub in ["", "products", "shipping_addresses", "shipments", "messages"] {
            let p = order_path(1001, sub);
            assert!(p.starts_with("v2/orders/1001"), "{p}");
            assert!(!p.contains("v3"), "{p}");
        }
        let q = OrderQuery {
            email: Some("jane@example.com".into()),
            since: Some("2026-01-02T03:04:05Z".parse().unwrap()),
            ..OrderQuery::default()
        };
        let r = search_request(&q, 2, 100);
        assert_eq!(r.path, "v2/orders");
        let got: Vec<(&str, &str)> = r.query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert!(got.contains(&("email", "jane@example.com")));
        assert!(got.contains(&("min_date_created", "Fri, 02 Jan 2026 03:04:05 +0000")));
        assert!(got.contains(&("page", "2")) && got.contains(&("limit", "100")));
        assert!(got.contains(&("sort", "date_created:desc")));
    }

    #[test]
    fn cursor_keeps_the_first_pages_limit() {
        assert_eq!(parse_cursor("2:250").unwrap(), (2, 250));
        for bad in ["2", "0:50", "2:0", "2:251", "x:y"] {
            assert_eq!(parse_cursor(bad).unwrap_err().exit_code(), 2, "{bad}");
        }
        assert_eq!(first_page_limit(&OrderQuery::default(), 20), 20);
        let filtered = OrderQuery { status: Some(OrderStatus::Cancelled), ..OrderQuery::default() };
        assert_eq!(first_page_limit(&filtered, 20), 250);
    }

    #[test]
    fn refs_store_hashes_and_api_paths() {
        let s = BigCommerce {
            store: store("https://api.bigcommerce.com/stores/abc123/"),
            refunding: Default::default(),
        };
        assert_eq!(s.store_hash().unwrap(), "abc123");
        assert_eq!(s.order_id(&OrderRef::parse("#1001").unwrap()).unwrap(), 1001);
        assert_eq!(s.order_id(&OrderRef::parse("1001").unwrap()).unwrap(), 1001);
        assert_eq!(s.order_id(&OrderRef::parse("gid://bigcommerce/Order/7").unwrap()).unwrap(), 7);
        assert_eq!(
            s.order_id(&OrderRef::parse("gid://shopify/Order/7").unwrap()).unwrap_err().exit_code(),
            2
        );
        assert_eq!(s.api_path("v3/orders/1001"), "v3/orders/1001");
        assert_eq!(s.api_path("/v2/orders"), "v2/orders");
        assert_eq!(s.api_path("orders/1001"), "v2/orders/1001");
        let bad = BigCommerce { store: store("https://api.bigcommerce.com/"), refunding: Default::default() };
        assert_eq!(bad.store_hash().unwrap_err().exit_code(), 2);
    }

    #[test]
    fn carriers_and_shipment_body() {
        assert_eq!(carrier_codes(Some("UPS")), ("ups".into(), "ups".into()));
        assert_eq!(carrier_codes(Some("DHL Express")), ("".into(), "dhl".into()));
        assert_eq!(carrier_codes(Some("Royal Mail")), ("royalmail".into(), "royal-mail".into()));
        assert_eq!(carrier_codes(None), ("".into(), "".into()));
        let products: Vec<ProductDto> = serde_json::from_str(PRODUCTS).unwrap();
        let addresses: Vec<ShippingAddressDto> = serde_json::from_str(ADDRESSES).unwrap();
        let f = NewFulfillment {
            tracking_number: "1Z999AA10123456784".into(),
            carrier: Some("UPS".into()),
            tracking_url: None,
            notify: true,
        };
        let body = shipment_body(218, &products, &addresses, &f).unwrap();
        assert_eq!(body["order_address_id"], 20);
        assert_eq!(body["items"], json!([{"order_product_id": 17, "quantity": 1}]));
        assert_eq!(body["shipping_provider"], "ups");
        assert_eq!(append_note("", "a"), "a");
        assert_eq!(append_note("a\n", "b"), "a\nb");
    }

    const QUOTE: &str = include_str!("../../../tests/fixtures/bigcommerce/refund_quote_218.json");
    const REFUNDS: &str = include_str!("../../../tests/fixtures/bigcommerce/refunds_218.json");

    fn usd() -> Currency {
        Currency::new("USD").unwrap()
    }

    fn state_218(refunds: &str) -> RefundState {
        let order: OrderDto = serde_json::from_str(ORDER).unwrap();
        let list: RefundList = serde_json::from_slice(&exact_numbers(refunds.as_bytes())).unwrap();
        RefundState {
            id: 218,
            currency: usd(),
            order,
            products: serde_json::from_str(PRODUCTS).unwrap(),
            addresses: serde_json::from_str(ADDRESSES).unwrap(),
            refunds: list.data,
        }
    }

    #[test]
    fn fractional_numbers_become_exact_strings() {
        let raw = br#"{"a":0.1,"b":[1e2,-3.50],"c":"x 1.5 \" 2.5","d":12,"e":-7}"#;
        let v: Value = serde_json::from_slice(&exact_numbers(raw)).unwrap();
        assert_eq!(v, json!({"a":"0.1","b":["1e2","-3.50"],"c":"x 1.5 \" 2.5","d":12,"e":-7}));
        assert_eq!(dec(&v["b"][1]).unwrap().to_string(), "-3.50");
        assert_eq!(dec(&v["b"][0]).unwrap(), Decimal::from(100));
        // No fractional number: the same bytes, not a copy.
        assert!(matches!(exact_numbers(b"[1,2]"), std::borrow::Cow::Borrowed(_)));
        // Digits an f64 cannot hold survive.
        let big = br#"{"amount":9876543210987.654321}"#;
        let v: Value = serde_json::from_slice(&exact_numbers(big)).unwrap();
        assert_eq!(dec(&v["amount"]).unwrap().to_string(), "9876543210987.654321");
    }

    #[test]
    fn request_amounts_are_the_decimals_digits_or_refused() {
        assert_eq!(json_amount(Decimal::new(1234, 2)).unwrap().to_string(), "12.34");
        assert_eq!(json_amount(Decimal::new(1200, 2)).unwrap().to_string(), "12");
        assert_eq!(json_amount(Decimal::new(1, 1)).unwrap().to_string(), "0.1");
        let huge: Decimal = "12345678901234567.89".parse().unwrap();
        assert_eq!(json_amount(huge).unwrap_err().exit_code(), 2);
    }

    #[test]
    fn quote_methods_and_record_only() {
        let q: QuoteEnvelope = serde_json::from_slice(&exact_numbers(QUOTE.as_bytes())).unwrap();
        assert_eq!(dec(&q.data.total_refund_amount).unwrap().to_string(), "25.84");
        let first = choose_method(&q.data.refund_methods, false).unwrap();
        assert_eq!(first[0].provider_id, "storecredit");
        let offline = choose_method(&q.data.refund_methods, true).unwrap();
        assert_eq!(offline.len(), 1);
        assert_eq!(offline[0].provider_id, "custom");
        let online_only =
            vec![vec![PaymentOptionDto { provider_id: "x".into(), amount: json!(1), offline: false }]];
        assert!(choose_method(&online_only, true).is_none());
    }

    #[test]
    fn refunds_map_with_titles_reasons_and_exact_amounts() {
        let s = state_218(REFUNDS);
        let r = s.refunds.into_iter().next().unwrap().into_domain(&s.products, &usd()).unwrap();
        assert_eq!(r.id, "12");
        assert_eq!(r.amount.amount.to_string(), "25.84");
        assert_eq!(r.created_at.as_deref(), Some("2022-06-16T16:44:15Z"));
        assert!(r.note.unwrap().contains(&refund_marker("sd-1f2e")));
        // Shipping is not a line; a product without requested_amount is priced from the order.
        assert_eq!(r.lines.len(), 1);
        assert_eq!(r.lines[0].line_item_id, "17");
        assert_eq!(r.lines[0].quantity, 1);
        assert_eq!(r.lines[0].subtotal.amount.to_string(), "12.6793");
    }

    #[test]
    fn items_from_a_spec_are_checked_against_what_is_left() {
        let one = OrderRef::parse("218").unwrap();
        let fresh = state_218(r#"{"data":[],"meta":{}}"#);
        // --item MUG-BLU:1 --shipping 5
        let spec = RefundSpec {
            items: vec![ItemPick::parse("MUG-BLU:1").unwrap()],
            shipping: ShippingPick::Amount(Decimal::new(5, 0)),
            ..RefundSpec::default()
        };
        let p = pick_items(&one, &spec, &fresh).unwrap();
        assert_eq!(
            p.items,
            vec![
                json!({"item_type": "PRODUCT", "item_id": 16, "quantity": 1}),
                json!({"item_type": "SHIPPING", "item_id": 20, "amount": 5}),
            ]
        );
        assert_eq!(p.lines[0].subtotal.amount.to_string(), "25");
        assert_eq!(p.lines[0].tax.amount.to_string(), "2");
        // A full refund: every unit left and all the shipping.
        let full = pick_items(&one, &RefundSpec::default(), &fresh).unwrap();
        assert_eq!(full.items.len(), 3);
        assert_eq!(full.shipping.to_string(), "12");
        // The item by order product id (it has no SKU), all of it by default.
        let by_id = RefundSpec { items: vec![ItemPick::parse("17").unwrap()], ..RefundSpec::default() };
        assert_eq!(pick_items(&one, &by_id, &fresh).unwrap().items[0]["quantity"], 1);
        // Too many units, an unknown SKU, too much shipping: usage errors naming what is left.
        let e = pick_items(
            &one,
            &RefundSpec { items: vec![ItemPick::parse("MUG-BLU:3").unwrap()], ..RefundSpec::default() },
            &fresh,
        )
        .unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.message.contains("2 left"), "{}", e.message);
        let e = pick_items(
            &one,
            &RefundSpec { items: vec![ItemPick::parse("NOPE").unwrap()], ..RefundSpec::default() },
            &fresh,
        )
        .unwrap_err();
        assert!(format!("{e:?}").contains("MUG-BLU:2"), "{e:?}");
        let e = pick_items(
            &one,
            &RefundSpec { shipping: ShippingPick::Amount(Decimal::new(1201, 2)), ..RefundSpec::default() },
            &fresh,
        )
        .unwrap_err();
        assert_eq!(e.exit_code(), 2);
        // After the fixture's refund (1 × item 17 and the 12.00 shipping), neither is left.
        let after = state_218(REFUNDS);
        let e =
            pick_items(&one, &RefundSpec { shipping: ShippingPick::Full, ..RefundSpec::default() }, &after)
                .unwrap_err();
        assert!(e.message.contains("no shipping left"), "{}", e.message);
    }

    #[test]
    fn reasons_keep_room_for_the_marker() {
        assert!(check_reason_room(Some(&"x".repeat(880)), "").is_ok());
        assert_eq!(check_reason_room(Some(&"x".repeat(881)), "").unwrap_err().exit_code(), 2);
        let marked = marked_reason(Some(&"x".repeat(900)), "k");
        assert!(check_reason_room(Some(&marked), "").is_ok());
        assert!(refunds_path(7, "refunds").starts_with("v3/orders/7/payment_actions/"));
    }
}
