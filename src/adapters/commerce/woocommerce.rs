//! WooCommerce, through the REST API `wc/v3` (`{site}/wp-json/wc/v3/…`).
//!
//! # Auth
//! Two modes, both with the secrets `consumer_key` and `consumer_secret`:
//! - `basic`: HTTP Basic. WooCommerce only looks at it when WordPress sees HTTPS (`is_ssl()`);
//!   the transport refuses to send it over `http://` (exit 2, nothing sent). Behind a
//!   TLS-terminating proxy WordPress does not detect, Basic is silently ignored and every call
//!   answers "Sorry, you cannot list resources." — the hint then suggests `oauth1`.
//! - `oauth1`: one-legged OAuth 1.0a, signed by the transport (`Authorization: OAuth …`,
//!   `signature_method` HMAC-SHA256 by default or HMAC-SHA1). WooCommerce signs the URL as its
//!   `home_url()` sees it, so the store `url` must match the site URL exactly (scheme, `www`,
//!   port, path). Only query parameters are signed, never JSON bodies; this adapter therefore
//!   never sends `key[]` array parameters (PHP would sign them as `key[0]`) — lists go as CSV.
//!   The server accepts timestamps within ±15 minutes: a skewed clock gets "Invalid timestamp."
//!   and a hint to sync the clock.
//!
//! # Orders: number vs id
//! `id` is the post/HPOS id; `number` is the human number, equal to the id unless a plugin
//! (sequential numbers) changes it. A reference is read as follows:
//! - `#1001` — a number: `GET /orders?search=1001`, keeping only an exact `number` match; if
//!   search finds nothing, `GET /orders/1001` counts only when its `number` is `1001`.
//! - `1001` (bare) — a number first (as above), then an id (`GET /orders/1001`).
//! - `gid://woocommerce/Order/5001` — always the id.
//!
//! The id is shown as the order's `platform_id`.
//!
//! # Search
//! - `--email`: WooCommerce has no email filter; `search=<email>` (matches billing email, names,
//!   items…) then an exact, case-insensitive `billing.email` match client-side.
//! - Statuses are WooCommerce's one `status`. Each neutral filter maps to a set of statuses sent
//!   server-side (`status=a,b` CSV), and the mapped value is re-checked client-side:
//!
//! | neutral | WooCommerce `status` | mapped back |
//! |---|---|---|
//! | open / closed / cancelled | pending, processing, on-hold / completed, refunded / cancelled, failed | same |
//! | payment pending | pending, on-hold | |
//! | paid | processing, completed | and no refunds |
//! | partially_refunded | processing, completed, cancelled | refunds below the total |
//! | refunded | refunded, cancelled | refunds = total (or status refunded) |
//! | voided | cancelled | no refunds |
//! | shipping fulfilled / unfulfilled | completed / pending, processing, on-hold | |
//!
//!   `failed` maps to payment `unknown`. Payment `authorized`, `partially_paid`, `expired` and
//!   shipping `partial`, `restocked`, `on_hold`, `not_required` cannot be expressed and are
//!   refused (exit 2). In search rows the shipping state comes from the status alone;
//!   `order get` computes it from the Order Fulfillments records when the store has them.
//! - `--since`/`--until`: `after`/`before` (exclusive, so widened by a second) with
//!   `dates_are_gmt=true`.
//! - Paging: `page`/`per_page` (≤ 100) with [`super::PageNumber`]; the next page exists while
//!   `page < X-WP-TotalPages`. Client-side filtering may make pages shorter than asked.
//!
//! # Money and dates
//! Totals are decimal strings; `line_items[].price` is a JSON number (parsed from its text,
//! never through a float); refunds in `order.refunds[].total` are negative strings. Dates are
//! local without offset plus `_gmt` twins; shopdesk shows the `_gmt` one with a `Z`.
//!
//! # Fulfillments
//! Only WooCommerce 10.1+ with the Order Fulfillments feature has a shipment API
//! (`/orders/{id}/fulfillments`, meta `_items`, `_tracking_number`, `_shipment_provider`,
//! `_tracking_url`). Without it the routes answer 404 `rest_no_route`: `fulfillment list` and
//! `fulfillment create` then say so (exit 2) and `order get` shows no shipments.
//!
//! # Refunds
//! - Read: the order's `refunds[]` is only `{id, reason, total}` (total a negative string), so
//!   `order get`, `refunds` and `find_refund` read `GET /orders/{id}/refunds` (100 a page): each
//!   refund's items are the order's items negated (`quantity: -1`, totals `"-3.00"`) pointing
//!   back through the `_refunded_item_id` meta (by product and variation when it is missing).
//!   That gives the lines of each refund and the quantity still refundable per line.
//! - Quote: there is no quote API; `quote` computes it from line totals (after discounts) and
//!   per-rate taxes, the shipping lines and what earlier refunds took, and refuses (exit 2,
//!   naming what is left) a quantity, shipping or amount beyond it. The remaining refund amount
//!   (`total − refunded`) is the cap WooCommerce itself checks.
//! - Create: `POST /orders/{id}/refunds` with `amount` (a string; it takes precedence over the
//!   lines), `line_items[{id, quantity, refund_total, refund_tax[{id: rate id,
//!   refund_total}]}]` (shipping by the shipping item's id), `api_refund` always explicit
//!   (true moves money through the order's gateway; false with `--record-only`), `api_restock`
//!   from `--restock` (WooCommerce's default would be true) and `reason` carrying the marker.
//!   WooCommerce has no idempotency key, so the request is never marked retry-safe: a lost
//!   answer is settled by the marker (`find_refund`), never by resending. A 500
//!   `woocommerce_rest_cannot_create_order_refund` means WooCommerce refused and deleted the
//!   refund — a known outcome (exit 6, or 2 when the gateway cannot refund), not "unknown".
//! - `--notify` has no API switch: WooCommerce sends its "Refunded order" email per the store's
//!   email settings.
//!
//! # Webhooks
//! `GET/POST /webhooks`, `DELETE /webhooks/{id}?force=true` (platforms.md §2.3 [W1]). The
//! create body carries `name`, `topic`, `delivery_url`, `status: "active"` and the `secret`
//! deliveries are signed with (§2.8); WooCommerce would otherwise default it to a hash of the
//! API user, which shopdesk could not know. The secret is never read back (WooCommerce shows it
//! only in the `edit` context [U]). `status` is `active`, `paused` or `disabled` (after more
//! than 5 consecutive failed deliveries, §2.8).
//!
//! # Rate limits
//! Core WooCommerce has none; a host's 429/503 is retried by the transport (`Retry-After`).

use super::{Commerce, CustomerKey, Info, OrderQuery, OrderRef, Page, PageNumber, Probe, Store};
use crate::config::AuthMode;
use crate::domain::*;
use crate::error::{Error, Kind, Result};
use crate::secret::Secret;
use crate::transport::{GrantStyle, Request, Response, VendorHooks};
use async_trait::async_trait;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;

pub static INFO: Info = Info {
    name: "woocommerce",
    display: "WooCommerce",
    token_header: ("authorization", ""),
    token_path: None,
    grant_style: GrantStyle::FormBody,
    auth_modes: &[
        (AuthMode::Oauth1, &["consumer_key", "consumer_secret"]),
        (AuthMode::Basic, &["consumer_key", "consumer_secret"]),
    ],
    max_page_size: 100,
    needed_scopes: &[],
    default_api_version: Some("wc/v3"),
    hooks: VendorHooks { error_message, throttled: |_| None, pace: |_| None },
    build: |store| Box::new(Woo { store }),
};

const NO_FULFILLMENTS: &str =
    "fulfillments are not available on this store (WooCommerce 10.1+ Order Fulfillments feature is off)";
const NO_FULFILLMENTS_HINT: &str = "turn on \"Order fulfillments\" in WooCommerce > Settings > Advanced > Features (WooCommerce 10.1 or later); until then an order with status `completed` is the only shipped signal";

struct Woo {
    store: Store,
}

impl Woo {
    fn path(&self, rest: &str) -> String {
        format!("wp-json/{}/{rest}", self.store.api_version(&INFO))
    }

    async fn send(&self, req: Request) -> Result<Response> {
        self.store.client.send(req).await.map_err(|e| explain(e, &self.store))
    }

    async fn json<T: serde::de::DeserializeOwned>(&self, req: Request) -> Result<(T, Response)> {
        let resp = self.send(req).await?;
        let t = resp.json(&self.store.client.name)?;
        Ok((t, resp))
    }

