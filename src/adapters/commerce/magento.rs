//! Magento 2 / Adobe Commerce (PaaS, on-prem, Open Source), through the admin REST API `V1`.
//!
//! The store `url` is the site's base URL (`https://shop.example.com/`); requests go to
//! `{url}rest/{store_code}/V1/…` with `store_code` from the profile (default `default`). A url
//! that already contains `/rest/` is refused before anything is sent.
//!
//! # Auth (platforms.md §3.2)
//! - `auth = "token"`: secret `access_token`, sent as `Authorization: Bearer …`. That is an
//!   admin token (valid 4 h) — or an integration access token *only* where the admin enabled
//!   `oauth/consumer/enable_integration_as_bearer`: since 2.4.4 Magento refuses integration
//!   tokens as Bearer by default, with the same 401 as an expired token, so the 401 error in this
//!   mode says so and points at `oauth1`.
//! - `auth = "oauth1"`: secrets `consumer_key`, `consumer_secret`, `access_token`,
//!   `access_token_secret`; every request is signed (OAuth 1.0a, HMAC-SHA256 by default,
//!   `signature_method = "HMAC-SHA1"` for old stores) by the transport's signer.
//!
//! # Orders
//! `entity_id` is the internal id; `increment_id` the human number, a string Magento pads to
//! nine digits by default (`000001001`, possibly with a store prefix). `order get 1001`, `#1001`
//! and `000001001` all look up `increment_id in (1001, 000001001)` with searchCriteria (there is
//! no get-by-number route); a bare number that matches no order number is then tried as an
//! `entity_id`. Order numbers are unique per store view, not per store: when one number matches
//! orders in several store views, the profile's `store_code` picks one; without it the lookup
//! fails (exit 2) listing every match with its store view and entity id, so the user can set
//! `store_code` or use the entity id.
//!
//! # Search (`searchCriteria`, filter groups AND'd)
//! | shopdesk filter | Magento | where |
//! |---|---|---|
//! | `--email` | `customer_email eq` | server |
//! | `--status open` / `closed` / `cancelled` | `state in (new, pending_payment, processing, holded, payment_review)` / `state in (complete, closed)` / `state eq canceled` | server |
//! | `--since` / `--until` | `created_at gteq` / `lteq` (`YYYY-MM-DD HH:MM:SS` UTC) | server |
//! | `--financial-status refunded`, `partially_refunded` | `total_refunded gt 0`, then the exact status | server + client |
//! | other `--financial-status`, `--fulfillment-status` | derived per order (below) | client |
//!
//! Magento has no payment or shipping status field, so both are derived: payment from
//! `total_refunded` / `total_paid` / `grand_total` and the state (`canceled` with nothing paid is
//! `voided`, `payment_review` is `pending`); shipping from the items' `qty_shipped` against
//! what is left to ship (`holded` is `on_hold`, a virtual order `not_required`). Client-side
//! filters only drop rows from pages already fetched, so paging stays correct; a page may then
//! hold fewer rows than asked. Results are newest first (`created_at DESC, entity_id DESC`).
//!
//! Paging: `pageSize` ≤ 300 and `currentPage` from 1; the cursor carries page *and* size so the
//! size stays fixed across pages. Paging stops on `total_count`, never on an empty page (Magento
//! clamps a page past the end to the last page and returns it again).
//!
//! # Money, dates, addresses
//! Amounts are JSON numbers, parsed from their text into `Decimal` (never `f64`). Dates are
//! `YYYY-MM-DD HH:MM:SS` in UTC and come out as RFC 3339. The shipping address lives at
//! `extension_attributes.shipping_assignments[0].shipping.address`. Configurable/bundle child
//! rows (`parent_item_id` set) are not shown as separate lines.
//!
//! # Notes, shipments, customers
//! Notes are the order's status-history comments (`/V1/orders/{id}/comments`);
//! `--notify-customer` sets `is_customer_notified` (Magento emails the comment) and
//! `is_visible_on_front`. The current order status is sent with a new comment because Magento
//! sets the order's status from the comment's. Fulfillments are shipments
//! (`/V1/shipments?…order_id`); `fulfillment create` ships everything not yet shipped with
//! `POST /V1/order/{id}/ship` and one track (`ups`, `fedex`, `usps`, `dhl`, else `custom`).
//! Customers: `/V1/customers/search` by email, `/V1/customers/{id}`.
//!
//! Errors are `{"message","parameters"}` with `%name` / `%1` placeholders filled in. Magento
//! core has no API rate limiting and no rate-limit headers; a host's 429 is retried by the
//! transport.
//!
//! # Refunds (credit memos)
//! A Magento refund is a credit memo. `order get` lists them (`GET /V1/creditmemos` filtered by
//! `order_id`, with their comments; a memo listed without `comments` has them read from
//! `creditmemo/{id}/comments`), as does `refunds`, which the default `find_refund` searches for
//! the marker.
//!
//! Magento has no refund quote API, so the quote is computed here from the order: per item,
//! what was invoiced less what was refunded (`qty_invoiced − qty_refunded`, `row_invoiced −
//! amount_refunded`, `tax_invoiced − tax_refunded`, `discount_invoiced − discount_refunded`);
//! shipping `shipping_amount − shipping_refunded` (and its tax); at most `total_paid −
//! total_refunded`. A partial quantity takes its share rounded to cents, the last units what is
//! left (Magento's collectors do the same; the exact rounding is [U]). A full refund adds an
//! adjustment (positive or negative) when earlier adjustment-only memos make items and shipping
//! differ from what is left. `--amount` is `adjustment_positive`.
//!
//! Which route: **online** (`POST /V1/invoice/{invoiceId}/refund` with `"isOnline": true`, the
//! money goes back through the gateway) when the payment method is not one of Magento's offline
//! methods (`checkmo`, `banktransfer`, `cashondelivery`, `purchaseorder`, `free`) and an invoice
//! with a gateway capture (`transaction_id`) holds every line being refunded; otherwise, or with
//! `--record-only`, **offline** (`POST /V1/order/{orderId}/refund`). The body: `items`
//! (`order_item_id`, `qty`), `arguments.shipping_amount`, `adjustment_positive` /
//! `adjustment_negative`, `arguments.extension_attributes.return_to_stock_items` for
//! `--restock`, `notify`, `appendComment` (= `notify`: the comment goes in the email) and
//! `comment.comment` = the reason plus the marker. Two Magento defaults are overridden on
//! purpose: an empty `items` list refunds **every** item (so a memo without lines lists each
//! item with qty 0), and a missing `shipping_amount` refunds **all** the shipping (so it is
//! always sent, 0 when none). The answer is the memo id, read back with `creditmemo/{id}`.
//!
//! Magento has no server-side idempotency: the create is never marked retry-safe (only a 429,
//! which was not processed, is sent again by the transport); the journal and the marker in the
//! memo's comment are the protection. Magento's refusals (400: "The most money available to
//! refund is …", "Maximum shipping amount allowed to refund is: …", "Creditmemo Document
//! Validation Error(s)", "The refund action is not available.") mean the order changed since the
//! quote: exit 6 with a hint.

use super::{Commerce, CustomerKey, Info, OrderQuery, OrderRef, Page, Probe, Store};
use crate::config::AuthMode;
use crate::domain::*;
use crate::error::{Error, Kind, Result};
use crate::transport::{GrantStyle, Request, Response, VendorHooks};
use async_trait::async_trait;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

pub static INFO: Info = Info {
    name: "magento",
    display: "Magento",
    token_header: ("authorization", "Bearer "),
    token_path: None,
    grant_style: GrantStyle::FormBody,
    auth_modes: &[
        (AuthMode::Token, &["access_token"]),
        (AuthMode::Oauth1, &["consumer_key", "consumer_secret", "access_token", "access_token_secret"]),
    ],
    max_page_size: 300,
    needed_scopes: &[
        "Magento_Sales::actions_view",
        "Magento_Sales::comment",
        "Magento_Sales::ship",
        "Magento_Sales::creditmemo",
        "Magento_Customer::customer",
        "Magento_Backend::store",
    ],
    default_api_version: None,
    hooks: VendorHooks { error_message, throttled: |_| None, pace: |_| None },
    build: |store| Box::new(Magento { store }),
};

/// Magento's default `increment_id` width.
const NUMBER_WIDTH: usize = 9;

struct Magento {
    store: Store,
}

/// A searchCriteria, built in Magento's camelCase query syntax.
#[derive(Default)]
struct Criteria {
    groups: Vec<Vec<(&'static str, String, &'static str)>>,
    sorts: Vec<(&'static str, &'static str)>,
    page_size: u32,
    current_page: u32,
}

impl Criteria {
    fn filter(mut self, field: &'static str, value: impl Into<String>, condition: &'static str) -> Self {
        self.groups.push(vec![(field, value.into(), condition)]);
        self
    }
    fn page(mut self, current: u32, size: u32) -> Self {
        self.current_page = current;
        self.page_size = size;
        self
    }
    fn query(&self) -> Vec<(String, String)> {
        let mut q = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            for (f, (field, value, cond)) in group.iter().enumerate() {
                let k = format!("searchCriteria[filterGroups][{g}][filters][{f}]");
                q.push((format!("{k}[field]"), field.to_string()));
                q.push((format!("{k}[value]"), value.clone()));
                q.push((format!("{k}[conditionType]"), cond.to_string()));
            }
        }
        for (i, (field, dir)) in self.sorts.iter().enumerate() {
            q.push((format!("searchCriteria[sortOrders][{i}][field]"), field.to_string()));
            q.push((format!("searchCriteria[sortOrders][{i}][direction]"), dir.to_string()));
        }
        if self.page_size > 0 {
            q.push(("searchCriteria[pageSize]".into(), self.page_size.to_string()));
            q.push(("searchCriteria[currentPage]".into(), self.current_page.max(1).to_string()));
        }
        q
    }
}

#[derive(Deserialize)]
struct SearchResult<T> {
    items: Vec<T>,
    total_count: u64,
}