    async fn by_id(&self, id: &str) -> Result<Option<OrderDto>> {
        match self.json::<OrderDto>(Request::get(&self.path(&format!("orders/{id}")))).await {
            Ok((o, _)) => Ok(Some(o)),
            Err(e) if e.kind == Kind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn by_number(&self, n: &str) -> Result<Option<OrderDto>> {
        let req = Request::get(&self.path("orders")).query("search", n).query("per_page", "100");
        let (list, _): (Vec<OrderDto>, _) = self.json(req).await?;
        if let Some(o) = list.into_iter().find(|o| o.number == n) {
            return Ok(Some(o));
        }
        // Search may not cover the number on every store; by default number == id.
        Ok(self.by_id(n).await?.filter(|o| o.number == n))
    }

    async fn find(&self, r: &OrderRef) -> Result<OrderDto> {
        let found = match r {
            OrderRef::Number(n) => self.by_number(n).await?,
            OrderRef::Bare(n) => match self.by_number(n).await? {
                Some(o) => Some(o),
                None => self.by_id(n).await?,
            },
            OrderRef::Global(g) => {
                let id = g.strip_prefix("gid://woocommerce/Order/").ok_or_else(|| {
                    Error::usage(format!("`{g}` is not a WooCommerce order id"))
                        .with_hint("use the order number (1001 or #1001) or gid://woocommerce/Order/<id>")
                })?;
                self.by_id(id).await?
            }
        };
        found.ok_or_else(|| {
            Error::not_found(format!("order {r} not found in store {}", self.store.name))
                .with_hint("check the number with `shopdesk order search`; for an internal id use gid://woocommerce/Order/<id>")
        })
    }

    /// Every refund on order `id`, newest first (`GET /orders/{id}/refunds`, 100 a page).
    async fn refund_records(&self, id: u64) -> Result<Vec<RefundDto>> {
        let mut all = Vec::new();
        for page in 1u32.. {
            let req = Request::get(&self.path(&format!("orders/{id}/refunds")))
                .query("page", page.to_string())
                .query("per_page", "100");
            let (list, resp): (Vec<RefundDto>, _) = self.json(req).await?;
            let pages: u32 = resp.header("x-wp-totalpages").and_then(|v| v.trim().parse().ok()).unwrap_or(0);
            let short = list.len() < 100;
            all.extend(list);
            if page >= pages || short {
                break;
            }
        }
        Ok(all)
    }

    /// The order's fulfillment records; `Ok(None)` when the store lacks the feature.
    async fn fulfillment_records(&self, id: u64) -> Result<Option<Vec<FulfillmentDto>>> {
        #[derive(Deserialize)]
        struct Wrap {
            fulfillments: Vec<FulfillmentDto>,
        }
        match self.json::<Wrap>(Request::get(&self.path(&format!("orders/{id}/fulfillments")))).await {
            Ok((w, _)) => Ok(Some(w.fulfillments.into_iter().filter(|f| f.date_deleted.is_none()).collect())),
            Err(e) if is_no_route(&e) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

fn is_no_route(e: &Error) -> bool {
    e.kind == Kind::NotFound && e.message.contains("rest_no_route")
}

fn no_fulfillments(store: &Store) -> Error {
    Error::usage(format!("store {}: {NO_FULFILLMENTS}", store.name)).with_hint(NO_FULFILLMENTS_HINT)
}

/// Better hints for WooCommerce's authentication failures.
fn explain(e: Error, store: &Store) -> Error {
    let m = e.message.clone();
    let login = format!("`shopdesk auth login {}`", store.name);
    let hint = if m.contains("Invalid timestamp.") {
        "this computer's clock and the store's differ by more than 15 minutes: sync the clock (e.g. `timedatectl set-ntp true`), then retry".to_string()
    } else if m.contains("Invalid signature - provided signature does not match") {
        format!(
            "check the consumer secret ({login}) and that `url` is exactly the site's home URL (scheme, www, port, path)"
        )
    } else if m.contains("Consumer key is invalid") {
        format!(
            "the consumer key is unknown to the store: create a key in WooCommerce > Settings > Advanced > REST API and store it with {login}"
        )
    } else if m.contains("Consumer secret is invalid") {
        format!("the consumer secret does not belong to this key: store the right one with {login}")
    } else if m.contains("does not have write permissions") || m.contains("does not have read permissions") {
        "give the key Read/Write permission in WooCommerce > Settings > Advanced > REST API".to_string()
    } else if m.contains("woocommerce_rest_cannot_") && store.config.auth == AuthMode::Basic {
        "WooCommerce did not accept Basic auth: the key may be unknown, or WordPress does not see the request as HTTPS (a TLS-terminating proxy); try auth = \"oauth1\"".to_string()
    } else if m.contains("Invalid nonce") {
        "a nonce was reused; retry the command".to_string()
    } else {
        return e;
    };
    e.with_hint(hint)
}

#[async_trait]
impl Commerce for Woo {
    fn info(&self) -> &'static Info {
        &INFO
    }
    fn store(&self) -> &Store {
        &self.store
    }

    async fn order(&self, r: &OrderRef) -> Result<Order> {
        let o = self.find(r).await?;
        let records = self.fulfillment_records(o.id).await?;
        // The order lists its refunds as `{id, reason, total}` only; their lines (and so the
        // quantities still refundable) come from the refunds endpoint.
        let refunds = if o.refunds.is_empty() { vec![] } else { self.refund_records(o.id).await? };
        o.into_domain(&self.store, records, &refunds)
    }

    async fn search_page(
        &self,
        q: &OrderQuery,
        cursor: Option<&str>,
        page_size: u32,
    ) -> Result<Page<OrderSummary>> {
        let pn = PageNumber::from_cursor(cursor, page_size.min(INFO.max_page_size))?;
        let Some(statuses) = status_filter(q)? else {
            return Ok(Page { items: vec![], next: None });
        };
        let mut req = Request::get(&self.path("orders"))
            .query("page", pn.page.to_string())
            .query("per_page", pn.size.to_string())
            .query("orderby", "date")
            .query("order", "desc");
        if let Some(s) = statuses {
            req = req.query("status", s.join(","));
        }
        if let Some(e) = &q.email {
            req = req.query("search", e.clone());
        }
        let wp_date = |t: jiff::Timestamp| t.strftime("%Y-%m-%dT%H:%M:%S").to_string();
        if let Some(s) = q.since {
            req = req.query("after", wp_date(s - jiff::SignedDuration::from_secs(1)));
        }
        if let Some(u) = q.until {
            req = req.query("before", wp_date(u + jiff::SignedDuration::from_secs(1)));
        }
        if q.since.is_some() || q.until.is_some() {
            req = req.query("dates_are_gmt", "true");
        }
        let (list, resp): (Vec<OrderDto>, _) = self.json(req).await?;
        let pages: u32 = resp.header("x-wp-totalpages").and_then(|v| v.trim().parse().ok()).unwrap_or(0);
        let items = list
            .into_iter()
            .filter(|o| {
                q.email
                    .as_ref()
                    .is_none_or(|e| o.billing.email.as_deref().is_some_and(|b| b.eq_ignore_ascii_case(e)))
            })
            .map(|o| o.summary(&self.store))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .filter(|s| {
                q.status.is_none_or(|x| x == s.status)
                    && q.financial_status.is_none_or(|x| x == s.financial_status)
                    && q.fulfillment_status.is_none_or(|x| x == s.fulfillment_status)
            })
            .collect();
        let next = (pn.page < pages).then(|| pn.next_cursor());
        Ok(Page { items, next })
    }

    async fn fulfillments(&self, r: &OrderRef) -> Result<Vec<Fulfillment>> {
        let o = self.find(r).await?;
        let records = self.fulfillment_records(o.id).await?.ok_or_else(|| no_fulfillments(&self.store))?;
        Ok(records.into_iter().map(|f| f.into_domain(&o.line_items)).collect())
    }

    async fn notes(&self, r: &OrderRef) -> Result<Vec<Note>> {
        let o = self.find(r).await?;
        let (mut list, _): (Vec<NoteDto>, _) =
            self.json(Request::get(&self.path(&format!("orders/{}/notes", o.id)))).await?;
        // WooCommerce lists newest first.
        list.sort_by(|a, b| {
            (a.date_created_gmt.as_deref(), a.id).cmp(&(b.date_created_gmt.as_deref(), b.id))
        });
        Ok(list.into_iter().map(NoteDto::into_domain).collect())
    }

    async fn add_note(&self, r: &OrderRef, text: &str, notify_customer: bool) -> Result<Note> {
        let o = self.find(r).await?;
        let req = Request::post(&self.path(&format!("orders/{}/notes", o.id))).json(json!({
            "note": text,
            "customer_note": notify_customer,
            "added_by_user": true,
        }));
        let (n, _): (NoteDto, _) = self.json(req).await?;
        Ok(n.into_domain())
    }

    async fn create_fulfillment(&self, r: &OrderRef, f: &NewFulfillment) -> Result<Fulfillment> {
        let o = self.find(r).await?;
        let existing = self.fulfillment_records(o.id).await?.ok_or_else(|| no_fulfillments(&self.store))?;
        let shipped = shipped_quantities(&existing);
        let items: Vec<Value> = o
            .line_items
            .iter()
            .filter_map(|l| {
                let left = l.quantity.saturating_sub(shipped.get(&l.id).copied().unwrap_or(0));
                (left > 0).then(|| json!({"item_id": l.id, "qty": left}))
            })
            .collect();
        if items.is_empty() {
            return Err(Error::conflict(format!("order #{} is already fully fulfilled", o.number))
                .with_hint(format!("see its shipments with `shopdesk fulfillment list {}`", o.number)));
        }
        let mut meta = vec![
            json!({"key": "_items", "value": items}),
            json!({"key": "_tracking_number", "value": f.tracking_number}),
        ];
        if let Some(c) = &f.carrier {
            meta.push(json!({"key": "_shipment_provider", "value": provider_key(c)}));
        }
        if let Some(u) = &f.tracking_url {
            meta.push(json!({"key": "_tracking_url", "value": u}));
        }
        let mut body = json!({"status": "fulfilled", "is_fulfilled": true, "meta_data": meta});
        if f.notify {
            body["notify_customer"] = json!(true);
        }
        let req = Request::post(&self.path(&format!("orders/{}/fulfillments", o.id))).json(body);
        #[derive(Deserialize)]
        struct Wrap {
            fulfillment: FulfillmentDto,
        }
        let (w, _): (Wrap, _) = match self.json(req).await {
            Err(e) if is_no_route(&e) => return Err(no_fulfillments(&self.store)),
            other => other?,
        };
        Ok(w.fulfillment.into_domain(&o.line_items))
    }

    async fn refunds(&self, r: &OrderRef) -> Result<Vec<Refund>> {
        let o = self.find(r).await?;
        let currency = o.currency()?;
        let list = self.refund_records(o.id).await?;
        Ok(refunds_into_domain(&list, &currency, &o.line_items))
    }

    async fn refund_quote(&self, r: &OrderRef, spec: &RefundSpec) -> Result<RefundQuote> {
        let o = self.find(r).await?;
        let refunds = if o.refunds.is_empty() { vec![] } else { self.refund_records(o.id).await? };
        quote(&o, &refunds, spec, &self.store)
    }

    async fn refund_create(&self, q: &RefundQuote, spec: &RefundSpec, key: &str) -> Result<Refund> {
        let (Some(id), Some(body)) = (q.plan["order_id"].as_u64(), q.plan.get("body")) else {
            return Err(Error::general("this refund quote was not made by the WooCommerce adapter")
                .with_hint("quote the refund again with `shopdesk refund … --dry-run`"));
        };
        let mut body = body.clone();
        body["reason"] = json!(marked_reason(spec.reason.as_deref(), key));
        // Never `retry_safe`: WooCommerce has no idempotency key, so a resend after a lost answer
        // could refund twice. The marker in `reason` lets `find_refund` settle it instead.
        let req = Request::post(&self.path(&format!("orders/{id}/refunds"))).json(body);
        let (r, _): (RefundDto, _) =
            self.json(req).await.map_err(|e| refused(e, &self.store, &format!("#{}", q.order_number)))?;
        Ok(r.to_domain(&q.currency, &[]))
    }

    async fn customers(&self, key: &CustomerKey) -> Result<Vec<Customer>> {
        let list: Vec<CustomerDto> = match key {
            CustomerKey::Email(e) => {
                // The default role filter is `customer`; `all` includes other roles.
                let req =
                    Request::get(&self.path("customers")).query("email", e.clone()).query("role", "all");
                self.json(req).await?.0
            }
            CustomerKey::Id(id) => {
                if !id.chars().all(|c| c.is_ascii_digit()) {
                    return Err(Error::usage(format!("`{id}` is not a WooCommerce customer id"))
                        .with_hint("WooCommerce customer ids are numbers (the WordPress user id)"));
                }
                match self.json::<CustomerDto>(Request::get(&self.path(&format!("customers/{id}")))).await {
                    Ok((c, _)) => vec![c],
                    Err(e) if e.kind == Kind::NotFound => vec![],
                    Err(e) => return Err(e),
                }
            }
        };
        Ok(list.into_iter().map(|c| c.into_domain(&self.store)).collect())
    }

    async fn probe(&self) -> Result<Probe> {
        #[derive(Deserialize)]
        struct Index {
            name: Option<String>,
            #[serde(default)]
            namespaces: Vec<String>,
        }
        let (idx, _): (Index, _) = self.json(Request::get("wp-json/")).await?;
        let version = self.store.api_version(&INFO);
        if !idx.namespaces.contains(&version) {
            return Err(Error::unavailable(format!(
                "store {}: the site answers but offers no `{version}` REST namespace",
                self.store.name
            ))
            .with_hint(
                "is WooCommerce active, and `url` the site's home URL? (pretty permalinks must be on)",
            ));
        }
        let (_, resp): (Vec<Value>, _) =
            self.json(Request::get(&self.path("orders")).query("per_page", "1")).await?;
        Ok(Probe {
            shop_name: idx.name,
            api_version_pinned: Some(version.clone()),
            api_version_served: Some(version),
            deprecation: None,
            scopes_granted: None,
            server_date: resp.server_date(),
            request_id: resp.request_id().map(str::to_string),
        })
    }

    fn api_path(&self, path: &str) -> String {
        match path.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => self.path(path),
        }
    }

    async fn webhooks(&self) -> Result<Vec<WebhookSubscription>> {
        let mut out = Vec::new();
        for page in 1u32.. {
            let req = Request::get(&self.path("webhooks"))
                .query("status", "all")
                .query("per_page", "100")
                .query("page", page.to_string());
            let (got, _): (Vec<WebhookDto>, _) = self.json(req).await?;
            let n = got.len();
            out.extend(got.into_iter().map(|w| w.into_domain(&self.store.name)));
            if n < 100 {
                break;
            }
        }
        Ok(out)
    }

    async fn webhook_create(
        &self,
        topic: &str,
        url: &str,
        secret: Option<&Secret>,
    ) -> Result<WebhookSubscription> {
        let secret = secret.ok_or_else(|| {
            Error::general(format!("store {}: a WooCommerce webhook needs a signing secret", self.store.name))
        })?;
        let body = json!({
            "name": format!("shopdesk {topic}"),
            "topic": topic,
            "delivery_url": url,
            "secret": secret.expose(),
            "status": "active",
        });
        let (w, _): (WebhookDto, _) = self.json(Request::post(&self.path("webhooks")).json(body)).await?;
        Ok(w.into_domain(&self.store.name))
    }

    async fn webhook_delete(&self, id: &str) -> Result<()> {
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_digit()) {
            return Err(Error::usage(format!("`{id}` is not a WooCommerce webhook id (a number)"))
                .with_hint("`shopdesk webhook list` shows the ids"));
        }
        let req = Request::new(reqwest::Method::DELETE, &self.path(&format!("webhooks/{id}")))
            .query("force", "true");
        self.send(req).await.map(|_| ())
    }
}

#[derive(Deserialize)]
struct WebhookDto {
    id: u64,
    topic: String,
    delivery_url: String,
    status: String,
    date_created_gmt: Option<String>,
}

impl WebhookDto {
    fn into_domain(self, store: &str) -> WebhookSubscription {
        WebhookSubscription {
            id: self.id.to_string(),
            source: store.to_string(),
            topic: self.topic.clone(),
            vendor_topic: self.topic,
            url: self.delivery_url,
            active: self.status == "active",
            created_at: self.date_created_gmt.and_then(|t| format!("{t}Z").parse().ok()),
        }
    }
}

/// The statuses to ask for, from the neutral filters: `Ok(None)` when no status can match the
/// combination, `Ok(Some(None))` when no status filter is needed.
#[allow(clippy::type_complexity)]
fn status_filter(q: &OrderQuery) -> Result<Option<Option<Vec<&'static str>>>> {
    let mut set: Option<Vec<&'static str>> = None;
    let mut narrow = |allowed: &[&'static str]| {
        set = Some(match set.take() {
            None => allowed.to_vec(),
            Some(cur) => cur.into_iter().filter(|s| allowed.contains(s)).collect(),
        });
    };
    if let Some(s) = q.status {
        narrow(match s {
            OrderStatus::Open => &["pending", "processing", "on-hold"],
            OrderStatus::Closed => &["completed", "refunded"],
            OrderStatus::Cancelled => &["cancelled", "failed"],
        });
    }
    if let Some(f) = q.financial_status {
        narrow(match f {
            FinancialStatus::Pending => &["pending", "on-hold"],
            FinancialStatus::Paid => &["processing", "completed"],
            FinancialStatus::PartiallyRefunded => &["processing", "completed", "cancelled"],
            FinancialStatus::Refunded => &["refunded", "cancelled"],
            FinancialStatus::Voided => &["cancelled"],
            FinancialStatus::Unknown => &["failed"],
            other => {
                return Err(Error::unsupported(
                    "WooCommerce",
                    &format!("the payment state `{other}`"),
                    "filter by pending, paid, partially_refunded, refunded or voided",
                ));
            }
        });
    }
    if let Some(f) = q.fulfillment_status {
        narrow(match f {
            FulfillmentStatus::Fulfilled => &["completed"],
            FulfillmentStatus::Unfulfilled => &["pending", "processing", "on-hold"],
            other => {
                return Err(Error::unsupported(
                    "WooCommerce",
                    &format!("the shipping state `{other}` in searches"),
                    "filter by fulfilled or unfulfilled (from the order status), or check an order with `shopdesk fulfillment list`",
                ));
            }
        });
    }
    Ok(match set {
        Some(s) if s.is_empty() => None,
        other => Some(other),
    })
}

fn provider_key(carrier: &str) -> String {
    let c = carrier.trim().to_ascii_lowercase();
    match c.as_str() {
        "ups" | "united parcel service" => "ups".into(),
        "usps" | "united states postal service" => "usps".into(),
        "fedex" | "federal express" => "fedex".into(),
        "dhl" | "dhl express" | "dhl_express" => "dhl".into(),
        _ => carrier.trim().to_string(),
    }
}

fn shipped_quantities(records: &[FulfillmentDto]) -> HashMap<u64, u32> {
    let mut m = HashMap::new();
    for f in records {
        for (id, qty) in f.items() {
            *m.entry(id).or_insert(0) += qty;
        }
    }
    m
}

// ---- vendor hooks -------------------------------------------------------------------------

/// WordPress REST errors: `{"code","message","data":{"status","params"}}` →
/// `message [code]`, with per-parameter reasons appended.
pub fn error_message(_: reqwest::StatusCode, body: &[u8]) -> Option<String> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let code = v.get("code").and_then(Value::as_str);
    let message = v.get("message").and_then(Value::as_str);
    if code.is_none() && message.is_none() {
        return None;
    }
    let mut s = message.unwrap_or("").to_string();
    if let Some(params) = v.pointer("/data/params").and_then(Value::as_object) {
        let reasons: Vec<String> = params.values().filter_map(Value::as_str).map(str::to_string).collect();
        if !reasons.is_empty() {
            s.push_str(&format!(" ({})", reasons.join("; ")));
        }
    }
    if let Some(c) = code {
        s.push_str(&format!(" [{c}]"));
    }
    Some(s.trim().to_string())
}

// ---- DTOs (WooCommerce's shapes) and their mapping into domain types ----------------------

fn bad_amount(e: String) -> Error {
    Error::unavailable(format!("WooCommerce sent a bad amount: {e}"))
}

fn money(v: &Value, currency: &Currency) -> Result<Money> {
    match v {
        Value::Null => Ok(Money::zero(currency.clone())),
        Value::String(s) if s.trim().is_empty() => Ok(Money::zero(currency.clone())),
        other => Ok(Money::new(parse_decimal(other).map_err(bad_amount)?, currency.clone())),
    }
}

/// `2026-10-01T12:00:00` (GMT, no offset) → `2026-10-01T12:00:00Z`.
fn gmt(s: &Option<String>) -> Option<String> {
    s.as_ref().filter(|s| !s.is_empty()).map(|s| if s.ends_with('Z') { s.clone() } else { format!("{s}Z") })
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|x| x.trim().to_string()).filter(|x| !x.is_empty())
}

#[derive(Deserialize, Default)]
struct AddressDto {
    first_name: Option<String>,
    last_name: Option<String>,
    company: Option<String>,
    address_1: Option<String>,
    address_2: Option<String>,
    city: Option<String>,
    state: Option<String>,
    postcode: Option<String>,
    country: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

impl AddressDto {
    fn name(&self) -> Option<String> {
        let n = format!(
            "{} {}",
            self.first_name.as_deref().unwrap_or(""),
            self.last_name.as_deref().unwrap_or("")
        );
        Some(n.trim().to_string()).filter(|s| !s.is_empty())
    }
    fn to_domain(&self) -> Option<Address> {
        let a = Address {
            name: self.name(),
            company: non_empty(&self.company),
            address1: non_empty(&self.address_1),
            address2: non_empty(&self.address_2),
            city: non_empty(&self.city),
            province: non_empty(&self.state),
            zip: non_empty(&self.postcode),
            country: non_empty(&self.country),
            phone: non_empty(&self.phone),
        };
        (a != Address::default()).then_some(a)
    }
}

#[derive(Deserialize)]
struct LineDto {
    id: u64,
    name: String,
    #[serde(default)]
    sku: Option<String>,
    quantity: u32,
    #[serde(default)]
    product_id: u64,
    #[serde(default)]
    variation_id: u64,
    #[serde(default)]
    subtotal: Value,
    #[serde(default)]
    total: Value,
    /// Per tax rate (`id` is the rate id, as `refund_tax[].id` wants it).
    #[serde(default)]
    taxes: Vec<TaxDto>,
    /// A JSON number (total ÷ quantity).
    #[serde(default)]
    price: Value,
    #[serde(default)]
    parent_name: Option<String>,
}

impl LineDto {
    /// (title, variant): "Ship Your Idea - Black, M" with parent "Ship Your Idea".
    fn title_variant(&self) -> (String, Option<String>) {
        match self.parent_name.as_deref().filter(|p| !p.is_empty()) {
            Some(p) => {
                let variant =
                    self.name.strip_prefix(p).map(|v| v.trim_start_matches([' ', '-']).trim().to_string());
                (p.to_string(), variant.filter(|v| !v.is_empty()))
            }
            None => (self.name.clone(), None),
        }
    }
}

#[derive(Deserialize, Clone)]
struct TaxDto {
    id: u64,
    #[serde(default)]
    total: Value,
}

#[derive(Deserialize)]
struct ShippingDto {
    id: u64,
    #[serde(default)]
    total: Value,
    #[serde(default)]
    taxes: Vec<TaxDto>,
}

#[derive(Deserialize)]
struct RefundRefDto {
    id: u64,
    #[serde(default)]
    reason: Option<String>,
    total: Value,
}

#[derive(Deserialize)]
struct OrderDto {
    id: u64,
    number: String,
    status: String,
    currency: String,
    #[serde(default)]
    date_created_gmt: Option<String>,
    #[serde(default)]
    discount_total: Value,
    #[serde(default)]
    shipping_total: Value,
    #[serde(default)]
    total_tax: Value,
    total: Value,
    #[serde(default)]
    customer_id: u64,
    #[serde(default)]
    customer_note: Option<String>,
    #[serde(default)]
    billing: AddressDto,
    #[serde(default)]
    shipping: AddressDto,
    #[serde(default)]
    payment_method: Option<String>,
    #[serde(default)]
    payment_method_title: Option<String>,
    #[serde(default)]
    date_paid_gmt: Option<String>,
    #[serde(default)]
    line_items: Vec<LineDto>,
    #[serde(default)]
    shipping_lines: Vec<ShippingDto>,
    #[serde(default)]
    refunds: Vec<RefundRefDto>,
}

fn order_status(s: &str) -> OrderStatus {
    match s {
        "completed" | "refunded" => OrderStatus::Closed,
        "cancelled" | "failed" | "trash" => OrderStatus::Cancelled,
        _ => OrderStatus::Open,
    }
}

fn status_fulfillment(s: &str) -> FulfillmentStatus {
    match s {
        "completed" => FulfillmentStatus::Fulfilled,
        "pending" | "processing" | "on-hold" => FulfillmentStatus::Unfulfilled,
        _ => FulfillmentStatus::Unknown,
    }
}

impl OrderDto {
    fn currency(&self) -> Result<Currency> {
        Currency::new(&self.currency).map_err(Error::unavailable)
    }