impl Magento {
    /// The store view code, validated before anything is sent.
    fn code(&self) -> Result<String> {
        if self.store.config.url.path().contains("/rest/") {
            return Err(Error::usage(format!(
                "store {}: url `{}` points into the REST API; it must be the store's base URL",
                self.store.name, self.store.config.url
            ))
            .with_hint(
                "set url to e.g. https://shop.example.com/ — shopdesk appends rest/{store_code}/V1/…",
            ));
        }
        let code = self.store.config.store_code.clone().unwrap_or_else(|| "default".into());
        let ok = code.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok && code != "all" {
            return Err(Error::usage(format!(
                "store {}: store_code `{code}` is not a Magento store view code",
                self.store.name
            ))
            .with_hint("store codes are lower-case letters, digits and underscores, starting with a letter (e.g. default); see Stores > All Stores in the Magento admin"));
        }
        Ok(code)
    }

    fn path(&self, rel: &str) -> Result<String> {
        Ok(format!("rest/{}/V1/{rel}", self.code()?))
    }

    async fn send(&self, req: Request) -> Result<Response> {
        self.store.client.send(req).await.map_err(|e| self.explain(e))
    }

    /// Add what only Magento knows to the transport's errors.
    fn explain(&self, e: Error) -> Error {
        if e.kind == Kind::Auth && e.message.contains("HTTP 401") {
            let name = &self.store.name;
            return match self.store.config.auth {
                AuthMode::Oauth1 => e.with_hint(format!(
                    "check the four integration credentials (`shopdesk auth status`), that the integration is active and grants the resource named above, and the system clock; store new ones with `shopdesk auth login {name}`"
                )),
                _ => Error::auth(format!(
                    "{}. Magento answers this for an expired admin token and for an integration access token sent as Bearer: integration tokens are not accepted as Bearer since Magento 2.4.4 unless the admin enables oauth/consumer/enable_integration_as_bearer (\"Allow OAuth Access Tokens to be used as standalone Bearer tokens\")",
                    e.message
                ))
                .with_hint(format!(
                    "for an integration use auth = \"oauth1\" with all four credentials (consumer_key, consumer_secret, access_token, access_token_secret); an admin token lasts 4 hours: store a fresh one with `shopdesk auth login {name}`"
                )),
            };
        }
        if e.message.contains("does not allow a shipment") {
            return Error::conflict(e.message).with_hint(
                "the order is fully shipped, cancelled, closed or on hold: see `shopdesk fulfillment list` and `shopdesk order get`",
            );
        }
        e
    }

    async fn get<T: DeserializeOwned>(&self, rel: &str, query: Vec<(String, String)>) -> Result<T> {
        let mut req = Request::get(&self.path(rel)?);
        req.query = query;
        self.send(req).await?.json(&self.store.client.name)
    }

    /// `Ok(None)` on a 404.
    async fn get_opt<T: DeserializeOwned>(&self, rel: &str) -> Result<Option<T>> {
        match self.get(rel, vec![]).await {
            Ok(t) => Ok(Some(t)),
            Err(e) if e.kind == Kind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn store_views(&self) -> Result<Vec<StoreViewDto>> {
        self.get("store/storeViews", vec![]).await
    }

    async fn by_number(&self, n: &str) -> Result<Option<OrderDto>> {
        let mut candidates = vec![n.to_string()];
        if n.len() < NUMBER_WIDTH {
            candidates.push(format!("{n:0>NUMBER_WIDTH$}"));
        }
        let c = Criteria::default().filter("increment_id", candidates.join(","), "in").page(1, 20);
        let found: SearchResult<OrderDto> = self.get("orders", c.query()).await?;
        let mut hits = found.items;
        if hits.len() <= 1 {
            return Ok(hits.pop());
        }
        // One number in several store views. The store view list only labels the matches
        // unless `store_code` must be resolved to an id.
        let views = match &self.store.config.store_code {
            Some(_) => self.store_views().await?,
            None => self.store_views().await.unwrap_or_default(),
        };
        let code_of = |id: Option<u64>| {
            views.iter().find(|v| Some(v.id) == id).map(|v| v.code.clone()).unwrap_or_else(|| "?".into())
        };
        if let Some(code) = &self.store.config.store_code {
            let id = views.iter().find(|v| &v.code == code).map(|v| v.id);
            let mut mine: Vec<OrderDto> =
                hits.into_iter().filter(|o| id.is_some() && o.store_id == id).collect();
            return match mine.len() {
                1 => Ok(mine.pop()),
                _ => Ok(None),
            };
        }
        let list = hits
            .iter()
            .map(|o| {
                format!(
                    "{} in store view `{}` (entity id {})",
                    o.increment_id.clone().unwrap_or_default(),
                    code_of(o.store_id),
                    o.entity_id
                )
            })
            .collect::<Vec<_>>();
        let codes = hits.iter().map(|o| format!("\"{}\"", code_of(o.store_id))).collect::<Vec<_>>();
        Err(Error::usage(format!(
            "order number {n} is ambiguous in store {}: it matches {} orders in different store views: {}",
            self.store.name,
            hits.len(),
            list.join("; ")
        ))
        .with_hint(format!(
            "set store_code = {} on the store in the profile to pick a store view, or give the entity id instead (e.g. `shopdesk order get {}`)",
            codes.join(" or "),
            hits[0].entity_id
        )))
    }

    async fn by_id(&self, id: &str) -> Result<Option<OrderDto>> {
        self.get_opt(&format!("orders/{id}")).await
    }

    async fn resolve(&self, r: &OrderRef) -> Result<OrderDto> {
        self.code()?;
        let found = match r {
            OrderRef::Number(n) => self.by_number(n).await?,
            OrderRef::Bare(n) => match self.by_number(n).await? {
                Some(o) => Some(o),
                None => self.by_id(n).await?,
            },
            OrderRef::Global(g) => {
                return Err(Error::usage(format!("`{g}` is not a Magento order reference")).with_hint(
                    "use the order number (increment_id, e.g. 1001 or 000001001) or the entity id",
                ));
            }
        };
        let scope = match &self.store.config.store_code {
            Some(c) => format!(" (store view `{c}`)"),
            None => String::new(),
        };
        found.ok_or_else(|| {
            Error::not_found(format!("order {r} not found in store {}{scope}", self.store.name)).with_hint(
                "check the number with `shopdesk order search`; Magento numbers look like 000001001",
            )
        })
    }

    async fn shipments(&self, order_id: u64) -> Result<Vec<Fulfillment>> {
        let c = Criteria::default().filter("order_id", order_id.to_string(), "eq").page(1, 100);
        let r: SearchResult<ShipmentDto> = self.get("shipments", c.query()).await?;
        Ok(r.items.into_iter().map(ShipmentDto::into_domain).collect())
    }

    async fn comments(&self, order_id: u64) -> Result<Vec<Note>> {
        let r: SearchResult<HistoryDto> = self.get(&format!("orders/{order_id}/comments"), vec![]).await?;
        let mut h: Vec<HistoryDto> = r
            .items
            .into_iter()
            .filter(|h| h.comment.as_deref().is_some_and(|c| !c.trim().is_empty()))
            .collect();
        h.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.entity_id.cmp(&b.entity_id)));
        Ok(h.into_iter().map(HistoryDto::into_domain).collect())
    }

    /// The order's credit memos, oldest first, with their comments (where the marker lives).
    async fn memos(&self, order_id: u64, currency: &Currency) -> Result<Vec<Refund>> {
        let mut out = Vec::new();
        let mut page = 1;
        loop {
            let mut c = Criteria::default().filter("order_id", order_id.to_string(), "eq").page(page, 100);
            c.sorts = vec![("entity_id", "ASC")];
            let r: SearchResult<CreditmemoDto> = self.get("creditmemos", c.query()).await?;
            let n = r.items.len();
            for dto in r.items {
                out.push(self.memo_domain(dto, currency).await?);
            }
            if n == 0 || u64::from(page) * 100 >= r.total_count {
                return Ok(out);
            }
            page += 1;
        }
    }

    /// A credit memo as a refund; its comments are read separately when the list left them out.
    async fn memo_domain(&self, mut dto: CreditmemoDto, currency: &Currency) -> Result<Refund> {
        if dto.comments.is_none() {
            let r: SearchResult<MemoCommentDto> =
                self.get(&format!("creditmemo/{}/comments", dto.entity_id), vec![]).await?;
            dto.comments = Some(r.items);
        }
        dto.into_domain(currency)
    }

    /// The invoice to refund online: one with a gateway capture (`transaction_id`) that holds
    /// every line being refunded. `None` when the money was not captured online.
    async fn invoice_for(&self, order_id: u64, c: &Computed) -> Result<Option<u64>> {
        let q = Criteria::default().filter("order_id", order_id.to_string(), "eq").page(1, 100);
        let r: SearchResult<InvoiceDto> = self.get("invoices", q.query()).await?;
        let captured: Vec<&InvoiceDto> =
            r.items.iter().filter(|i| i.transaction_id.as_deref().is_some_and(|t| !t.is_empty())).collect();
        let covers = |i: &InvoiceDto| {
            c.lines
                .iter()
                .all(|l| i.items.iter().any(|x| x.order_item_id == Some(l.item_id) && qty(&x.qty) >= l.qty))
        };
        match captured.iter().find(|i| covers(i)) {
            Some(i) => Ok(Some(i.entity_id)),
            None if captured.is_empty() => Ok(None),
            None => Err(Error::usage(format!(
                "the lines to refund on order {order_id} were captured by different invoices"
            ))
            .with_hint("refund the lines of each invoice separately (several --item runs), or record an offline credit memo with --record-only")),
        }
    }

    /// Refund-specific readings of Magento's 400s: the order changed since the quote.
    fn explain_refund(&self, e: Error) -> Error {
        let m = &e.message;
        if m.contains("The refund action is not available") {
            return Error::conflict(e.message).with_hint(
                "the payment method cannot refund online; record an offline credit memo with --record-only and return the money another way",
            );
        }
        if m.contains("Creditmemo Document Validation")
            || m.contains("most money available to refund")
            || m.contains("Maximum shipping amount allowed")
            || m.contains("credit memo's total")
        {
            return Error::conflict(e.message).with_hint(
                "the order changed since the quote (another refund?): see `shopdesk order get` and run the refund again for what is left",
            );
        }
        e
    }
}