    fn refunded(&self) -> Result<Decimal> {
        self.refunds.iter().map(|r| parse_decimal(&r.total).map(|d| d.abs()).map_err(bad_amount)).sum()
    }

    fn financial(&self) -> Result<FinancialStatus> {
        let refunded = self.refunded()?;
        let total = parse_decimal(&self.total).map_err(bad_amount)?;
        let by_refunds = || {
            if refunded.is_zero() {
                None
            } else if refunded >= total {
                Some(FinancialStatus::Refunded)
            } else {
                Some(FinancialStatus::PartiallyRefunded)
            }
        };
        Ok(match self.status.as_str() {
            "pending" | "on-hold" | "checkout-draft" => FinancialStatus::Pending,
            "processing" | "completed" => by_refunds().unwrap_or(FinancialStatus::Paid),
            "refunded" => FinancialStatus::Refunded,
            "cancelled" => by_refunds().unwrap_or(FinancialStatus::Voided),
            _ => FinancialStatus::Unknown,
        })
    }

    fn summary(&self, store: &Store) -> Result<OrderSummary> {
        let currency = self.currency()?;
        Ok(OrderSummary {
            source: store.source("woocommerce", self.id.to_string()),
            number: format!("#{}", self.number),
            created_at: gmt(&self.date_created_gmt).unwrap_or_default(),
            status: order_status(&self.status),
            financial_status: self.financial()?,
            fulfillment_status: status_fulfillment(&self.status),
            email: non_empty(&self.billing.email),
            customer_name: self.billing.name(),
            total: money(&self.total, &currency)?,
            items: self.line_items.iter().map(|l| l.quantity).sum(),
        })
    }

    fn into_domain(
        self,
        store: &Store,
        records: Option<Vec<FulfillmentDto>>,
        refund_records: &[RefundDto],
    ) -> Result<Order> {
        let taken = taken(&self.line_items, &self.shipping_lines, refund_records);
        let currency = self.currency()?;
        let m = |v: &Value| money(v, &currency);
        let mut subtotal = Decimal::ZERO;
        let mut line_items = Vec::new();
        for l in &self.line_items {
            let sub = parse_decimal(&l.subtotal).map_err(bad_amount)?;
            subtotal += sub;
            let (title, variant) = l.title_variant();
            let unit = match &l.price {
                Value::Null => {
                    if l.quantity == 0 {
                        Decimal::ZERO
                    } else {
                        parse_decimal(&l.total).map_err(bad_amount)? / Decimal::from(l.quantity)
                    }
                }
                p => parse_decimal(p).map_err(bad_amount)?,
            };
            line_items.push(LineItem {
                id: l.id.to_string(),
                sku: non_empty(&l.sku),
                title,
                variant,
                quantity: l.quantity,
                // Complete only when every refund's lines were read.
                refundable_quantity: (self.refunds.len() <= refund_records.len())
                    .then(|| l.quantity.saturating_sub(taken.get(&l.id).map_or(0, |t| t.qty))),
                unit_price: Money::new(unit, currency.clone()),
                total: m(&l.total)?,
            });
        }
        let fulfillment_status = match &records {
            Some(rs) if !rs.is_empty() => {
                let shipped = shipped_quantities(rs);
                let ordered: u32 = self.line_items.iter().map(|l| l.quantity).sum();
                let done: u32 = self
                    .line_items
                    .iter()
                    .map(|l| shipped.get(&l.id).copied().unwrap_or(0).min(l.quantity))
                    .sum();
                if done >= ordered {
                    FulfillmentStatus::Fulfilled
                } else if done > 0 {
                    FulfillmentStatus::Partial
                } else {
                    status_fulfillment(&self.status)
                }
            }
            _ => status_fulfillment(&self.status),
        };
        let fulfillments =
            records.unwrap_or_default().into_iter().map(|f| f.into_domain(&self.line_items)).collect();
        let refunded = self.refunded()?;
        let total = m(&self.total)?;
        let outstanding = if matches!(self.status.as_str(), "pending" | "on-hold" | "failed") {
            total.clone()
        } else {
            Money::zero(currency.clone())
        };
        let refunds = if refund_records.is_empty() {
            self.refunds
                .iter()
                .map(|r| {
                    Ok(Refund {
                        id: r.id.to_string(),
                        created_at: None,
                        note: non_empty(&r.reason),
                        amount: Money::new(
                            parse_decimal(&r.total).map_err(bad_amount)?.abs(),
                            currency.clone(),
                        ),
                        lines: vec![],
                    })
                })
                .collect::<Result<Vec<_>>>()?
        } else {
            refunds_into_domain(refund_records, &currency, &self.line_items)
        };
        let email = non_empty(&self.billing.email);
        Ok(Order {
            source: store.source("woocommerce", self.id.to_string()),
            number: format!("#{}", self.number),
            created_at: gmt(&self.date_created_gmt).unwrap_or_default(),
            status: order_status(&self.status),
            financial_status: self.financial()?,
            fulfillment_status,
            cancel_reason: None,
            email: email.clone(),
            phone: non_empty(&self.billing.phone),
            customer: Some(CustomerRef {
                id: (self.customer_id > 0).then(|| self.customer_id.to_string()),
                name: self.billing.name(),
                email,
            }),
            totals: Totals {
                subtotal: Money::new(subtotal, currency.clone()),
                shipping: m(&self.shipping_total)?,
                tax: m(&self.total_tax)?,
                discounts: m(&self.discount_total)?,
                total,
                refunded: Money::new(refunded, currency.clone()),
                outstanding,
            },
            line_items,
            shipping_address: self.shipping.to_domain(),
            billing_address: self.billing.to_domain(),
            fulfillments,
            refunds,
            note: non_empty(&self.customer_note),
            tags: vec![],
            gateways: non_empty(&self.payment_method_title).into_iter().collect(),
            currency,
        })
    }
}

#[derive(Deserialize)]
struct MetaDto {
    key: String,
    #[serde(default)]
    value: Value,
}

#[derive(Deserialize)]
struct FulfillmentDto {
    id: u64,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    is_fulfilled: bool,
    #[serde(default)]
    date_updated: Option<String>,
    #[serde(default)]
    date_deleted: Option<String>,
    #[serde(default)]
    meta_data: Vec<MetaDto>,
}

impl FulfillmentDto {
    fn meta(&self, key: &str) -> Option<&Value> {
        self.meta_data.iter().find(|m| m.key == key).map(|m| &m.value)
    }
    fn meta_str(&self, key: &str) -> Option<String> {
        self.meta(key).and_then(Value::as_str).map(str::to_string).filter(|s| !s.is_empty())
    }
    fn items(&self) -> Vec<(u64, u32)> {
        let num = |v: &Value| v.as_u64().or_else(|| v.as_str().and_then(|s| s.parse().ok()));
        self.meta("_items")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|i| Some((num(&i["item_id"])?, num(&i["qty"]).unwrap_or(1) as u32)))
            .collect()
    }
    fn into_domain(self, lines: &[LineDto]) -> Fulfillment {
        let number = self.meta_str("_tracking_number");
        // `_shipment_provider` in WooCommerce's code; its REST docs say `_shipping_provider`.
        let carrier = self.meta_str("_shipment_provider").or_else(|| self.meta_str("_shipping_provider"));
        let url = self.meta_str("_tracking_url");
        let tracking = if number.is_some() || carrier.is_some() || url.is_some() {
            vec![Tracking { carrier, number, url }]
        } else {
            vec![]
        };
        let items = self
            .items()
            .into_iter()
            .map(|(id, qty)| {
                let line = lines.iter().find(|l| l.id == id);
                FulfilledItem {
                    line_item_id: id.to_string(),
                    sku: line.and_then(|l| non_empty(&l.sku)),
                    title: line.map(|l| l.name.clone()).unwrap_or_else(|| format!("item {id}")),
                    quantity: qty,
                }
            })
            .collect();
        Fulfillment {
            id: self.id.to_string(),
            name: None,
            status: if self.is_fulfilled { ShipmentState::Success } else { ShipmentState::Pending },
            display_status: self.status.clone(),
            created_at: self.date_updated.clone(),
            delivered_at: None,
            estimated_delivery_at: None,
            tracking,
            items,
        }
    }
}

// ---- refunds --------------------------------------------------------------------------------

/// A refund as `GET /orders/{id}/refunds` and `POST /orders/{id}/refunds` answer it. Its items
/// are copies of the order's items with negative quantities and totals, each pointing back at
/// the order item through the `_refunded_item_id` meta.
#[derive(Deserialize)]
struct RefundDto {
    id: u64,
    #[serde(default)]
    date_created_gmt: Option<String>,
    #[serde(default)]
    amount: Value,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    line_items: Vec<RefundItemDto>,
    #[serde(default)]
    shipping_lines: Vec<RefundItemDto>,
}

#[derive(Deserialize)]
struct RefundItemDto {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    product_id: u64,
    #[serde(default)]
    variation_id: u64,
    /// Negative: `-2` for two units refunded.
    #[serde(default)]
    quantity: i64,
    /// Negative decimal string.
    #[serde(default)]
    total: Value,
    #[serde(default)]
    taxes: Vec<TaxDto>,
    #[serde(default)]
    meta_data: Vec<MetaDto>,
}

impl RefundItemDto {
    /// The order item this refunds: the `_refunded_item_id` meta; for a line without it (an
    /// old refund, a plugin that strips meta), the only order line with the same product and
    /// variation.
    fn source(&self, lines: &[LineDto]) -> Option<u64> {
        let meta =
            self.meta_data.iter().find(|m| m.key == "_refunded_item_id").and_then(|m| match &m.value {
                Value::Number(n) => n.as_u64(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            });
        meta.or_else(|| {
            let mut same = lines.iter().filter(|l| {
                self.product_id != 0 && l.product_id == self.product_id && l.variation_id == self.variation_id
            });
            match (same.next(), same.next()) {
                (Some(l), None) => Some(l.id),
                _ => None,
            }
        })
    }
}

impl RefundDto {
    fn to_domain(&self, currency: &Currency, lines: &[LineDto]) -> Refund {
        let abs = |v: &Value| parse_decimal(v).map(|d| d.abs()).unwrap_or_default();
        Refund {
            id: self.id.to_string(),
            created_at: gmt(&self.date_created_gmt),
            note: non_empty(&self.reason),
            amount: Money::new(abs(&self.amount), currency.clone()),
            lines: self
                .line_items
                .iter()
                .map(|i| RefundLine {
                    line_item_id: i.source(lines).map(|id| id.to_string()).unwrap_or_default(),
                    title: i.name.clone().unwrap_or_default(),
                    quantity: i.quantity.unsigned_abs() as u32,
                    subtotal: Money::new(abs(&i.total), currency.clone()),
                })
                .collect(),
        }
    }
}

/// Oldest first.
fn refunds_into_domain(list: &[RefundDto], currency: &Currency, lines: &[LineDto]) -> Vec<Refund> {
    let mut out: Vec<(Option<String>, u64, Refund)> =
        list.iter().map(|r| (r.date_created_gmt.clone(), r.id, r.to_domain(currency, lines))).collect();
    out.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    out.into_iter().map(|(_, _, r)| r).collect()
}

/// What earlier refunds took from one order item (line or shipping).
#[derive(Default)]
struct Taken {
    qty: u32,
    total: Decimal,
    /// Tax rate id → amount.
    taxes: HashMap<u64, Decimal>,
}

fn taken(lines: &[LineDto], shipping: &[ShippingDto], refunds: &[RefundDto]) -> HashMap<u64, Taken> {
    let mut m: HashMap<u64, Taken> = HashMap::new();
    let abs = |v: &Value| parse_decimal(v).map(|d| d.abs()).unwrap_or_default();
    for r in refunds {
        let items =
            r.line_items.iter().map(|i| (i, i.source(lines))).chain(r.shipping_lines.iter().map(|i| {
                // A shipping refund without the meta belongs to the only shipping line, if one.
                (i, i.source(&[]).or_else(|| (shipping.len() == 1).then(|| shipping[0].id)))
            }));
        for (i, src) in items {
            let Some(src) = src else { continue };
            let t = m.entry(src).or_default();
            t.qty += i.quantity.unsigned_abs() as u32;
            t.total += abs(&i.total);
            for x in &i.taxes {
                *t.taxes.entry(x.id).or_default() += abs(&x.total);
            }
        }
    }
    m
}

/// Statuses in which the order was never paid: nothing to refund.
const UNPAID: &[&str] = &["pending", "on-hold", "failed", "checkout-draft", "trash", "auto-draft"];

/// One order item with what is left to refund on it.
struct Left<'a> {
    line: &'a LineDto,
    qty: u32,
    total: Decimal,
    /// Per tax rate: (rate id, the item's tax on that rate, what is left of it).
    taxes: Vec<(u64, Decimal, Decimal)>,
}

fn dec(v: &Value) -> Result<Decimal> {
    match v {
        Value::Null => Ok(Decimal::ZERO),
        Value::String(s) if s.trim().is_empty() => Ok(Decimal::ZERO),
        other => parse_decimal(other).map_err(bad_amount),
    }
}

/// A decimal as a JSON number (WooCommerce's `refund_total` fields are numbers).
fn json_number(d: Decimal) -> Value {
    serde_json::from_str(&d.normalize().to_string()).unwrap_or(Value::Null)
}