#[async_trait]
impl Commerce for Magento {
    fn info(&self) -> &'static Info {
        &INFO
    }
    fn store(&self) -> &Store {
        &self.store
    }

    async fn order(&self, r: &OrderRef) -> Result<Order> {
        let dto = self.resolve(r).await?;
        let fulfillments = self.shipments(dto.entity_id).await?;
        let refunds = self.memos(dto.entity_id, &dto.currency()?).await?;
        let mut o = dto.into_domain(&self.store, fulfillments)?;
        o.refunds = refunds;
        Ok(o)
    }

    async fn refunds(&self, r: &OrderRef) -> Result<Vec<Refund>> {
        let dto = self.resolve(r).await?;
        self.memos(dto.entity_id, &dto.currency()?).await
    }

    async fn refund_quote(&self, r: &OrderRef, spec: &RefundSpec) -> Result<RefundQuote> {
        let dto = self.resolve(r).await?;
        let c = compute(&dto, spec)?;
        let method = dto.payment.as_ref().and_then(|p| p.method.clone()).filter(|m| !m.is_empty());
        let online_method = method.as_deref().is_some_and(|m| !OFFLINE_METHODS.contains(&m));
        // An online credit memo goes against the invoice whose capture the gateway refunds.
        let invoice = if online_method && !spec.record_only && !c.total().is_zero() {
            self.invoice_for(dto.entity_id, &c).await?
        } else {
            None
        };
        let online = invoice.is_some();
        let mut body = c.body(spec.restock);
        let path = match invoice {
            Some(id) => {
                body["isOnline"] = json!(true);
                format!("invoice/{id}/refund")
            }
            None => format!("order/{}/refund", dto.entity_id),
        };
        let currency = dto.currency()?;
        let m = |d: Decimal| Money::new(d, currency.clone());
        Ok(RefundQuote {
            store: self.store.name.clone(),
            platform: INFO.name.into(),
            order_id: dto.entity_id.to_string(),
            order_number: dto.number(),
            currency: currency.clone(),
            lines: c
                .lines
                .iter()
                .map(|l| QuoteLine {
                    line_item_id: l.item_id.to_string(),
                    sku: l.sku.clone(),
                    title: l.title.clone(),
                    quantity: l.qty,
                    subtotal: m(l.row - l.discount),
                    tax: m(l.tax),
                })
                .collect(),
            shipping: m(c.shipping),
            tax: m(c.tax()),
            adjustment: m(c.adjustment_positive - c.adjustment_negative),
            total: m(c.total()),
            refundable: m(c.refundable),
            gateway: method,
            online,
            restock: spec.restock && !c.lines.is_empty(),
            plan: json!({ "path": path, "body": body }),
        })
    }

    async fn refund_create(&self, q: &RefundQuote, spec: &RefundSpec, key: &str) -> Result<Refund> {
        let (Some(path), Some(body)) = (q.plan.get("path").and_then(Value::as_str), q.plan.get("body"))
        else {
            return Err(Error::usage("this refund quote was not made by the Magento adapter")
                .with_hint("quote the refund again with `shopdesk refund … --dry-run`"));
        };
        let note = marked_reason(spec.reason.as_deref(), key);
        let mut body = body.clone();
        body["notify"] = json!(spec.notify);
        // The comment is stored either way; appendComment puts it in the customer's email.
        body["appendComment"] = json!(spec.notify);
        body["comment"] = json!({ "comment": note, "is_visible_on_front": 0 });
        // No server-side idempotency on Magento: never retried (a 429 aside, which the transport
        // knows was not processed); the journal and the marker in the comment protect reruns.
        let req = Request::post(&self.path(path)?).json(body);
        let resp = self.send(req).await.map_err(|e| self.explain_refund(e))?;
        let id: Value = resp.json(&self.store.client.name)?;
        let id = id.as_u64().or_else(|| id.as_str().and_then(|s| s.parse().ok())).ok_or_else(|| {
            Error::unavailable(format!(
                "{}: the credit memo id in the answer is not a number: {id}",
                self.store.client.name
            ))
        })?;
        // Read the memo back for what Magento made of it; the quote describes it if that fails.
        if let Ok(dto) = self.get::<CreditmemoDto>(&format!("creditmemo/{id}"), vec![]).await
            && let Ok(r) = self.memo_domain(dto, &q.currency).await
        {
            return Ok(r);
        }
        Ok(Refund {
            id: id.to_string(),
            created_at: None,
            note: Some(note),
            amount: q.total.clone(),
            lines: q
                .lines
                .iter()
                .map(|l| RefundLine {
                    line_item_id: l.line_item_id.clone(),
                    title: l.title.clone(),
                    quantity: l.quantity,
                    subtotal: l.subtotal.clone(),
                })
                .collect(),
        })
    }

    async fn search_page(
        &self,
        q: &OrderQuery,
        cursor: Option<&str>,
        page_size: u32,
    ) -> Result<Page<OrderSummary>> {
        let (page, size) = match cursor {
            None => (1, page_size.clamp(1, INFO.max_page_size)),
            Some(c) => parse_cursor(c)?,
        };
        let mut c = search_criteria(q).page(page, size);
        c.sorts = vec![("created_at", "DESC"), ("entity_id", "DESC")];
        let r: SearchResult<OrderDto> = self.get("orders", c.query()).await?;
        let next =
            (u64::from(page) * u64::from(size) < r.total_count).then(|| format!("{}:{size}", page + 1));
        let items = r
            .items
            .into_iter()
            .map(|o| o.into_summary(&self.store))
            .filter(|s| s.as_ref().map_or(true, |s| keep(q, s)))
            .collect::<Result<_>>()?;
        Ok(Page { items, next })
    }

    async fn fulfillments(&self, r: &OrderRef) -> Result<Vec<Fulfillment>> {
        let dto = self.resolve(r).await?;
        self.shipments(dto.entity_id).await
    }

    async fn notes(&self, r: &OrderRef) -> Result<Vec<Note>> {
        let dto = self.resolve(r).await?;
        self.comments(dto.entity_id).await
    }

    async fn add_note(&self, r: &OrderRef, text: &str, notify_customer: bool) -> Result<Note> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::usage("the note is empty").with_hint(
                "give the text to add, e.g. `shopdesk order note add 1001 'Called the customer'`",
            ));
        }
        let dto = self.resolve(r).await?;
        let flag = i32::from(notify_customer);
        let mut history = json!({
            "comment": text,
            "is_customer_notified": flag,
            "is_visible_on_front": flag,
            "parent_id": dto.entity_id,
        });
        // Magento sets the order's status from the comment's: keep it as it is.
        if let Some(s) = &dto.status {
            history["status"] = json!(s);
        }
        let req = Request::post(&self.path(&format!("orders/{}/comments", dto.entity_id))?)
            .json(json!({ "statusHistory": history }));
        self.send(req).await?;
        let notes = self.comments(dto.entity_id).await?;
        Ok(notes
            .into_iter()
            .filter(|n| n.text == text)
            .max_by_key(|n| n.id.as_deref().and_then(|i| i.parse::<u64>().ok()))
            .unwrap_or(Note {
                id: None,
                created_at: None,
                author: None,
                text: text.to_string(),
                customer_visible: notify_customer,
            }))
    }

    async fn create_fulfillment(&self, r: &OrderRef, f: &NewFulfillment) -> Result<Fulfillment> {
        let number = f.tracking_number.trim();
        if number.is_empty() || number.len() > 255 || !number.chars().all(|c| c.is_ascii_graphic()) {
            return Err(Error::usage(format!("`{}` is not a tracking number", f.tracking_number)).with_hint(
                "give the carrier's tracking number without spaces, e.g. --tracking 1Z999AA10123456784",
            ));
        }
        let dto = self.resolve(r).await?;
        let (code, title) = carrier(f.carrier.as_deref());
        let body = json!({
            "notify": f.notify,
            "appendComment": false,
            "tracks": [{ "track_number": number, "title": title, "carrier_code": code }],
        });
        let req = Request::post(&self.path(&format!("order/{}/ship", dto.entity_id))?).json(body);
        let resp = self.send(req).await?;
        let id: Value = resp.json(&self.store.client.name)?;
        let id = id.as_u64().or_else(|| id.as_str().and_then(|s| s.parse().ok())).ok_or_else(|| {
            Error::unavailable(format!(
                "{}: the shipment id in the answer is not a number: {id}",
                self.store.client.name
            ))
        })?;
        let s: ShipmentDto = self.get(&format!("shipment/{id}"), vec![]).await?;
        Ok(s.into_domain())
    }

    async fn customers(&self, key: &CustomerKey) -> Result<Vec<Customer>> {
        match key {
            CustomerKey::Email(e) => {
                let c = Criteria::default().filter("email", e.clone(), "eq").page(1, 50);
                let r: SearchResult<CustomerDto> = self.get("customers/search", c.query()).await?;
                Ok(r.items.into_iter().map(|c| c.into_domain(&self.store)).collect())
            }
            CustomerKey::Id(id) => {
                if !id.chars().all(|c| c.is_ascii_digit()) || id.len() > 18 {
                    return Err(Error::usage(format!("`{id}` is not a Magento customer id"))
                        .with_hint("Magento customer ids are numbers, e.g. `shopdesk customer get 42`; or give the email address"));
                }
                match self.get_opt::<CustomerDto>(&format!("customers/{id}")).await? {
                    Some(c) => Ok(vec![c.into_domain(&self.store)]),
                    None => {
                        Err(Error::not_found(format!("customer {id} not found in store {}", self.store.name))
                            .with_hint("look the customer up by email instead"))
                    }
                }
            }
        }
    }

    async fn probe(&self) -> Result<Probe> {
        let code = self.code()?;
        let req = Request::get(&self.path("store/storeViews")?);
        let resp = self.send(req).await?;
        let views: Vec<StoreViewDto> = resp.json(&self.store.client.name)?;
        let view = views.iter().find(|v| v.code == code || code == "all");
        if view.is_none() {
            let known =
                views.iter().filter(|v| v.code != "admin").map(|v| v.code.as_str()).collect::<Vec<_>>();
            return Err(Error::usage(format!(
                "store {}: store_code `{code}` is not a store view of this Magento (store views: {})",
                self.store.name,
                known.join(", ")
            ))
            .with_hint("fix store_code on the store in the profile"));
        }
        Ok(Probe {
            shop_name: view.map(|v| v.name.clone()),
            api_version_pinned: Some("V1".into()),
            api_version_served: Some("V1".into()),
            deprecation: None,
            scopes_granted: None,
            server_date: resp.server_date(),
            request_id: resp.request_id().map(str::to_string),
        })
    }

    fn api_path(&self, path: &str) -> String {
        match path.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => {
                let code = self.store.config.store_code.clone().unwrap_or_else(|| "default".into());
                format!("rest/{code}/V1/{}", path.strip_prefix("V1/").unwrap_or(path))
            }
        }
    }
}

fn parse_cursor(c: &str) -> Result<(u32, u32)> {
    let bad = || {
        Error::usage(format!("`{c}` is not a Magento page cursor"))
            .with_hint("cursors look like 2:300 (page:size)")
    };
    let (p, s) = c.split_once(':').ok_or_else(bad)?;
    let (p, s) = (p.parse::<u32>().map_err(|_| bad())?, s.parse::<u32>().map_err(|_| bad())?);
    if p == 0 || s == 0 || s > INFO.max_page_size {
        return Err(bad());
    }
    Ok((p, s))
}

/// `YYYY-MM-DD HH:MM:SS` UTC, as Magento stores and compares dates.
fn wire_time(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%d %H:%M:%S").to_string()
}

fn search_criteria(q: &OrderQuery) -> Criteria {
    let mut c = Criteria::default();
    if let Some(e) = &q.email {
        c = c.filter("customer_email", e.clone(), "eq");
    }
    match q.status {
        Some(OrderStatus::Open) => {
            c = c.filter("state", "new,pending_payment,processing,holded,payment_review", "in")
        }
        Some(OrderStatus::Closed) => c = c.filter("state", "complete,closed", "in"),
        Some(OrderStatus::Cancelled) => c = c.filter("state", "canceled", "eq"),
        None => {}
    }
    if matches!(q.financial_status, Some(FinancialStatus::Refunded | FinancialStatus::PartiallyRefunded)) {
        c = c.filter("total_refunded", "0", "gt");
    }
    if let Some(s) = q.since {
        c = c.filter("created_at", wire_time(s), "gteq");
    }
    if let Some(u) = q.until {
        c = c.filter("created_at", wire_time(u), "lteq");
    }
    c
}

/// The filters Magento cannot apply itself.
fn keep(q: &OrderQuery, s: &OrderSummary) -> bool {
    q.financial_status.is_none_or(|f| f == s.financial_status)
        && q.fulfillment_status.is_none_or(|f| f == s.fulfillment_status)
}

/// Carrier name → Magento `carrier_code` and track title.
fn carrier(name: Option<&str>) -> (&'static str, String) {
    let lower = name.map(|n| n.trim().to_ascii_lowercase()).unwrap_or_default();
    match lower.as_str() {
        "ups" | "united parcel service" => ("ups", "United Parcel Service".into()),
        "fedex" | "federal express" => ("fedex", "Federal Express".into()),
        "usps" | "united states postal service" => ("usps", "United States Postal Service".into()),
        "dhl" | "dhl express" => ("dhl", "DHL".into()),
        "" => ("custom", "Custom".into()),
        _ => ("custom", name.unwrap_or_default().trim().to_string()),
    }
}

fn tracking_url(code: Option<&str>, number: &str) -> Option<String> {
    Some(match code? {
        "ups" => format!("https://www.ups.com/track?tracknum={number}"),
        "fedex" => format!("https://www.fedex.com/fedextrack/?trknbr={number}"),
        "usps" => format!("https://tools.usps.com/go/TrackConfirmAction?tLabels={number}"),
        "dhl" => format!("https://www.dhl.com/en/express/tracking.html?AWB={number}"),
        _ => return None,
    })
}

// ---- vendor hooks -------------------------------------------------------------------------

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Fill `%name` (object parameters) or `%1`… (list parameters) into a Magento message.
fn fill(message: &str, params: Option<&Value>) -> String {
    let mut pairs: Vec<(String, String)> = Vec::new();
    match params {
        Some(Value::Object(m)) => pairs.extend(m.iter().map(|(k, v)| (k.clone(), scalar(v)))),
        Some(Value::Array(a)) => {
            for (i, v) in a.iter().enumerate() {
                match v {
                    Value::Object(m) => pairs.extend(m.iter().map(|(k, v)| (k.clone(), scalar(v)))),
                    other => pairs.push(((i + 1).to_string(), scalar(other))),
                }
            }
        }
        _ => {}
    }
    // Longest names first, so `%fieldName` is not eaten by a `%field`.
    pairs.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    let mut out = message.to_string();
    for (k, v) in pairs {
        out = out.replace(&format!("%{k}"), &v);
    }
    out.trim().replace('\n', " ")
}

/// `{"message","parameters","errors":[…]}` → a readable message.
pub fn error_message(_: reqwest::StatusCode, body: &[u8]) -> Option<String> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let main = fill(v.get("message")?.as_str()?, v.get("parameters"));
    let more: Vec<String> = v
        .get("errors")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| Some(fill(e.get("message")?.as_str()?, e.get("parameters"))))
        .collect();
    Some(if more.is_empty() { main } else { format!("{main} ({})", more.join("; ")) })
}

// ---- DTOs (Magento's shapes) and their mapping ------------------------------------------------

fn dec(v: &Option<Value>) -> Result<Decimal> {
    match v {
        None | Some(Value::Null) => Ok(Decimal::ZERO),
        Some(x) => {
            parse_decimal(x).map_err(|e| Error::unavailable(format!("Magento sent a bad amount: {e}")))
        }
    }
}

fn qty(v: &Option<Value>) -> u32 {
    v.as_ref().and_then(Value::as_f64).map_or(0, |f| f.max(0.0).round() as u32)
}

/// `2026-10-03 12:00:00` (UTC) → `2026-10-03T12:00:00Z`; anything else verbatim.
fn rfc3339(s: &str) -> String {
    jiff::civil::DateTime::strptime("%Y-%m-%d %H:%M:%S", s)
        .ok()
        .and_then(|d| d.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok())
        .map(|z| z.timestamp().to_string())
        .unwrap_or_else(|| s.to_string())
}

#[derive(Deserialize)]
struct StoreViewDto {
    id: u64,
    code: String,
    name: String,
}

#[derive(Deserialize, Default, Clone)]
struct AddressDto {
    firstname: Option<String>,
    lastname: Option<String>,
    company: Option<String>,
    #[serde(default)]
    street: Vec<String>,
    city: Option<String>,
    region: Option<Value>,
    region_code: Option<String>,
    postcode: Option<String>,
    country_id: Option<String>,
    telephone: Option<String>,
}

fn full_name(first: &Option<String>, last: &Option<String>) -> Option<String> {
    let n = [first.as_deref(), last.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
    (!n.trim().is_empty()).then(|| n.trim().to_string())
}

impl AddressDto {
    fn into_domain(self) -> Address {
        // Orders carry `region` as a string; customers as `{region_code, region, region_id}`.
        let region = match &self.region {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Object(o)) => {
                o.get("region_code").or(o.get("region")).and_then(Value::as_str).map(str::to_string)
            }
            _ => None,
        };
        let mut street = self.street.into_iter();
        Address {
            name: full_name(&self.firstname, &self.lastname),
            company: self.company.filter(|c| !c.is_empty()),
            address1: street.next(),
            address2: {
                let rest: Vec<String> = street.collect();
                (!rest.is_empty()).then(|| rest.join(", "))
            },
            city: self.city,
            province: self.region_code.or(region),
            zip: self.postcode,
            country: self.country_id,
            phone: self.telephone,
        }
    }
}

#[derive(Deserialize)]
struct ItemDto {
    item_id: Option<u64>,
    parent_item_id: Option<u64>,
    sku: Option<String>,
    name: Option<String>,
    product_type: Option<String>,
    qty_ordered: Option<Value>,
    qty_invoiced: Option<Value>,
    qty_shipped: Option<Value>,
    qty_refunded: Option<Value>,
    qty_canceled: Option<Value>,
    price: Option<Value>,
    row_total: Option<Value>,
    discount_amount: Option<Value>,
    row_invoiced: Option<Value>,
    tax_invoiced: Option<Value>,
    discount_invoiced: Option<Value>,
    amount_refunded: Option<Value>,
    tax_refunded: Option<Value>,
    discount_refunded: Option<Value>,
}

#[derive(Deserialize)]
struct PaymentDto {
    method: Option<String>,
}

#[derive(Deserialize)]
struct ShippingDto {
    address: Option<AddressDto>,
}

#[derive(Deserialize)]
struct AssignmentDto {
    shipping: Option<ShippingDto>,
}

#[derive(Deserialize)]
struct ExtDto {
    #[serde(default)]
    shipping_assignments: Vec<AssignmentDto>,
}