/// Compute the refund WooCommerce has no quote API for, from the order and its earlier refunds:
///
/// - a line's refund is `total × qty ÷ quantity` (after discounts, rounded to the currency),
///   and its tax likewise per tax rate — except that the last units of a line take exactly
///   what is left of it, so rounding never leaves or overdraws a cent;
/// - `--shipping` takes what is left of the shipping lines (with their tax); an amount is a
///   pre-tax amount spread over the shipping lines in order [U: no shipping tax is refunded
///   with a partial shipping amount];
/// - `--amount` is added to the refund's `amount` without lines (WooCommerce lets `amount`
///   exceed the lines' sum);
/// - a full refund takes every line and all shipping, and its total is exactly the remaining
///   refund amount (`total − refunded`), so earlier amount-only refunds are accounted for
///   (the difference shows as a negative adjustment);
/// - never more than the remaining refund amount, which is what WooCommerce itself checks.
fn quote(o: &OrderDto, refunds: &[RefundDto], spec: &RefundSpec, store: &Store) -> Result<RefundQuote> {
    let currency = o.currency()?;
    let exp = currency.exponent();
    let round =
        |d: Decimal| d.round_dp_with_strategy(exp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let number = format!("#{}", o.number);
    let show = |d: Decimal| Money::new(d, currency.clone()).to_string();
    let unpaid = UNPAID.contains(&o.status.as_str())
        || (o.status == "cancelled" && o.date_paid_gmt.as_deref().is_none_or(str::is_empty));
    if unpaid {
        return Err(Error::usage(format!(
            "order {number} was never paid (status `{}`): there is nothing to refund",
            o.status
        ))
        .with_hint("to drop an unpaid order, cancel it in WooCommerce instead"));
    }
    let refundable = (dec(&o.total)? - o.refunded()?).max(Decimal::ZERO);
    if refundable.is_zero() {
        return Err(Error::usage(format!("order {number} is already fully refunded"))
            .with_hint(format!("see its refunds with `shopdesk order get {number}`")));
    }
    let taken = taken(&o.line_items, &o.shipping_lines, refunds);
    let none = Taken::default();
    let mut lefts = Vec::new();
    for l in &o.line_items {
        let t = taken.get(&l.id).unwrap_or(&none);
        let mut taxes = Vec::new();
        for x in &l.taxes {
            let all = dec(&x.total)?;
            taxes.push((
                x.id,
                all,
                (all - t.taxes.get(&x.id).copied().unwrap_or_default()).max(Decimal::ZERO),
            ));
        }
        lefts.push(Left {
            line: l,
            qty: l.quantity.saturating_sub(t.qty),
            total: (dec(&l.total)? - t.total).max(Decimal::ZERO),
            taxes,
        });
    }
    let what_is_left = || {
        let parts: Vec<String> = lefts
            .iter()
            .filter(|l| l.qty > 0)
            .map(|l| {
                format!(
                    "{} ×{}",
                    l.line.sku.as_deref().filter(|s| !s.is_empty()).unwrap_or(&l.line.id.to_string()),
                    l.qty
                )
            })
            .collect();
        if parts.is_empty() {
            "no items are left to refund on it".to_string()
        } else {
            format!("left to refund: {}", parts.join(", "))
        }
    };

    // Which lines, how many of each.
    let mut picks: Vec<(usize, u32)> = Vec::new();
    if spec.is_full() {
        picks = lefts.iter().enumerate().filter(|(_, l)| l.qty > 0).map(|(i, l)| (i, l.qty)).collect();
    }
    for p in &spec.items {
        // A SKU may sit on several lines: the first with units left to refund, else the first.
        let by = |f: &dyn Fn(&Left) -> bool| {
            let picked = |i: usize| picks.iter().find(|(x, _)| *x == i).map_or(0, |(_, q)| *q);
            let mut hits = lefts.iter().enumerate().filter(|(_, l)| f(l)).map(|(i, _)| i);
            let first = hits.next()?;
            Some(std::iter::once(first).chain(hits).find(|&i| lefts[i].qty > picked(i)).unwrap_or(first))
        };
        let i = by(&|l| l.line.sku.as_deref() == Some(p.sku.as_str()))
            .or_else(|| by(&|l| l.line.sku.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(&p.sku))))
            .or_else(|| by(&|l| l.line.id.to_string() == p.sku))
            .ok_or_else(|| {
                Error::usage(format!("`{}` is not a SKU or line item id on order {number}", p.sku))
                    .with_hint(what_is_left())
            })?;
        let already = picks.iter().find(|(x, _)| *x == i).map_or(0, |(_, q)| *q);
        let left = lefts[i].qty.saturating_sub(already);
        let qty = p.quantity.unwrap_or(left);
        if left == 0 {
            return Err(Error::usage(format!("`{}` on order {number} is already fully refunded", p.sku))
                .with_hint(what_is_left()));
        }
        if qty > left {
            return Err(Error::usage(format!(
                "cannot refund {qty} × `{}` on order {number}: only {left} left to refund",
                p.sku
            ))
            .with_hint(what_is_left()));
        }
        match picks.iter_mut().find(|(x, _)| *x == i) {
            Some(slot) => slot.1 += qty,
            None => picks.push((i, qty)),
        }
    }

    let mut lines = Vec::new();
    let mut body_lines = Vec::new();
    let (mut items_total, mut tax_total) = (Decimal::ZERO, Decimal::ZERO);
    for (i, qty) in picks {
        let l = &lefts[i];
        let whole = qty == l.qty;
        let part = |all: Decimal, left: Decimal| {
            if whole {
                left
            } else {
                round(all * Decimal::from(qty) / Decimal::from(l.line.quantity.max(1))).min(left)
            }
        };
        let sub = part(dec(&l.line.total)?, l.total);
        let taxes: Vec<(u64, Decimal)> =
            l.taxes.iter().map(|(id, all, left)| (*id, part(*all, *left))).collect();
        let tax: Decimal = taxes.iter().map(|t| t.1).sum();
        items_total += sub;
        tax_total += tax;
        lines.push(QuoteLine {
            line_item_id: l.line.id.to_string(),
            sku: non_empty(&l.line.sku),
            title: l.line.name.clone(),
            quantity: qty,
            subtotal: Money::new(sub, currency.clone()),
            tax: Money::new(tax, currency.clone()),
        });
        body_lines.push(json!({
            "id": l.line.id,
            "quantity": qty,
            "refund_total": json_number(sub),
            "refund_tax": taxes.iter().filter(|t| !t.1.is_zero()).map(|(id, t)| json!({"id": id, "refund_total": json_number(*t)})).collect::<Vec<_>>(),
        }));
    }

    // Shipping.
    let mut ship_left = Vec::new();
    for sl in &o.shipping_lines {
        let t = taken.get(&sl.id).unwrap_or(&none);
        let total = (dec(&sl.total)? - t.total).max(Decimal::ZERO);
        let mut taxes = Vec::new();
        for x in &sl.taxes {
            let left = (dec(&x.total)? - t.taxes.get(&x.id).copied().unwrap_or_default()).max(Decimal::ZERO);
            taxes.push((x.id, left));
        }
        ship_left.push((sl, total, taxes));
    }
    let shipping_left: Decimal = ship_left.iter().map(|s| s.1).sum();
    let mut shipping = Decimal::ZERO;
    let full_shipping = spec.is_full() || spec.shipping == ShippingPick::Full;
    if spec.shipping != ShippingPick::None && shipping_left.is_zero() {
        return Err(Error::usage(format!("order {number} has no shipping left to refund"))
            .with_hint("drop --shipping, or refund an amount with --amount"));
    }
    if let ShippingPick::Amount(a) = spec.shipping {
        if a <= Decimal::ZERO {
            return Err(Error::usage(format!("--shipping {a}: the amount must be more than 0"))
                .with_hint("omit the amount to refund all the shipping left"));
        }
        if a > shipping_left {
            return Err(Error::usage(format!(
                "a shipping refund of {} exceeds the shipping left to refund on order {number} ({})",
                show(a),
                show(shipping_left)
            ))
            .with_hint(format!(
                "refund at most {} of shipping (`--shipping` alone refunds all of it)",
                show(shipping_left)
            )));
        }
    }
    let mut rest = match spec.shipping {
        ShippingPick::Amount(a) => a,
        _ => Decimal::ZERO,
    };
    for (sl, left, taxes) in &ship_left {
        let (take, taxes): (Decimal, Vec<(u64, Decimal)>) = if full_shipping {
            (*left, taxes.clone())
        } else {
            let t = rest.min(*left);
            rest -= t;
            (t, vec![])
        };
        let tax: Decimal = taxes.iter().map(|t| t.1).sum();
        if take.is_zero() && tax.is_zero() {
            continue;
        }
        shipping += take;
        tax_total += tax;
        body_lines.push(json!({
            "id": sl.id,
            "refund_total": json_number(take),
            "refund_tax": taxes.iter().filter(|t| !t.1.is_zero()).map(|(id, t)| json!({"id": id, "refund_total": json_number(*t)})).collect::<Vec<_>>(),
        }));
    }

    // An amount not tied to lines; a full refund is exactly what is left.
    let mut adjustment = Decimal::ZERO;
    if let Some(a) = spec.amount {
        if a <= Decimal::ZERO {
            return Err(Error::usage(format!("--amount {a}: the amount must be more than 0")));
        }
        adjustment = a;
    }
    let lines_sum = items_total + tax_total + shipping;
    if spec.is_full() {
        adjustment = refundable - lines_sum;
    }
    let total = lines_sum + adjustment;
    if total > refundable {
        return Err(Error::usage(format!(
            "a refund of {} exceeds what is left to refund on order {number} ({})",
            show(total),
            show(refundable)
        ))
        .with_hint(format!(
            "refund at most {} (a refund without --amount, --item or --shipping refunds all of it)",
            show(refundable)
        )));
    }
    if total <= Decimal::ZERO {
        return Err(Error::usage(format!("nothing to refund on order {number} with these options"))
            .with_hint(what_is_left()));
    }
    let mut amount = round(total);
    amount.rescale(exp);
    let gateway = non_empty(&o.payment_method);
    let plan = json!({
        "order_id": o.id,
        "body": {
            "amount": amount.to_string(),
            "api_refund": !spec.record_only,
            "api_restock": spec.restock,
            "line_items": body_lines,
        },
    });
    Ok(RefundQuote {
        store: store.name.clone(),
        platform: "woocommerce".into(),
        order_id: o.id.to_string(),
        order_number: o.number.clone(),
        lines,
        shipping: Money::new(shipping, currency.clone()),
        tax: Money::new(tax_total, currency.clone()),
        adjustment: Money::new(adjustment, currency.clone()),
        total: Money::new(total, currency.clone()),
        refundable: Money::new(refundable, currency.clone()),
        gateway,
        online: !spec.record_only,
        restock: spec.restock,
        plan,
        currency,
    })
}