#[derive(Deserialize)]
struct OrderDto {
    entity_id: u64,
    increment_id: Option<String>,
    state: Option<String>,
    status: Option<String>,
    store_id: Option<u64>,
    created_at: Option<String>,
    customer_id: Option<u64>,
    customer_email: Option<String>,
    customer_firstname: Option<String>,
    customer_lastname: Option<String>,
    customer_note: Option<String>,
    order_currency_code: Option<String>,
    is_virtual: Option<i64>,
    subtotal: Option<Value>,
    shipping_amount: Option<Value>,
    tax_amount: Option<Value>,
    discount_amount: Option<Value>,
    grand_total: Option<Value>,
    total_paid: Option<Value>,
    total_refunded: Option<Value>,
    total_due: Option<Value>,
    total_qty_ordered: Option<Value>,
    shipping_refunded: Option<Value>,
    shipping_tax_amount: Option<Value>,
    shipping_tax_refunded: Option<Value>,
    #[serde(default)]
    items: Vec<ItemDto>,
    billing_address: Option<AddressDto>,
    payment: Option<PaymentDto>,
    extension_attributes: Option<ExtDto>,
}

impl OrderDto {
    fn currency(&self) -> Result<Currency> {
        Currency::new(self.order_currency_code.as_deref().unwrap_or("")).map_err(|e| {
            Error::unavailable(format!(
                "Magento order {} has no usable order_currency_code: {e}",
                self.entity_id
            ))
        })
    }

    /// Top-level rows only: configurable and bundle children repeat their parent.
    fn lines(&self) -> impl Iterator<Item = &ItemDto> {
        self.items.iter().filter(|i| i.parent_item_id.is_none())
    }

    fn order_status(&self) -> OrderStatus {
        match self.state.as_deref() {
            Some("canceled") => OrderStatus::Cancelled,
            Some("complete" | "closed") => OrderStatus::Closed,
            _ => OrderStatus::Open,
        }
    }

    fn financial_status(&self) -> Result<FinancialStatus> {
        let (total, paid, refunded) =
            (dec(&self.grand_total)?, dec(&self.total_paid)?, dec(&self.total_refunded)?);
        Ok(if refunded > Decimal::ZERO && refunded >= total {
            FinancialStatus::Refunded
        } else if refunded > Decimal::ZERO {
            FinancialStatus::PartiallyRefunded
        } else if self.state.as_deref() == Some("canceled") && paid.is_zero() {
            FinancialStatus::Voided
        } else if paid >= total && !total.is_zero() || total.is_zero() && self.state.as_deref() != Some("new")
        {
            FinancialStatus::Paid
        } else if paid > Decimal::ZERO {
            FinancialStatus::PartiallyPaid
        } else {
            FinancialStatus::Pending
        })
    }

    fn fulfillment_status(&self) -> FulfillmentStatus {
        if self.is_virtual == Some(1) {
            return FulfillmentStatus::NotRequired;
        }
        if self.state.as_deref() == Some("holded") {
            return FulfillmentStatus::OnHold;
        }
        // Units refunded or cancelled before shipping need no shipment.
        let (mut shipped, mut left) = (0u32, 0u32);
        for i in self.lines() {
            let s = qty(&i.qty_shipped);
            shipped += s;
            left += qty(&i.qty_ordered).saturating_sub(s + qty(&i.qty_refunded) + qty(&i.qty_canceled));
        }
        match (shipped, left) {
            (0, 0) if !self.items.is_empty() => FulfillmentStatus::NotRequired,
            (0, _) => FulfillmentStatus::Unfulfilled,
            (_, 0) => FulfillmentStatus::Fulfilled,
            _ => FulfillmentStatus::Partial,
        }
    }

    fn number(&self) -> String {
        self.increment_id.clone().unwrap_or_else(|| self.entity_id.to_string())
    }

    fn into_summary(self, store: &Store) -> Result<OrderSummary> {
        let currency = self.currency()?;
        let items = match &self.total_qty_ordered {
            Some(_) => qty(&self.total_qty_ordered),
            None => self.lines().map(|i| qty(&i.qty_ordered)).sum(),
        };
        Ok(OrderSummary {
            source: store.source("magento", self.entity_id.to_string()),
            number: self.number(),
            created_at: self.created_at.as_deref().map(rfc3339).unwrap_or_default(),
            status: self.order_status(),
            financial_status: self.financial_status()?,
            fulfillment_status: self.fulfillment_status(),
            email: self.customer_email.clone(),
            customer_name: full_name(&self.customer_firstname, &self.customer_lastname),
            total: Money::new(dec(&self.grand_total)?, currency),
            items,
        })
    }

    fn into_domain(self, store: &Store, fulfillments: Vec<Fulfillment>) -> Result<Order> {
        let currency = self.currency()?;
        let m = |v: &Option<Value>| dec(v).map(|d| Money::new(d, currency.clone()));
        let line_items = self
            .lines()
            .map(|i| {
                let ordered = qty(&i.qty_ordered);
                let invoiced = qty(&i.qty_invoiced);
                let row = dec(&i.row_total)? - dec(&i.discount_amount)?;
                Ok(LineItem {
                    id: i.item_id.map(|x| x.to_string()).unwrap_or_default(),
                    sku: i.sku.clone().filter(|s| !s.is_empty()),
                    title: i.name.clone().unwrap_or_default(),
                    variant: i.product_type.clone().filter(|t| t != "simple"),
                    quantity: ordered,
                    refundable_quantity: Some(invoiced.saturating_sub(qty(&i.qty_refunded))),
                    unit_price: m(&i.price)?,
                    total: Money::new(row, currency.clone()),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let shipping_address = self
            .extension_attributes
            .as_ref()
            .and_then(|e| e.shipping_assignments.first())
            .and_then(|a| a.shipping.as_ref())
            .and_then(|s| s.address.clone())
            .map(AddressDto::into_domain);
        let financial_status = self.financial_status()?;
        let fulfillment_status = self.fulfillment_status();
        let status = self.order_status();
        let totals = Totals {
            subtotal: m(&self.subtotal)?,
            shipping: m(&self.shipping_amount)?,
            tax: m(&self.tax_amount)?,
            discounts: Money::new(dec(&self.discount_amount)?.abs(), currency.clone()),
            total: m(&self.grand_total)?,
            refunded: m(&self.total_refunded)?,
            outstanding: m(&self.total_due)?,
        };
        let billing = self.billing_address.map(AddressDto::into_domain);
        Ok(Order {
            source: store.source("magento", self.entity_id.to_string()),
            number: self.increment_id.clone().unwrap_or_else(|| self.entity_id.to_string()),
            created_at: self.created_at.as_deref().map(rfc3339).unwrap_or_default(),
            status,
            financial_status,
            fulfillment_status,
            cancel_reason: None,
            email: self.customer_email.clone(),
            phone: billing.as_ref().and_then(|b| b.phone.clone()),
            customer: Some(CustomerRef {
                id: self.customer_id.map(|c| c.to_string()),
                name: full_name(&self.customer_firstname, &self.customer_lastname),
                email: self.customer_email.clone(),
            }),
            currency,
            totals,
            line_items,
            shipping_address,
            billing_address: billing,
            fulfillments,
            refunds: Vec::new(),
            note: self.customer_note.filter(|n| !n.is_empty()),
            tags: Vec::new(),
            gateways: self.payment.and_then(|p| p.method).into_iter().collect(),
        })
    }
}

#[derive(Deserialize)]
struct HistoryDto {
    entity_id: Option<u64>,
    comment: Option<String>,
    created_at: Option<String>,
    is_visible_on_front: Option<i64>,
}

impl HistoryDto {
    fn into_domain(self) -> Note {
        Note {
            id: self.entity_id.map(|i| i.to_string()),
            created_at: self.created_at.as_deref().map(rfc3339),
            author: None,
            text: self.comment.unwrap_or_default(),
            customer_visible: self.is_visible_on_front == Some(1),
        }
    }
}

#[derive(Deserialize)]
struct TrackDto {
    track_number: Option<String>,
    title: Option<String>,
    carrier_code: Option<String>,
}

#[derive(Deserialize)]
struct ShipmentItemDto {
    order_item_id: Option<u64>,
    sku: Option<String>,
    name: Option<String>,
    qty: Option<Value>,
}

#[derive(Deserialize)]
struct ShipmentDto {
    entity_id: u64,
    increment_id: Option<String>,
    created_at: Option<String>,
    #[serde(default)]
    items: Vec<ShipmentItemDto>,
    #[serde(default)]
    tracks: Vec<TrackDto>,
}

impl ShipmentDto {
    fn into_domain(self) -> Fulfillment {
        Fulfillment {
            id: self.entity_id.to_string(),
            name: self.increment_id.map(|n| format!("#{n}")),
            // A Magento shipment exists once the goods left; it has no delivery state.
            status: ShipmentState::Success,
            display_status: None,
            created_at: self.created_at.as_deref().map(rfc3339),
            delivered_at: None,
            estimated_delivery_at: None,
            tracking: self
                .tracks
                .into_iter()
                .map(|t| Tracking {
                    url: t.track_number.as_deref().and_then(|n| tracking_url(t.carrier_code.as_deref(), n)),
                    carrier: t.title.or(t.carrier_code),
                    number: t.track_number,
                })
                .collect(),
            items: self
                .items
                .into_iter()
                .map(|i| FulfilledItem {
                    line_item_id: i.order_item_id.map(|x| x.to_string()).unwrap_or_default(),
                    sku: i.sku,
                    title: i.name.unwrap_or_default(),
                    quantity: qty(&i.qty),
                })
                .collect(),
        }
    }
}

#[derive(Deserialize)]
struct CustomerDto {
    id: u64,
    email: Option<String>,
    firstname: Option<String>,
    lastname: Option<String>,
    created_at: Option<String>,
    default_billing: Option<String>,
    default_shipping: Option<String>,
    #[serde(default)]
    addresses: Vec<CustomerAddressDto>,
}

#[derive(Deserialize)]
struct CustomerAddressDto {
    id: Option<u64>,
    #[serde(flatten)]
    address: AddressDto,
}

impl CustomerDto {
    fn into_domain(self, store: &Store) -> Customer {
        let pick = |want: &Option<String>| {
            self.addresses.iter().position(|a| a.id.map(|i| i.to_string()) == *want && want.is_some())
        };
        let idx = pick(&self.default_shipping)
            .or(pick(&self.default_billing))
            .or((!self.addresses.is_empty()).then_some(0));
        let mut addresses = self.addresses;
        let default_address = idx.map(|i| addresses.swap_remove(i).address.into_domain());
        Customer {
            source: store.source("magento", self.id.to_string()),
            name: full_name(&self.firstname, &self.lastname),
            email: self.email,
            phone: default_address.as_ref().and_then(|a| a.phone.clone()),
            created_at: self.created_at.as_deref().map(rfc3339),
            orders_count: None,
            total_spent: None,
            default_address,
        }
    }
}

// ---- refunds: credit memos ----------------------------------------------------------------

/// Magento's offline payment methods (`Magento_OfflinePayments`): nothing to refund through.
const OFFLINE_METHODS: &[&str] = &["checkmo", "banktransfer", "cashondelivery", "purchaseorder", "free"];

/// Round to cents, half away from zero (Magento's `PriceCurrency::round`).
fn cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// A decimal as the JSON number Magento takes.
fn number(d: Decimal) -> Value {
    serde_json::from_str(&d.normalize().to_string()).unwrap_or(json!(0))
}

/// One line of a computed credit memo.
#[derive(Debug, Clone, PartialEq)]
struct MemoLine {
    item_id: u64,
    sku: Option<String>,
    title: String,
    qty: u32,
    row: Decimal,
    tax: Decimal,
    discount: Decimal,
}

/// A credit memo worked out from the order (Magento has no refund quote API).
#[derive(Debug, Clone, PartialEq)]
struct Computed {
    lines: Vec<MemoLine>,
    /// Every top-level item id, so an items-free memo can say "none" (see [`Computed::body`]).
    all_items: Vec<u64>,
    shipping: Decimal,
    shipping_tax: Decimal,
    adjustment_positive: Decimal,
    adjustment_negative: Decimal,
    refundable: Decimal,
}

impl Computed {
    fn tax(&self) -> Decimal {
        self.lines.iter().map(|l| l.tax).sum::<Decimal>() + self.shipping_tax
    }
    fn total(&self) -> Decimal {
        self.lines.iter().map(|l| l.row - l.discount + l.tax).sum::<Decimal>()
            + self.shipping
            + self.shipping_tax
            + self.adjustment_positive
            - self.adjustment_negative
    }
    /// The refund request without its comment. Two Magento defaults are overridden on purpose:
    /// an empty `items` list refunds *every* item, so a memo without lines lists them all with
    /// qty 0; and a missing `shipping_amount` refunds all the shipping, so it is always sent.
    fn body(&self, restock: bool) -> Value {
        let items: Vec<Value> = if self.lines.is_empty() {
            self.all_items.iter().map(|id| json!({ "order_item_id": id, "qty": 0 })).collect()
        } else {
            self.lines.iter().map(|l| json!({ "order_item_id": l.item_id, "qty": l.qty })).collect()
        };
        let mut args = json!({
            "shipping_amount": number(self.shipping),
            "adjustment_positive": number(self.adjustment_positive),
            "adjustment_negative": number(self.adjustment_negative),
        });
        if restock && !self.lines.is_empty() {
            let ids: Vec<u64> = self.lines.iter().map(|l| l.item_id).collect();
            args["extension_attributes"] = json!({ "return_to_stock_items": ids });
        }
        json!({ "items": items, "arguments": args })
    }
}

/// Work out the credit memo `spec` asks for from the order's items (invoiced less refunded
/// quantities and amounts), shipping (less shipping refunded) and totals (paid less refunded).
/// A partial quantity takes its share of the item's row, tax and discount rounded to cents; the
/// last units take whatever is left, as Magento's credit memo collectors do.
fn compute(o: &OrderDto, spec: &RefundSpec) -> Result<Computed> {
    let number = o.number();
    let refundable = (dec(&o.total_paid)? - dec(&o.total_refunded)?).max(Decimal::ZERO);
    let lines: Vec<&ItemDto> = o.lines().collect();
    let left = |i: &ItemDto| qty(&i.qty_invoiced).saturating_sub(qty(&i.qty_refunded));
    let label = |i: &ItemDto| {
        i.sku.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| i.item_id.unwrap_or_default().to_string())
    };
    let what_is_left = || {
        let l: Vec<String> =
            lines.iter().filter(|i| left(i) > 0).map(|i| format!("{} ×{}", label(i), left(i))).collect();
        if l.is_empty() {
            format!("no items are left to refund on order {number}")
        } else {
            format!("refundable on order {number}: {}", l.join(", "))
        }
    };
    // (line index, quantity)
    let mut picked: Vec<(usize, u32)> = Vec::new();
    if spec.items.is_empty() {
        if spec.is_full() {
            picked =
                lines.iter().enumerate().filter(|(_, i)| left(i) > 0).map(|(k, i)| (k, left(i))).collect();
        }
    } else {
        for p in &spec.items {
            let hits: Vec<usize> = lines
                .iter()
                .enumerate()
                .filter(|(_, i)| {
                    i.sku.as_deref() == Some(p.sku.as_str())
                        || i.item_id.is_some_and(|id| id.to_string() == p.sku)
                })
                .map(|(k, _)| k)
                .collect();
            // The same SKU on several lines: the first with something left.
            let Some(k) = hits.iter().copied().find(|k| left(lines[*k]) > 0).or(hits.first().copied()) else {
                return Err(Error::usage(format!("`{}` is not an item of order {number}", p.sku))
                    .with_hint(what_is_left()));
            };
            let already: u32 = picked.iter().filter(|(j, _)| *j == k).map(|(_, q)| q).sum();
            let avail = left(lines[k]).saturating_sub(already);
            let q = p.quantity.unwrap_or(avail);
            if avail == 0 || q > avail {
                return Err(Error::usage(format!(
                    "{}: {} asked, {avail} left to refund ({} ordered, {} invoiced, {} refunded)",
                    label(lines[k]),
                    if avail == 0 && p.quantity.is_none() { "all".to_string() } else { q.to_string() },
                    qty(&lines[k].qty_ordered),
                    qty(&lines[k].qty_invoiced),
                    qty(&lines[k].qty_refunded)
                ))
                .with_hint(what_is_left()));
            }
            match picked.iter_mut().find(|(j, _)| *j == k) {
                // `--item A:1 --item A:1` is one line of two.
                Some(prev) => prev.1 += q,
                None => picked.push((k, q)),
            }
        }
    }
    let mut memo_lines: Vec<MemoLine> = Vec::new();
    for (k, q) in picked {
        let i = lines[k];
        let invoiced = qty(&i.qty_invoiced);
        let share = |inv: &Option<Value>, refd: &Option<Value>| -> Result<Decimal> {
            let rest = (dec(inv)? - dec(refd)?).max(Decimal::ZERO);
            Ok(if q == left(i) || invoiced == 0 {
                rest
            } else {
                cents(dec(inv)? * Decimal::from(q) / Decimal::from(invoiced)).min(rest)
            })
        };
        memo_lines.push(MemoLine {
            item_id: i.item_id.unwrap_or_default(),
            sku: i.sku.clone().filter(|s| !s.is_empty()),
            title: i.name.clone().unwrap_or_default(),
            qty: q,
            row: share(&i.row_invoiced, &i.amount_refunded)?,
            tax: share(&i.tax_invoiced, &i.tax_refunded)?,
            discount: share(&i.discount_invoiced, &i.discount_refunded)?,
        });
    }
    let ship_amount = dec(&o.shipping_amount)?;
    let ship_left = (ship_amount - dec(&o.shipping_refunded)?).max(Decimal::ZERO);
    let ship_tax_left = (dec(&o.shipping_tax_amount)? - dec(&o.shipping_tax_refunded)?).max(Decimal::ZERO);
    let shipping = match spec.shipping {
        ShippingPick::None if spec.is_full() => ship_left,
        ShippingPick::None => Decimal::ZERO,
        ShippingPick::Full => ship_left,
        ShippingPick::Amount(a) => {
            if a <= Decimal::ZERO || a > ship_left {
                return Err(Error::usage(format!(
                    "--shipping {a}: {ship_left} of the shipping ({ship_amount}) is left to refund on order {number}"
                ))
                .with_hint(if ship_left.is_zero() {
                    "leave out --shipping: the shipping was refunded already".to_string()
                } else {
                    format!("use --shipping (all of it) or an amount up to {ship_left}")
                }));
            }
            a
        }
    };
    let shipping_tax = if shipping.is_zero() {
        Decimal::ZERO
    } else if shipping == ship_left {
        ship_tax_left
    } else {
        cents(dec(&o.shipping_tax_amount)? * shipping / ship_amount).min(ship_tax_left)
    };
    let mut c = Computed {
        lines: memo_lines,
        all_items: lines.iter().filter_map(|i| i.item_id).collect(),
        shipping,
        shipping_tax,
        adjustment_positive: Decimal::ZERO,
        adjustment_negative: Decimal::ZERO,
        refundable,
    };
    if let Some(a) = spec.amount {
        if a <= Decimal::ZERO {
            return Err(Error::usage(format!("--amount {a}: the amount must be positive"))
                .with_hint(format!("give an amount up to {refundable}")));
        }
        c.adjustment_positive = a;
    }
    if spec.is_full() {
        // Everything still refundable: earlier adjustments make items and shipping differ from
        // what was paid and not refunded; an adjustment evens them out.
        let diff = refundable - c.total();
        if diff > Decimal::ZERO {
            c.adjustment_positive = diff;
        } else {
            c.adjustment_negative = -diff;
        }
        if refundable.is_zero() {
            c.lines.clear();
            c.shipping = Decimal::ZERO;
            c.shipping_tax = Decimal::ZERO;
            c.adjustment_negative = Decimal::ZERO;
        }
    }
    if c.total() > refundable {
        return Err(Error::usage(format!(
            "that refund is {}, but only {refundable} is left to refund on order {number}",
            c.total()
        ))
        .with_hint(format!("ask for less (--amount up to {refundable}); {}", what_is_left())));
    }
    Ok(c)
}

#[derive(Deserialize)]
struct InvoiceItemDto {
    order_item_id: Option<u64>,
    qty: Option<Value>,
}

#[derive(Deserialize)]
struct InvoiceDto {
    entity_id: u64,
    transaction_id: Option<String>,
    #[serde(default)]
    items: Vec<InvoiceItemDto>,
}

#[derive(Deserialize)]
struct MemoItemDto {
    order_item_id: Option<u64>,
    sku: Option<String>,
    name: Option<String>,
    qty: Option<Value>,
    row_total: Option<Value>,
    discount_amount: Option<Value>,
}

#[derive(Deserialize)]
struct MemoCommentDto {
    comment: Option<String>,
}

#[derive(Deserialize)]
struct CreditmemoDto {
    entity_id: u64,
    created_at: Option<String>,
    grand_total: Option<Value>,
    #[serde(default)]
    items: Vec<MemoItemDto>,
    /// `None` when the list left the comments out (then they are read one memo at a time).
    comments: Option<Vec<MemoCommentDto>>,
}

impl CreditmemoDto {
    fn into_domain(self, currency: &Currency) -> Result<Refund> {
        let m = |d: Decimal| Money::new(d, currency.clone());
        let notes: Vec<String> = self
            .comments
            .unwrap_or_default()
            .into_iter()
            .filter_map(|c| c.comment.filter(|t| !t.trim().is_empty()))
            .collect();
        let lines = self
            .items
            .into_iter()
            .filter(|i| qty(&i.qty) > 0)
            .map(|i| {
                Ok(RefundLine {
                    line_item_id: i.order_item_id.map(|x| x.to_string()).unwrap_or_default(),
                    title: i.name.or(i.sku).unwrap_or_default(),
                    quantity: qty(&i.qty),
                    subtotal: m(dec(&i.row_total)? - dec(&i.discount_amount)?.abs()),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Refund {
            id: self.entity_id.to_string(),
            created_at: self.created_at.as_deref().map(rfc3339),
            note: (!notes.is_empty()).then(|| notes.join("\n")),
            amount: m(dec(&self.grand_total)?),
            lines,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        let cfg: crate::config::StoreConfig =
            toml::from_str("platform = 'magento'\nurl = 'https://shop.example.com/'\nauth = 'token'\n")
                .unwrap();
        let client = crate::transport::Client::new(
            "main (magento)".into(),
            cfg.url.clone(),
            crate::transport::AuthScheme::None,
            INFO.hooks,
            Default::default(),
            std::sync::Arc::new(crate::transport::log::Logger::quiet()),
        )
        .unwrap();
        Store { name: "main".into(), config: cfg, client }
    }

    /// platforms.md §3.10, the example order from the 2.4.9 schema and tutorial, plus a shipped
    /// quantity and a refund.
    const ORDER: &str = r#"{"entity_id":42,"increment_id":"000000042","state":"processing","status":"processing",
 "store_id":1,"store_name":"Main Website\nMain Website Store\nDefault Store View",
 "created_at":"2025-11-20 19:28:02","updated_at":"2025-11-21 08:02:10",
 "customer_id":3,"customer_is_guest":0,"customer_email":"jdoe@example.com","customer_firstname":"Jane","customer_lastname":"Doe",
 "order_currency_code":"USD","base_currency_code":"USD",
 "subtotal":160,"shipping_amount":5,"tax_amount":0,"discount_amount":-10.5,"grand_total":154.5,"base_grand_total":154.5,
 "total_paid":154.5,"total_invoiced":154.5,"total_refunded":22,"total_due":0,"total_qty_ordered":2,
 "items":[{"item_id":3,"order_id":42,"product_type":"simple","sku":"WS12-M-Orange","name":"Radiant Tee",
   "qty_ordered":1,"qty_invoiced":1,"qty_shipped":1,"qty_refunded":1,"qty_canceled":0,"price":22,"row_total":22,"discount_amount":0},
  {"item_id":4,"order_id":42,"product_type":"configurable","sku":"24-WG080","name":"Sprite Yoga Companion Kit",
   "qty_ordered":1,"qty_invoiced":1,"qty_shipped":0,"qty_refunded":0,"qty_canceled":0,"price":138,"row_total":138,"discount_amount":10.5},
  {"item_id":5,"order_id":42,"parent_item_id":4,"product_type":"simple","sku":"24-WG080-S","name":"Sprite Yoga Companion Kit",
   "qty_ordered":1,"price":0,"row_total":0}],
 "billing_address":{"address_type":"billing","firstname":"Jane","lastname":"Doe","street":["123 Oak Ave"],"city":"Purchase",
   "region":"New York","region_code":"NY","postcode":"10577","country_id":"US","telephone":"512-555-1111"},
 "payment":{"method":"checkmo","account_status":null,"additional_information":["Check / Money order"],"cc_last4":null},
 "status_histories":[],
 "extension_attributes":{"shipping_assignments":[{"shipping":{"address":{"address_type":"shipping",
     "firstname":"Jane","lastname":"Doe","street":["500 Ship St","Unit 4"],"city":"Austin","region":"Texas","region_code":"TX",
     "postcode":"78701","country_id":"US","telephone":"512-555-2222"},"method":"flatrate_flatrate"},"items":[]}]}}"#;

    #[test]
    fn maps_the_example_order() {
        let dto: OrderDto = serde_json::from_str(ORDER).unwrap();
        let o = dto.into_domain(&store(), vec![]).unwrap();
        assert_eq!(o.number, "000000042");
        assert_eq!(o.source.platform_id, "42");
        assert_eq!(o.created_at, "2025-11-20T19:28:02Z");
        assert_eq!(o.totals.total.to_string(), "154.50 USD");
        assert_eq!(o.totals.discounts.amount, Decimal::new(105, 1));
        assert_eq!(o.totals.refunded.amount, Decimal::from(22));
        assert_eq!(o.financial_status, FinancialStatus::PartiallyRefunded);
        // Item 3 shipped (then refunded), item 4 still to ship.
        assert_eq!(o.fulfillment_status, FulfillmentStatus::Partial);
        assert_eq!(o.line_items.len(), 2, "the configurable child row is folded into its parent");
        assert_eq!(o.line_items[1].total.amount, Decimal::new(1275, 1));
        assert_eq!(o.line_items[0].refundable_quantity, Some(0));
        let ship = o.shipping_address.unwrap();
        assert_eq!(ship.city.as_deref(), Some("Austin"));
        assert_eq!(ship.address2.as_deref(), Some("Unit 4"));
        assert_eq!(ship.province.as_deref(), Some("TX"));
        assert_eq!(o.billing_address.unwrap().city.as_deref(), Some("Purchase"));
        assert_eq!(o.gateways, vec!["checkmo"]);
        assert_eq!(o.phone.as_deref(), Some("512-555-1111"));
    }

    #[test]
    fn statuses_derive_from_state_and_totals() {
        let mut dto: OrderDto = serde_json::from_str(ORDER).unwrap();
        dto.state = Some("canceled".into());
        dto.total_paid = Some(json!(0));
        dto.total_refunded = Some(json!(0));
        assert_eq!(dto.order_status(), OrderStatus::Cancelled);
        assert_eq!(dto.financial_status().unwrap(), FinancialStatus::Voided);
        dto.state = Some("complete".into());
        dto.total_paid = Some(json!(154.5));
        assert_eq!(dto.financial_status().unwrap(), FinancialStatus::Paid);
        assert_eq!(dto.order_status(), OrderStatus::Closed);
        dto.total_refunded = Some(json!(154.5));
        assert_eq!(dto.financial_status().unwrap(), FinancialStatus::Refunded);
        dto.state = Some("holded".into());
        assert_eq!(dto.fulfillment_status(), FulfillmentStatus::OnHold);
    }

    #[test]
    fn error_placeholders_are_filled() {
        let s = reqwest::StatusCode::UNAUTHORIZED;
        assert_eq!(
            error_message(s, br#"{"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"Magento_Sales::actions_view"}}"#).unwrap(),
            "The consumer isn't authorized to access Magento_Sales::actions_view."
        );
        assert_eq!(
            error_message(s, br#"{"message":"No such entity with %fieldName = %fieldValue","parameters":{"fieldName":"customerId","fieldValue":7}}"#).unwrap(),
            "No such entity with customerId = 7"
        );
        assert_eq!(
            error_message(s, br#"{"message":"The nonce is already being used by the consumer with ID %1.","parameters":["12"]}"#).unwrap(),
            "The nonce is already being used by the consumer with ID 12."
        );
        assert_eq!(
            error_message(
                s,
                br#"{"message":"\"%fieldName\" is required.","parameters":[{"fieldName":"email"}]}"#
            )
            .unwrap(),
            "\"email\" is required."
        );
        assert_eq!(
            error_message(s, br#"{"message":"One or more input exceptions have occurred.","errors":[{"message":"\"%fieldName\" is required.","parameters":{"fieldName":"qty"}}]}"#).unwrap(),
            "One or more input exceptions have occurred. (\"qty\" is required.)"
        );
        assert_eq!(error_message(s, b"<html>"), None);
    }

    #[test]
    fn criteria_query_is_magentos_syntax() {
        let q = OrderQuery {
            email: Some("jane@example.com".into()),
            status: Some(OrderStatus::Open),
            financial_status: Some(FinancialStatus::Refunded),
            fulfillment_status: None,
            since: Some("2026-10-01T00:00:00Z".parse().unwrap()),
            until: None,
        };
        let pairs = search_criteria(&q).page(2, 50).query();
        let get = |k: &str| pairs.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str());
        assert_eq!(get("searchCriteria[filterGroups][0][filters][0][field]"), Some("customer_email"));
        assert_eq!(get("searchCriteria[filterGroups][1][filters][0][conditionType]"), Some("in"));
        assert_eq!(get("searchCriteria[filterGroups][2][filters][0][field]"), Some("total_refunded"));
        assert_eq!(get("searchCriteria[filterGroups][3][filters][0][value]"), Some("2026-10-01 00:00:00"));
        assert_eq!(get("searchCriteria[pageSize]"), Some("50"));
        assert_eq!(get("searchCriteria[currentPage]"), Some("2"));
        assert_eq!(parse_cursor("3:300").unwrap(), (3, 300));
        for bad in ["3", "0:10", "2:301", "x:1"] {
            assert_eq!(parse_cursor(bad).unwrap_err().exit_code(), 2, "{bad}");
        }
    }

    #[test]
    fn shipments_and_customers_map() {
        let s: ShipmentDto = serde_json::from_str(r#"{"entity_id":7,"increment_id":"000000007","order_id":42,
            "created_at":"2025-11-22 10:00:00","items":[{"order_item_id":3,"qty":1,"sku":"WS12-M-Orange","name":"Radiant Tee"}],
            "tracks":[{"entity_id":1,"parent_id":7,"order_id":42,"track_number":"1Z999AA10123456784","title":"United Parcel Service",
            "carrier_code":"ups","weight":0,"qty":1,"description":""}],"comments":[]}"#).unwrap();
        let f = s.into_domain();
        assert_eq!(f.name.as_deref(), Some("#000000007"));
        assert_eq!(f.tracking[0].carrier.as_deref(), Some("United Parcel Service"));
        assert!(f.tracking[0].url.as_deref().unwrap().contains("1Z999AA10123456784"));
        assert_eq!(f.items[0].quantity, 1);
        let c: CustomerDto = serde_json::from_str(r#"{"id":3,"email":"jdoe@example.com","firstname":"Jane","lastname":"Doe",
            "created_at":"2024-01-02 03:04:05","default_shipping":"9","addresses":[{"id":8,"city":"Nowhere","street":["1 A St"]},
            {"id":9,"city":"Purchase","street":["123 Oak Ave"],"region":{"region_code":"NY","region":"New York","region_id":43},
            "postcode":"10577","country_id":"US","telephone":"512-555-1111","firstname":"Jane","lastname":"Doe"}]}"#).unwrap();
        let c = c.into_domain(&store());
        assert_eq!(c.name.as_deref(), Some("Jane Doe"));
        assert_eq!(c.default_address.as_ref().unwrap().city.as_deref(), Some("Purchase"));
        assert_eq!(c.default_address.unwrap().province.as_deref(), Some("NY"));
        assert_eq!(c.phone.as_deref(), Some("512-555-1111"));
        assert_eq!(c.created_at.as_deref(), Some("2024-01-02T03:04:05Z"));
    }

    /// An invoiced order: 3 × 10.00 with 3.00 tax (one unit refunded), 1 × 20.00 with a 2.00
    /// discount and 1.80 tax, 5.00 shipping; 57.80 paid, 10.00 + 1.00 refunded.
    fn refundable_order() -> OrderDto {
        serde_json::from_value(json!({
            "entity_id": 7, "increment_id": "000000007", "state": "processing", "order_currency_code": "USD",
            "grand_total": 57.8, "total_paid": 57.8, "total_refunded": 11, "shipping_amount": 5, "shipping_refunded": 0,
            "payment": {"method": "braintree"},
            "items": [
                {"item_id": 11, "sku": "MUG", "name": "Mug", "qty_ordered": 3, "qty_invoiced": 3, "qty_refunded": 1,
                 "row_total": 30, "row_invoiced": 30, "tax_invoiced": 3, "discount_invoiced": 0,
                 "amount_refunded": 10, "tax_refunded": 1, "discount_refunded": 0},
                {"item_id": 12, "sku": "TEE", "name": "Tee", "qty_ordered": 1, "qty_invoiced": 1, "qty_refunded": 0,
                 "row_total": 20, "row_invoiced": 20, "tax_invoiced": 1.8, "discount_invoiced": 2,
                 "amount_refunded": 0, "tax_refunded": 0, "discount_refunded": 0},
                {"item_id": 13, "parent_item_id": 12, "sku": "TEE-S", "qty_ordered": 1}
            ]
        }))
        .unwrap()
    }

    fn pick(sku: &str, q: Option<u32>) -> RefundSpec {
        RefundSpec { items: vec![ItemPick { sku: sku.into(), quantity: q }], ..Default::default() }
    }

    #[test]
    fn credit_memos_are_computed_from_invoiced_less_refunded() {
        let o = refundable_order();
        // One of the two mugs left: its share, rounded; both: what is left.
        let c = compute(&o, &pick("MUG", Some(1))).unwrap();
        assert_eq!((c.lines[0].row, c.lines[0].tax), (Decimal::from(10), Decimal::ONE));
        assert_eq!(c.total(), Decimal::from(11));
        let c = compute(&o, &RefundSpec { shipping: ShippingPick::Full, ..pick("MUG", None) }).unwrap();
        assert_eq!(c.lines[0].qty, 2);
        assert_eq!(c.total(), Decimal::from(27));
        // The discounted tee, by item id.
        let c = compute(&o, &pick("12", None)).unwrap();
        assert_eq!(c.total(), Decimal::new(198, 1));
        // Full: both mugs, the tee and the shipping are exactly what was paid and not refunded.
        let full = compute(&o, &RefundSpec::default()).unwrap();
        assert_eq!(full.total(), Decimal::new(468, 1));
        assert_eq!(full.refundable, Decimal::new(468, 1));
        assert!(full.adjustment_positive.is_zero() && full.adjustment_negative.is_zero());
        // After an earlier 5.00 adjustment-only memo, the full refund evens out with a negative one.
        let mut o2 = refundable_order();
        o2.total_refunded = Some(json!(16));
        let full = compute(&o2, &RefundSpec::default()).unwrap();
        assert_eq!(full.adjustment_negative, Decimal::from(5));
        assert_eq!(full.total(), full.refundable);
    }

    #[test]
    fn over_asks_are_usage_errors_naming_what_is_left() {
        let o = refundable_order();
        let e = compute(&o, &pick("MUG", Some(3))).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.message.contains("2 left"), "{}", e.message);
        assert!(e.hint.as_deref().unwrap().contains("MUG ×2, TEE ×1"));
        let twice = RefundSpec {
            items: vec![
                ItemPick { sku: "TEE".into(), quantity: Some(1) },
                ItemPick { sku: "TEE".into(), quantity: Some(1) },
            ],
            ..Default::default()
        };
        assert_eq!(compute(&o, &twice).unwrap_err().exit_code(), 2);
        assert!(compute(&o, &pick("NOPE", None)).unwrap_err().message.contains("not an item"));
        let ship = RefundSpec { shipping: ShippingPick::Amount(Decimal::new(501, 2)), ..Default::default() };
        assert!(compute(&o, &ship).unwrap_err().message.contains("5 of the shipping"));
        let much = RefundSpec { amount: Some(Decimal::new(4681, 2)), ..Default::default() };
        assert!(compute(&o, &much).unwrap_err().message.contains("46.8"));
    }

    #[test]
    fn the_body_overrides_magentos_refund_everything_defaults() {
        let o = refundable_order();
        let amount = RefundSpec { amount: Some(Decimal::from(5)), ..Default::default() };
        let b = compute(&o, &amount).unwrap().body(true);
        assert_eq!(b["items"], json!([{"order_item_id": 11, "qty": 0}, {"order_item_id": 12, "qty": 0}]));
        assert_eq!(b["arguments"]["shipping_amount"], json!(0));
        assert_eq!(b["arguments"]["adjustment_positive"], json!(5));
        assert!(b["arguments"].get("extension_attributes").is_none(), "nothing to restock");
        let b = compute(&o, &pick("TEE", None)).unwrap().body(true);
        assert_eq!(b["items"], json!([{"order_item_id": 12, "qty": 1}]));
        assert_eq!(b["arguments"]["extension_attributes"]["return_to_stock_items"], json!([12]));
    }

    #[test]
    fn credit_memos_map_to_refunds() {
        let m: CreditmemoDto = serde_json::from_value(json!({
            "entity_id": 9, "order_id": 7, "created_at": "2026-11-02 10:00:00", "grand_total": 19.8,
            "items": [{"order_item_id": 12, "sku": "TEE", "name": "Tee", "qty": 1, "row_total": 20, "discount_amount": 2,
                       "base_cost": 0, "base_price": 20, "entity_id": 1},
                      {"order_item_id": 11, "sku": "MUG", "qty": 0, "row_total": 0, "base_cost": 0, "base_price": 10, "entity_id": 2}],
            "comments": [{"comment": "Damaged [shopdesk k1]", "parent_id": 9, "is_customer_notified": 0, "is_visible_on_front": 0}]
        }))
        .unwrap();
        let r = m.into_domain(&Currency::new("USD").unwrap()).unwrap();
        assert_eq!(r.id, "9");
        assert_eq!(r.amount.amount, Decimal::new(198, 1));
        assert_eq!(r.lines.len(), 1, "qty 0 rows are not refunded lines");
        assert_eq!(r.lines[0].subtotal.amount, Decimal::from(18));
        assert_eq!(r.created_at.as_deref(), Some("2026-11-02T10:00:00Z"));
        assert!(r.note.unwrap().contains(&refund_marker("k1")));
        let bare: CreditmemoDto = serde_json::from_value(json!({"entity_id": 1, "items": []})).unwrap();
        assert!(bare.comments.is_none(), "a list without comments is told apart from an empty one");
    }

    #[test]
    fn carriers_and_store_codes() {
        assert_eq!(carrier(Some("UPS")).0, "ups");
        assert_eq!(carrier(Some("La Poste")), ("custom", "La Poste".to_string()));
        assert_eq!(carrier(None).0, "custom");
        let mut s = store();
        s.config.store_code = Some("Default Store".into());
        let m = Magento { store: s };
        assert_eq!(m.code().unwrap_err().exit_code(), 2);
        let mut s = store();
        s.config.url = "https://shop.example.com/rest/default/".parse().unwrap();
        assert!(Magento { store: s }.code().unwrap_err().message.contains("base URL"));
        assert_eq!(Magento { store: store() }.api_path("orders/1"), "rest/default/V1/orders/1");
        assert_eq!(Magento { store: store() }.api_path("V1/orders/1"), "rest/default/V1/orders/1");
    }
}