/// WooCommerce answers a refund it would not make with 500
/// `woocommerce_rest_cannot_create_order_refund` and deletes what it started: the outcome is
/// known (nothing refunded), so it must not read as "unknown, rerun".
fn refused(e: Error, store: &Store, number: &str) -> Error {
    if !e.message.contains("woocommerce_rest_cannot_create_order_refund") {
        return e;
    }
    let m = e.message.clone();
    let what = m.split_once("): ").map_or(m.as_str(), |(_, v)| v);
    let base =
        format!("store {} refused the refund on order {number} (nothing was refunded): {what}", store.name);
    if m.contains("Invalid refund amount") {
        Error::conflict(base).with_hint(
            "the order changed since the quote (another refund?): run the command again for a fresh quote",
        )
    } else if m.contains("does not support automatic refunds")
        || m.contains("payment gateway for this order does not exist")
    {
        Error::usage(base)
            .with_hint("refund the money in the payment provider, then record it here with --record-only")
    } else {
        Error::conflict(base).with_hint("the payment gateway declined: check the payment in its dashboard, or record a refund made there with --record-only")
    }
}

#[derive(Deserialize)]
struct NoteDto {
    id: u64,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    date_created_gmt: Option<String>,
    note: String,
    #[serde(default)]
    customer_note: bool,
}

impl NoteDto {
    fn into_domain(self) -> Note {
        Note {
            id: Some(self.id.to_string()),
            created_at: gmt(&self.date_created_gmt),
            author: self.author,
            text: self.note,
            customer_visible: self.customer_note,
        }
    }
}

#[derive(Deserialize)]
struct CustomerDto {
    id: u64,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
    #[serde(default)]
    date_created_gmt: Option<String>,
    #[serde(default)]
    billing: AddressDto,
}

impl CustomerDto {
    fn into_domain(self, store: &Store) -> Customer {
        let name = AddressDto {
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            ..Default::default()
        }
        .name()
        .or_else(|| self.billing.name());
        Customer {
            source: store.source("woocommerce", self.id.to_string()),
            name,
            email: non_empty(&self.email),
            phone: non_empty(&self.billing.phone),
            created_at: gmt(&self.date_created_gmt),
            orders_count: None,
            total_spent: None,
            default_address: self.billing.to_domain(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// platforms.md §2.10, trimmed: a variation line with `parent_name`, a refund.
    const ORDER_727: &str = r#"{"id":727,"parent_id":0,"number":"727","status":"processing","currency":"USD",
      "date_created":"2025-11-20T16:28:02","date_created_gmt":"2025-11-20T19:28:02",
      "discount_total":"0.00","shipping_total":"10.00","cart_tax":"1.35","total":"29.35","total_tax":"1.35",
      "customer_id":0,"customer_note":"",
      "billing":{"first_name":"John","last_name":"Doe","company":"","address_1":"969 Market","address_2":"","city":"San Francisco","state":"CA","postcode":"94103","country":"US","email":"john.doe@example.com","phone":"(555) 555-5555"},
      "shipping":{"first_name":"John","last_name":"Doe","company":"","address_1":"969 Market","address_2":"","city":"San Francisco","state":"CA","postcode":"94103","country":"US","phone":""},
      "payment_method":"bacs","payment_method_title":"Direct Bank Transfer",
      "line_items":[{"id":315,"name":"Woo Single #1","product_id":93,"variation_id":0,"quantity":2,"subtotal":"6.00","total":"6.00","sku":"WOO-1","price":3,"parent_name":null},
        {"id":316,"name":"Ship Your Idea - Black, M","product_id":22,"variation_id":23,"quantity":1,"subtotal":"12.00","total":"12.00","sku":"Bar3","price":12,"parent_name":"Ship Your Idea"}],
      "refunds":[{"id":726,"reason":"","total":"-10.00"}]}"#;

    fn store() -> Store {
        let cfg: crate::config::StoreConfig =
            toml::from_str("platform = \"woocommerce\"\nurl = \"https://example.com\"\nauth = \"basic\"")
                .unwrap();
        let client = crate::transport::Client::new(
            "t (woocommerce)".into(),
            cfg.url.clone(),
            crate::transport::AuthScheme::None,
            INFO.hooks,
            Default::default(),
            std::sync::Arc::new(crate::transport::log::Logger::quiet()),
        )
        .unwrap();
        Store { name: "t".into(), config: cfg, client }
    }

    #[test]
    fn maps_the_documented_order() {
        let o: OrderDto = serde_json::from_str(ORDER_727).unwrap();
        let records: Vec<FulfillmentDto> = serde_json::from_value(json!([{"id":1,"entity_type":"WC_Order","entity_id":"727",
            "status":"fulfilled","is_fulfilled":true,"date_updated":"2025-11-21T10:00:00","date_deleted":null,
            "meta_data":[{"id":1,"key":"_items","value":[{"item_id":315,"qty":2}]},{"id":2,"key":"_tracking_number","value":"1Z999AA10123456784"},
            {"id":3,"key":"_shipment_provider","value":"ups"}]}]))
        .unwrap();
        let d = o.into_domain(&store(), Some(records), &[]).unwrap();
        assert_eq!(d.number, "#727");
        assert_eq!(d.source.platform_id, "727");
        assert_eq!(d.created_at, "2025-11-20T19:28:02Z");
        assert_eq!(d.status, OrderStatus::Open);
        assert_eq!(d.financial_status, FinancialStatus::PartiallyRefunded);
        assert_eq!(d.fulfillment_status, FulfillmentStatus::Partial);
        assert_eq!(d.totals.total.to_string(), "29.35 USD");
        assert_eq!(d.totals.subtotal.to_string(), "18.00 USD");
        assert_eq!(d.totals.refunded.to_string(), "10.00 USD");
        assert_eq!(d.line_items[0].unit_price.amount.to_string(), "3");
        assert_eq!(d.line_items[1].title, "Ship Your Idea");
        assert_eq!(d.line_items[1].variant.as_deref(), Some("Black, M"));
        assert_eq!(d.email.as_deref(), Some("john.doe@example.com"));
        assert_eq!(d.customer.as_ref().unwrap().id, None, "guest");
        assert_eq!(d.fulfillments[0].tracking[0].carrier.as_deref(), Some("ups"));
        assert_eq!(d.fulfillments[0].items[0].sku.as_deref(), Some("WOO-1"));
        assert_eq!(d.gateways, vec!["Direct Bank Transfer".to_string()]);
    }

    /// §2.10 with what a quote needs: per-rate taxes, the shipping line, the gateway. Refund 726
    /// took 10.00 without lines.
    fn order_727() -> OrderDto {
        let mut v: Value = serde_json::from_str(ORDER_727).unwrap();
        v["payment_method"] = json!("bacs");
        v["date_paid_gmt"] = json!("2025-11-20T19:28:08");
        v["line_items"][0]["taxes"] = json!([{"id": 75, "total": "0.45", "subtotal": "0.45"}]);
        v["line_items"][0]["product_id"] = json!(93);
        v["line_items"][1]["taxes"] = json!([{"id": 75, "total": "0.9", "subtotal": "0.9"}]);
        v["shipping_lines"] = json!([{"id": 317, "method_title": "Flat Rate", "method_id": "flat_rate",
            "total": "10.00", "total_tax": "0.00", "taxes": [], "meta_data": []}]);
        serde_json::from_value(v).unwrap()
    }

    /// A refund as `GET /orders/727/refunds` lists it: one unit of line 315 with its tax.
    fn refund_of_one_woo_1(id: u64, meta: bool) -> RefundDto {
        let meta = if meta {
            json!([{"id": 9, "key": "_refunded_item_id", "value": "315", "display_key": "_refunded_item_id", "display_value": "315"}])
        } else {
            json!([])
        };
        serde_json::from_value(json!({"id": id, "date_created": "2025-11-21T10:00:00", "date_created_gmt": "2025-11-21T15:00:00",
            "amount": "3.23", "reason": "torn [shopdesk k1]", "refunded_by": 1, "refunded_payment": true, "meta_data": [],
            "line_items": [{"id": 400, "name": "Woo Single #1", "product_id": 93, "variation_id": 0, "quantity": -1,
                "tax_class": "", "subtotal": "-3.00", "subtotal_tax": "-0.23", "total": "-3.00", "total_tax": "-0.23",
                "taxes": [{"id": 75, "total": "-0.23", "subtotal": "-0.23"}], "meta_data": meta, "sku": "WOO-1", "price": 3}],
            "shipping_lines": [], "tax_lines": [], "fee_lines": []}))
        .unwrap()
    }

    fn spec(items: &[&str], shipping: ShippingPick) -> RefundSpec {
        RefundSpec {
            items: items.iter().map(|i| ItemPick::parse(i).unwrap()).collect(),
            shipping,
            ..Default::default()
        }
    }

    #[test]
    fn quote_one_unit_and_the_shipping() {
        let q = quote(&order_727(), &[], &spec(&["WOO-1:1"], ShippingPick::Full), &store()).unwrap();
        assert_eq!(q.order_id, "727");
        assert_eq!(q.order_number, "727", "the human number, as typed to confirm");
        assert_eq!(q.lines.len(), 1);
        assert_eq!((q.lines[0].quantity, q.lines[0].subtotal.to_string()), (1, "3.00 USD".into()));
        assert_eq!(q.lines[0].tax.to_string(), "0.23 USD", "0.225 rounds half away from zero");
        assert_eq!(q.shipping.to_string(), "10.00 USD");
        assert_eq!(q.total.to_string(), "13.23 USD");
        assert_eq!(q.refundable.to_string(), "19.35 USD", "29.35 less the 10.00 refunded");
        assert_eq!((q.online, q.restock, q.gateway.as_deref()), (true, false, Some("bacs")));
        assert_eq!(
            q.plan,
            json!({"order_id": 727, "body": {"amount": "13.23", "api_refund": true, "api_restock": false,
                "line_items": [{"id": 315, "quantity": 1, "refund_total": 3, "refund_tax": [{"id": 75, "refund_total": 0.23}]},
                    {"id": 317, "refund_total": 10, "refund_tax": []}]}})
        );
    }

    #[test]
    fn the_last_unit_takes_exactly_what_is_left() {
        for meta in [true, false] {
            let earlier = [refund_of_one_woo_1(730, meta)];
            let q = quote(&order_727(), &earlier, &spec(&["WOO-1"], ShippingPick::None), &store()).unwrap();
            assert_eq!(q.lines[0].quantity, 1, "one unit left (meta: {meta})");
            assert_eq!(q.lines[0].subtotal.to_string(), "3.00 USD");
            assert_eq!(q.lines[0].tax.to_string(), "0.22 USD", "0.45 − 0.23");
            let e =
                quote(&order_727(), &earlier, &spec(&["WOO-1:2"], ShippingPick::None), &store()).unwrap_err();
            assert_eq!(e.exit_code(), 2);
            assert!(e.message.contains("only 1 left"), "{}", e.message);
        }
    }

    #[test]
    fn a_sku_on_two_lines_takes_the_line_with_units_left() {
        let mut o = order_727();
        o.line_items[1].sku = Some("WOO-1".into());
        let earlier = [refund_of_one_woo_1(730, true), refund_of_one_woo_1(731, true)];
        let q = quote(&o, &earlier, &spec(&["WOO-1"], ShippingPick::None), &store()).unwrap();
        assert_eq!(q.lines[0].line_item_id, "316");
        assert_eq!(q.lines[0].subtotal.to_string(), "12.00 USD");
    }

    #[test]
    fn a_full_refund_is_exactly_what_is_left() {
        let q = quote(
            &order_727(),
            &[],
            &RefundSpec { record_only: true, restock: true, ..Default::default() },
            &store(),
        )
        .unwrap();
        assert_eq!(q.lines.iter().map(|l| l.quantity).collect::<Vec<_>>(), vec![2, 1]);
        assert_eq!(q.total.to_string(), "19.35 USD");
        assert_eq!(q.adjustment.to_string(), "-10.00 USD", "the earlier amount-only refund");
        assert_eq!(q.plan["body"]["amount"], "19.35");
        assert_eq!(q.plan["body"]["api_refund"], false, "--record-only");
        assert_eq!(q.plan["body"]["api_restock"], true);
        assert!(!q.online);
    }

    #[test]
    fn over_refunds_are_usage_errors_naming_what_is_left() {
        let o = order_727();
        let cases: Vec<(RefundSpec, &str)> = vec![
            (spec(&["WOO-1:3"], ShippingPick::None), "only 2 left"),
            (spec(&["NOPE"], ShippingPick::None), "not a SKU"),
            (
                spec(&[], ShippingPick::Amount(Decimal::new(1001, 2))),
                "shipping left to refund on order #727 (10.00 USD)",
            ),
            (RefundSpec { amount: Some(Decimal::new(1936, 2)), ..Default::default() }, "(19.35 USD)"),
            (RefundSpec { amount: Some(Decimal::ZERO), ..Default::default() }, "more than 0"),
        ];
        for (sp, want) in cases {
            let e = quote(&o, &[], &sp, &store()).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{sp:?}");
            assert!(e.message.contains(want), "{sp:?}: {}", e.message);
        }
        let e = quote(&o, &[], &spec(&["NOPE"], ShippingPick::None), &store()).unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("left to refund: WOO-1 ×2, Bar3 ×1"));
        // Lines, shipping and amount together may not pass what is left either.
        let sp = RefundSpec { amount: Some(Decimal::from(5)), ..spec(&["Bar3"], ShippingPick::Full) };
        let e = quote(&o, &[], &sp, &store()).unwrap_err();
        assert!(e.message.contains("a refund of 27.90 USD exceeds"), "{}", e.message);
        // An unpaid order has nothing to refund.
        let mut pending = order_727();
        pending.status = "pending".into();
        assert!(
            quote(&pending, &[], &RefundSpec::default(), &store())
                .unwrap_err()
                .message
                .contains("never paid")
        );
    }

    #[test]
    fn refunds_map_lines_and_markers() {
        let o = order_727();
        let r = refund_of_one_woo_1(730, false).to_domain(&o.currency().unwrap(), &o.line_items);
        assert_eq!(r.amount.to_string(), "3.23 USD");
        assert_eq!(r.note.as_deref(), Some("torn [shopdesk k1]"));
        assert_eq!(r.created_at.as_deref(), Some("2025-11-21T15:00:00Z"));
        assert_eq!(r.lines[0].line_item_id, "315", "by product when the meta is missing");
        assert_eq!((r.lines[0].quantity, r.lines[0].subtotal.to_string()), (1, "3.00 USD".into()));
        let d = order_727().into_domain(&store(), None, &[refund_of_one_woo_1(730, true)]).unwrap();
        assert_eq!(d.line_items[0].refundable_quantity, Some(1));
        assert_eq!(d.refunds[0].lines[0].title, "Woo Single #1");
    }

    #[test]
    fn a_refused_refund_is_not_an_unknown_outcome() {
        let e = Error::unavailable(
            "t (woocommerce) failed (HTTP 500): Invalid refund amount. [woocommerce_rest_cannot_create_order_refund]",
        );
        let r = refused(e, &store(), "#727");
        assert_eq!(r.exit_code(), 6);
        assert!(
            r.message.contains("nothing was refunded") && r.message.contains("Invalid refund amount."),
            "{}",
            r.message
        );
        let e = Error::unavailable(
            "t (woocommerce) failed (HTTP 500): The payment gateway for this order does not support automatic refunds. [woocommerce_rest_cannot_create_order_refund]",
        );
        assert!(refused(e, &store(), "#727").hint.unwrap().contains("--record-only"));
        let e = Error::unavailable("t (woocommerce) failed (HTTP 503): Service Unavailable [http_503]");
        assert_eq!(refused(e, &store(), "#727").exit_code(), 8, "a 503 stays an unknown outcome");
    }

    #[test]
    fn wordpress_error_bodies() {
        let s = reqwest::StatusCode::UNAUTHORIZED;
        assert_eq!(
            error_message(s, br#"{"code":"woocommerce_rest_authentication_error","message":"Invalid timestamp.","data":{"status":401}}"#).unwrap(),
            "Invalid timestamp. [woocommerce_rest_authentication_error]"
        );
        let e = error_message(s, br#"{"code":"rest_invalid_param","message":"Invalid parameter(s): per_page","data":{"status":400,"params":{"per_page":"per_page must be between 1 (inclusive) and 100 (inclusive)"}}}"#).unwrap();
        assert!(e.contains("between 1 (inclusive) and 100") && e.ends_with("[rest_invalid_param]"), "{e}");
        assert_eq!(error_message(s, b"<html>"), None);
    }

    #[test]
    fn status_filters_intersect_and_refuse_what_woocommerce_cannot_express() {
        let q = OrderQuery {
            status: Some(OrderStatus::Open),
            financial_status: Some(FinancialStatus::Paid),
            ..Default::default()
        };
        assert_eq!(status_filter(&q).unwrap(), Some(Some(vec!["processing"])));
        let q = OrderQuery {
            status: Some(OrderStatus::Closed),
            financial_status: Some(FinancialStatus::Pending),
            ..Default::default()
        };
        assert_eq!(status_filter(&q).unwrap(), None);
        assert_eq!(status_filter(&OrderQuery::default()).unwrap(), Some(None));
        let q = OrderQuery { fulfillment_status: Some(FulfillmentStatus::Partial), ..Default::default() };
        assert_eq!(status_filter(&q).unwrap_err().exit_code(), 2);
        let q = OrderQuery { financial_status: Some(FinancialStatus::Authorized), ..Default::default() };
        assert_eq!(status_filter(&q).unwrap_err().exit_code(), 2);
    }

    #[test]
    fn hints_for_auth_failures() {
        let e = explain(
            Error::auth(
                "x rejected the credentials (HTTP 401): Invalid timestamp. [woocommerce_rest_authentication_error]",
            ),
            &store(),
        );
        assert!(e.hint.unwrap().contains("sync the clock"));
        assert_eq!(provider_key("DHL Express"), "dhl");
        assert_eq!(provider_key("Royal Mail"), "Royal Mail");
    }
}
