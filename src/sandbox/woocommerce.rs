//! The WooCommerce REST API (`wc/v3`) emulator, mounted at `/woocommerce/{site}` — the site's
//! home URL; routes live under `{home}/wp-json/…` as on a WordPress site with pretty permalinks.
//!
//! # Sites
//! - [`demo::WOO_SITE`] (`demo-site`): WooCommerce 10.3 with the Order Fulfillments feature on.
//! - [`demo::WOO_LEGACY_SITE`] (`legacy-site`): the same shop without that feature: every
//!   `/orders/{id}/fulfillments…` route answers 404 `rest_no_route`, as WooCommerce does when
//!   `woocommerce_feature_fulfillments_enabled` is off.
//!
//! Each site has its own state (notes and fulfillments written to one do not appear on the
//! other). Data comes from [`seed::generate`] (the WooCommerce store's own, [`seed::Store::data`]). Order ids
//! are **not** the order numbers (id = number + 4000), as on a store running a sequential-number
//! plugin, so a client must resolve a number through `search` rather than assume `id == number`.
//!
//! # Auth, exactly as `class-wc-rest-authentication.php` (platforms.md §2.2)
//! Only `wp-json/wc/…` routes are authenticated (`is_request_to_rest_api`).
//! 1. Over TLS only (`is_ssl()`), Basic: `?consumer_key=&consumer_secret=` first, else the
//!    `Authorization: Basic` user/password. An unknown key is silently ignored; a known key with
//!    the wrong secret sets "Consumer secret is invalid." (with the Basic `WWW-Authenticate`).
//!    Over plain HTTP Basic is never looked at.
//! 2. Then OAuth 1.0a one-legged: parameters from the query string, a form-encoded body and the
//!    `Authorization: OAuth` header (PHP `array_merge`, later wins). No `oauth_*` parameter at all
//!    means "not trying OAuth": the request continues unauthenticated and the route's permission
//!    check answers 401 `woocommerce_rest_cannot_view` ("Sorry, you cannot list resources.").
//!    Some but not all of the five required ones: "Missing OAuth parameter(s) …". Then "Consumer
//!    key is invalid.", the signature (base string = METHOD & rawurlencode(home_url + path) &
//!    the strcmp-sorted params, each `key=value` rawurlencoded twice, joined by `%26`; key =
//!    consumer_secret + "&"; HMAC-SHA1 or HMAC-SHA256), then the ±15 minute timestamp window and
//!    the nonce list (kept per key, indexed by timestamp, as WooCommerce stores it).
//! 3. Key permissions: `read` keys get "The API key provided does not have write permissions."
//!    on writes.
//!
//! The home URL is the listener's own base (`http://127.0.0.1:PORT/woocommerce/{site}`, or the
//! `https://` one for requests that came over TLS), never the `Host` header — like WordPress's
//! `home_url()` option. The control toggle `{"clock_skew_secs": N}` shifts the server clock.
//!
//! # Routes
//! `GET wp-json/` (site index), `GET wc/v3/orders` (`page`, `per_page` 1–100, `offset`,
//! `search`, `status` CSV or `status[]`, `customer`, `after`/`before` + `dates_are_gmt`,
//! `include`, `order`, `orderby`), `GET wc/v3/orders/{id}`, `GET/POST wc/v3/orders/{id}/notes`,
//! `GET/POST wc/v3/orders/{id}/fulfillments`, `GET wc/v3/orders/{id}/fulfillments/{fid}`,
//! `GET wc/v3/customers` (`email`, `role` default `customer`, `search`, paging),
//! `GET wc/v3/customers/{id}`, `GET/POST wc/v3/orders/{id}/refunds`,
//! `GET wc/v3/orders/{id}/refunds/{rid}`. Lists send `X-WP-Total`, `X-WP-TotalPages` and `Link`
//! (`prev`/`next`). Anything else is 404 `rest_no_route`.
//!
//! # Refunds, as `wc_create_refund` and the v3 refunds controller do them
//! Seeded refunds are full `shop_order_refund` records (negated copies of the order's items
//! with `_refunded_item_id`); a new refund (see `create_refund`) is stored the same way, put
//! first in the order's `refunds[]` (`{id, reason, total: "-X.XX"}`), sets the status to
//! `refunded` once nothing is left (with WooCommerce's status note) and restocks with its note.
//! The order's `total` never changes. Errors: 400 `rest_invalid_param` for a non-string
//! `amount`, 400 `woocommerce_rest_invalid_order_refund` for a negative one, 500
//! `woocommerce_rest_cannot_create_order_refund` "Invalid refund amount." past the remaining
//! amount, 404 `woocommerce_rest_invalid_order_id`. Gateways: the Stripe/PayPal emulators are
//! not touched; `refunded_payment` records `api_refund`.
//!
//! # Decisions where the contract is silent [U]
//! - `search` matches the id or number exactly, or a substring of the billing/shipping names,
//!   billing email, or a line item name (case-insensitive). How HPOS search really matches is
//!   UNVERIFIED (platforms.md §6).
//! - A page past the end answers `[]` with the headers (no error).
//! - Store timezone is a fixed UTC−5 (local dates are `_gmt` minus five hours).
//! - The fulfillment error code for a body without `_items` is the sandbox's own.
//! - `after`/`before` are exclusive.
//! - Refund records never carry `refund_total` in answers (only requests do); `GET` refunds of
//!   an unknown order answers `[]`; refund item ids come from their own range (900000+).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State as AxState};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use base64::Engine;
use hmac::{KeyInit, Mac};
use jiff::{SignedDuration, Timestamp, tz};
use rust_decimal::Decimal;
use serde_json::{Value as Json, json};

use super::seed::{self, FinancialStatus, Order, SeedData};
use super::tracking::Carrier;
use super::webhooks::{Registry, Subscription};
use super::{Options, Shared, demo};

/// Order id = order number + this (a sequential-numbering plugin's world).
pub const ID_OFFSET: u64 = 4000;
/// The store's fixed UTC offset in hours.
const UTC_OFFSET_HOURS: i8 = -5;
/// WooCommerce's OAuth timestamp window.
const WINDOW_SECS: i64 = 15 * 60;
const VERSION: &str = "10.3.0";

struct Key {
    secret: &'static str,
    permissions: &'static str,
}

fn key(ck: &str) -> Option<Key> {
    match ck {
        demo::WOO_CONSUMER_KEY => Some(Key { secret: demo::WOO_CONSUMER_SECRET, permissions: "read_write" }),
        demo::WOO_READONLY_KEY => Some(Key { secret: demo::WOO_READONLY_SECRET, permissions: "read" }),
        _ => None,
    }
}

struct Site {
    fulfillments_enabled: bool,
    /// Oldest first (by number).
    orders: Vec<Json>,
    customers: Vec<Json>,
    /// Order id → notes, oldest first.
    notes: HashMap<u64, Vec<Json>>,
    /// Order id → fulfillments, oldest first.
    fulfillments: HashMap<u64, Vec<Json>>,
    next_note_id: u64,
    next_fulfillment_id: u64,
    next_meta_id: u64,
    /// Consumer key → (timestamp → nonce), as WooCommerce keeps `nonces` per key.
    nonces: HashMap<String, BTreeMap<i64, String>>,
    /// Order id → full refund records (`shop_order_refund`), newest first.
    refunds: HashMap<u64, Vec<Json>>,
    next_refund_id: u64,
    /// Ids for the items a refund copies (negative line, shipping and tax items).
    next_refund_item_id: u64,
    /// Product id → stock quantity, for products whose stock was touched by a restock.
    stock: HashMap<u64, i64>,
}

pub(crate) struct State {
    sites: HashMap<&'static str, Mutex<Site>>,
    base_url: String,
    tls_base_url: Option<String>,
}

impl State {
    pub(crate) fn new(opts: &Options, base_url: &str, tls_base_url: Option<&str>) -> State {
        let data = seed::Store::WooCommerce.data(opts.seed, opts.orders);
        let mut sites = HashMap::new();
        sites.insert(demo::WOO_SITE, Mutex::new(build_site(&data, true)));
        sites.insert(demo::WOO_LEGACY_SITE, Mutex::new(build_site(&data, false)));
        State { sites, base_url: base_url.to_string(), tls_base_url: tls_base_url.map(str::to_string) }
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/woocommerce/{site}/{*rest}", any(handle))
}

// ---- rendering helpers ----------------------------------------------------------------------

fn local(t: Timestamp) -> String {
    let off = tz::Offset::constant(UTC_OFFSET_HOURS);
    t.to_zoned_datetime(tz::TimeZone::fixed(off)).datetime().strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

fn gmt(t: Timestamp) -> String {
    t.to_zoned_datetime(tz::TimeZone::UTC).datetime().strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

fn dates(prefix: &str, t: Option<Timestamp>, out: &mut serde_json::Map<String, Json>) {
    out.insert(prefix.to_string(), t.map(local).map_or(Json::Null, Json::String));
    out.insert(format!("{prefix}_gmt"), t.map(gmt).map_or(Json::Null, Json::String));
}

/// A decimal string with 2 places (`dp` default).
fn dp(d: Decimal) -> String {
    let mut r = d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    r.to_string()
}

/// A JSON number (`line_items[].price`), printed like PHP's float: `3`, `12.5`.
fn number(d: Decimal) -> Json {
    serde_json::from_str(&d.normalize().to_string()).unwrap_or(Json::Null)
}

fn symbol(currency: &str) -> &'static str {
    match currency {
        "EUR" => "€",
        "GBP" => "£",
        _ => "$",
    }
}

fn provider(c: Carrier) -> &'static str {
    match c {
        Carrier::Ups => "ups",
        Carrier::FedEx => "fedex",
        Carrier::Usps => "usps",
        Carrier::DhlExpress => "dhl",
    }
}

fn is_guest(customer: usize) -> bool {
    customer % 9 == 8
}

fn wp_user_id(customer: usize) -> u64 {
    customer as u64 + 2
}

fn status_of(o: &Order) -> &'static str {
    if o.cancelled_at.is_some() {
        return "cancelled";
    }
    match o.financial_status {
        FinancialStatus::Pending if o.number.is_multiple_of(7) => "failed",
        FinancialStatus::Pending if o.number.is_multiple_of(3) => "on-hold",
        FinancialStatus::Pending => "pending",
        FinancialStatus::Refunded => "refunded",
        FinancialStatus::Voided => "cancelled",
        FinancialStatus::Paid | FinancialStatus::PartiallyRefunded => {
            let delivered =
                !o.fulfillments.is_empty() && o.fulfillments.iter().all(|f| f.delivered_at.is_some());
            if o.fulfillment_status() == "fulfilled" && delivered { "completed" } else { "processing" }
        }
    }
}

fn address_json(a: &seed::Address, email: Option<&str>) -> Json {
    let mut v = json!({
        "first_name": a.first_name, "last_name": a.last_name,
        "company": a.company.clone().unwrap_or_default(),
        "address_1": a.address1, "address_2": a.address2.clone().unwrap_or_default(),
        "city": a.city, "state": a.province_code, "postcode": a.zip, "country": a.country_code,
    });
    if let Some(e) = email {
        v["email"] = json!(e);
    }
    v["phone"] = json!(a.phone.clone().unwrap_or_default());
    v
}

fn build_site(data: &SeedData, fulfillments_enabled: bool) -> Site {
    let mut item_id = 100u64;
    let mut note_id = 300u64;
    let mut fid = 1u64;
    let mut meta_id = 1u64;
    let mut refund_id = 9000u64;
    let mut refund_item_id = REFUND_ITEM_IDS;
    let mut refund_records = HashMap::new();
    let mut orders = Vec::new();
    let mut notes = HashMap::new();
    let mut fulfillments = HashMap::new();
    let home = "https://demo-site.example";
    for o in &data.orders {
        let id = u64::from(o.number) + ID_OFFSET;
        let c = &data.customers[o.customer];
        let status = status_of(o);
        let tax = o.tax();
        // Line items: the order-level discount sits on the first line; tax per line, the last
        // line absorbing rounding so the lines add up to the order's tax.
        let mut line_json = Vec::new();
        let mut item_ids = Vec::new();
        let mut tax_left = tax;
        let n = o.line_items.len();
        for (i, li) in o.line_items.iter().enumerate() {
            item_id += 1;
            item_ids.push(item_id);
            let subtotal = li.total();
            let total = if i == 0 { subtotal - o.discount } else { subtotal };
            let line_tax = if i + 1 == n {
                tax_left
            } else {
                (total * o.tax_rate)
                    .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            };
            tax_left -= line_tax;
            let sub_tax = (subtotal * o.tax_rate).round_dp(2);
            line_json.push(json!({
                "id": item_id, "name": li.name(),
                "product_id": 10 + li.sku.len() as u64 * 7 + (li.unit_price.mantissa() as u64 % 50),
                "variation_id": if li.variant_title.is_some() { 200 + item_id % 90 } else { 0 },
                "quantity": li.quantity, "tax_class": "",
                "subtotal": dp(subtotal), "subtotal_tax": dp(sub_tax),
                "total": dp(total), "total_tax": dp(line_tax),
                "taxes": [{"id": 1, "total": dp(line_tax), "subtotal": dp(sub_tax)}],
                "meta_data": [], "sku": li.sku,
                "price": number(total / Decimal::from(li.quantity)),
                "image": {"id": 0, "src": ""},
                "parent_name": if li.variant_title.is_some() { json!(li.title) } else { Json::Null },
            }));
        }
        item_id += 1;
        let ship_id = item_id;
        item_id += 1;
        let tax_line_id = item_id;
        let coupon_lines = if o.discount.is_zero() {
            json!([])
        } else {
            item_id += 1;
            json!([{"id": item_id, "code": "save10", "discount": dp(o.discount), "discount_tax": "0.00", "meta_data": []}])
        };
        // The order's `refunds[]` summary, newest first as `get_refunds()` orders them, and the
        // full refund records `GET /orders/{id}/refunds` serves.
        let mut refunds: Vec<Json> = Vec::new();
        let mut records: Vec<Json> = Vec::new();
        for r in &o.refunds {
            refund_id += 1;
            refunds.insert(0, json!({"id": refund_id, "reason": r.note.clone().unwrap_or_default(), "total": format!("-{}", dp(r.total()))}));
            let mut lines = Vec::new();
            for l in &r.lines {
                refund_item_id += 1;
                let src = &line_json[l.line_item];
                lines.push(refund_line(src, refund_item_id, l.quantity, l.subtotal, &[(1, l.tax)]));
            }
            let mut ships = Vec::new();
            if !r.shipping.is_zero() {
                refund_item_id += 1;
                ships.push(refund_shipping(&shipping_line_json(o, ship_id), refund_item_id, r.shipping));
            }
            let tax: Decimal = r.lines.iter().map(|l| l.tax).sum();
            let tax_lines = if tax.is_zero() {
                vec![]
            } else {
                refund_item_id += 1;
                vec![refund_tax_line(&o.shipping_address.country_code, o.tax_rate, refund_item_id, tax)]
            };
            let mut rec = serde_json::Map::new();
            rec.insert("id".into(), json!(refund_id));
            dates("date_created", Some(r.created_at), &mut rec);
            rec.insert("amount".into(), json!(dp(r.total())));
            rec.insert("reason".into(), json!(r.note.clone().unwrap_or_default()));
            rec.insert("refunded_by".into(), json!(1));
            rec.insert("refunded_payment".into(), json!(true));
            rec.insert("meta_data".into(), json!([]));
            rec.insert("line_items".into(), Json::Array(lines));
            rec.insert("shipping_lines".into(), Json::Array(ships));
            rec.insert("tax_lines".into(), Json::Array(tax_lines));
            rec.insert("fee_lines".into(), json!([]));
            records.insert(0, Json::Object(rec));
        }
        refund_records.insert(id, records);
        let paid = !matches!(status, "pending" | "on-hold" | "failed") && o.cancelled_at.is_none();
        let gateway = if o.gateway == "paypal" {
            ("ppcp-gateway", "PayPal")
        } else {
            ("stripe", "Credit Card (Stripe)")
        };
        let completed_at = (status == "completed")
            .then(|| o.fulfillments.iter().filter_map(|f| f.delivered_at).max())
            .flatten();
        let mut m = serde_json::Map::new();
        m.insert("id".into(), json!(id));
        m.insert("parent_id".into(), json!(0));
        m.insert("status".into(), json!(status));
        m.insert("currency".into(), json!(o.currency));
        m.insert("version".into(), json!(VERSION));
        m.insert("prices_include_tax".into(), json!(false));
        dates("date_created", Some(o.created_at), &mut m);
        dates("date_modified", Some(o.updated_at()), &mut m);
        m.insert("discount_total".into(), json!(dp(o.discount)));
        m.insert("discount_tax".into(), json!("0.00"));
        m.insert("shipping_total".into(), json!(dp(o.shipping_line.price)));
        m.insert("shipping_tax".into(), json!("0.00"));
        m.insert("cart_tax".into(), json!(dp(tax)));
        m.insert("total".into(), json!(dp(o.total())));
        m.insert("total_tax".into(), json!(dp(tax)));
        m.insert("customer_id".into(), json!(if is_guest(o.customer) { 0 } else { wp_user_id(o.customer) }));
        m.insert("order_key".into(), json!(format!("wc_order_{:013x}", o.id & 0xF_FFFF_FFFF_FFFF)));
        m.insert("billing".into(), address_json(&c.address, Some(&o.email)));
        m.insert("shipping".into(), address_json(&o.shipping_address, None));
        m.insert("payment_method".into(), json!(gateway.0));
        m.insert("payment_method_title".into(), json!(gateway.1));
        m.insert(
            "transaction_id".into(),
            json!(if paid { format!("ch_{:024x}", o.id) } else { String::new() }),
        );
        m.insert("customer_ip_address".into(), json!(""));
        m.insert("customer_user_agent".into(), json!(""));
        m.insert("created_via".into(), json!("checkout"));
        m.insert("customer_note".into(), json!(o.note.clone().unwrap_or_default()));
        dates("date_completed", completed_at, &mut m);
        dates("date_paid", paid.then_some(o.created_at + SignedDuration::from_secs(40)), &mut m);
        m.insert("cart_hash".into(), json!(""));
        m.insert("number".into(), json!(o.number.to_string()));
        m.insert("meta_data".into(), json!([]));
        m.insert("line_items".into(), Json::Array(line_json));
        m.insert(
            "tax_lines".into(),
            json!([tax_line_json(&o.shipping_address.country_code, o.tax_rate, tax_line_id, dp(tax))]),
        );
        m.insert("shipping_lines".into(), json!([shipping_line_json(o, ship_id)]));
        m.insert("fee_lines".into(), json!([]));
        m.insert("coupon_lines".into(), coupon_lines);
        m.insert("refunds".into(), Json::Array(refunds));
        m.insert(
            "payment_url".into(),
            json!(format!(
                "{home}/checkout/order-pay/{id}/?pay_for_order=true&key=wc_order_{:013x}",
                o.id & 0xF_FFFF_FFFF_FFFF
            )),
        );
        m.insert("is_editable".into(), json!(matches!(status, "pending" | "on-hold" | "failed")));
        m.insert("needs_payment".into(), json!(matches!(status, "pending" | "failed")));
        m.insert("needs_processing".into(), json!(true));
        m.insert("date_created_gmt".into(), json!(gmt(o.created_at)));
        m.insert("currency_symbol".into(), json!(symbol(o.currency)));
        orders.push(Json::Object(m));

        // Notes, as WooCommerce writes them.
        let mut ns = Vec::new();
        let mut note = |at: Timestamp, author: &str, text: String, customer: bool| {
            note_id += 1;
            json!({"id": note_id, "author": author, "date_created": local(at), "date_created_gmt": gmt(at),
                "note": text, "customer_note": customer})
        };
        let t0 = o.created_at + SignedDuration::from_secs(45);
        match status {
            "pending" => {}
            "on-hold" => ns.push(note(
                t0,
                "system",
                "Awaiting BACS payment Order status changed from Pending payment to On hold.".into(),
                false,
            )),
            "failed" => ns.push(note(
                t0,
                "system",
                "Order status changed from Pending payment to Failed.".into(),
                false,
            )),
            "cancelled" => {
                let at = o.cancelled_at.unwrap_or(t0);
                ns.push(note(
                    at,
                    "system",
                    "Order status changed from Processing to Cancelled.".into(),
                    false,
                ));
            }
            _ => ns.push(note(
                t0,
                "system",
                "Order status changed from Pending payment to Processing.".into(),
                false,
            )),
        }
        for r in &o.refunds {
            let text = format!(
                "Refunded {}{} – {}",
                symbol(o.currency),
                dp(r.total()),
                r.note.clone().unwrap_or_default()
            );
            ns.push(note(r.created_at, "system", text, false));
        }
        if let Some(at) = completed_at {
            ns.push(note(at, "system", "Order status changed from Processing to Completed.".into(), false));
        }
        if o.number == 1001 {
            let at = o.created_at + SignedDuration::from_hours(30);
            ns.push(note(
                at,
                "Shop Manager",
                "Customer called: the second tee arrived torn; refund agreed.".into(),
                false,
            ));
        }
        ns.sort_by_key(|n| n["date_created_gmt"].as_str().unwrap_or_default().to_string());
        notes.insert(id, ns);

        // Fulfillments (the 10.1+ feature's records).
        let mut fs = Vec::new();
        for f in &o.fulfillments {
            let items: Vec<Json> = f
                .lines
                .iter()
                .map(|l| json!({"item_id": item_ids[l.line_item], "qty": l.quantity}))
                .collect();
            let mut meta = Vec::new();
            for (k, v) in [
                ("_items", Json::Array(items)),
                ("_tracking_number", json!(f.tracking_number)),
                ("_shipment_provider", json!(provider(f.carrier))),
                ("_tracking_url", json!(f.tracking_url)),
            ] {
                meta.push(json!({"id": meta_id, "key": k, "value": v}));
                meta_id += 1;
            }
            fs.push(json!({"id": fid, "entity_type": "WC_Order", "entity_id": id.to_string(), "status": "fulfilled",
                "is_fulfilled": true, "date_updated": local(f.created_at), "date_deleted": null, "meta_data": meta}));
            fid += 1;
        }
        fulfillments.insert(id, fs);
    }
    let customers = data
        .customers
        .iter()
        .enumerate()
        .filter(|(i, _)| !is_guest(*i))
        .map(|(i, c)| {
            let mut m = serde_json::Map::new();
            m.insert("id".into(), json!(wp_user_id(i)));
            dates("date_created", Some(c.created_at), &mut m);
            dates("date_modified", Some(c.created_at + SignedDuration::from_hours(24)), &mut m);
            m.insert("email".into(), json!(c.email));
            m.insert("first_name".into(), json!(c.first_name));
            m.insert("last_name".into(), json!(c.last_name));
            m.insert("role".into(), json!(if i % 11 == 5 { "subscriber" } else { "customer" }));
            m.insert("username".into(), json!(c.email.split('@').next().unwrap_or_default()));
            m.insert("billing".into(), address_json(&c.address, Some(&c.email)));
            m.insert("shipping".into(), address_json(&c.address, None));
            m.insert("is_paying_customer".into(), json!(data.customer_orders(i).next().is_some()));
            m.insert("avatar_url".into(), json!("https://secure.gravatar.com/avatar/?s=96&d=mm&r=g"));
            m.insert("meta_data".into(), json!([]));
            Json::Object(m)
        })
        .collect();
    Site {
        fulfillments_enabled,
        orders,
        customers,
        notes,
        fulfillments,
        next_note_id: note_id + 1,
        next_fulfillment_id: fid,
        next_meta_id: meta_id,
        nonces: HashMap::new(),
        refunds: refund_records,
        next_refund_id: refund_id + 1,
        next_refund_item_id: refund_item_id + 1,
        stock: HashMap::new(),
    }
}

/// Refund items (and refunds) are order items and posts in WooCommerce, numbered with
/// everything else; the sandbox keeps them in their own range so seeded order item ids stay put.
const REFUND_ITEM_IDS: u64 = 900_000;

fn shipping_line_json(o: &Order, id: u64) -> Json {
    let free = o.shipping_line.price.is_zero();
    json!({"id": id, "method_title": o.shipping_line.title,
        "method_id": if free { "free_shipping" } else { "flat_rate" }, "instance_id": "1",
        "total": dp(o.shipping_line.price), "total_tax": "0.00", "taxes": [], "meta_data": []})
}

fn tax_line_json(country: &str, rate: Decimal, id: u64, total: String) -> Json {
    json!({"id": id, "rate_code": format!("{country}-TAX-1"), "rate_id": 1,
        "label": "Tax", "compound": false, "tax_total": total, "shipping_tax_total": "0.00",
        "rate_percent": number(rate * Decimal::from(100)), "meta_data": []})
}

/// A raw tax amount as WooCommerce stores it in item meta and shows it in `taxes[]`: PHP's
/// float-to-string (`-0.8`, not `-0.80`).
fn raw(d: Decimal) -> String {
    d.round_dp(4).normalize().to_string()
}

/// The `_refunded_item_id` meta every refund item carries (shown in `meta_data`).
fn refunded_item_meta(refund_item: u64, original: &Json) -> Json {
    let v = original["id"].as_u64().unwrap_or_default().to_string();
    json!([{"id": refund_item + 1_000_000, "key": "_refunded_item_id", "value": v,
        "display_key": "_refunded_item_id", "display_value": v}])
}

/// A refund's copy of order line `src`, negated, as `wc_create_refund` writes it: quantity
/// `-qty`, totals `-refund_total`, taxes per rate id.
fn refund_line(src: &Json, id: u64, qty: u32, refund_total: Decimal, taxes: &[(u64, Decimal)]) -> Json {
    let tax: Decimal = taxes.iter().map(|(_, t)| *t).sum();
    let taxes: Vec<Json> = taxes
        .iter()
        .filter(|(_, t)| !t.is_zero())
        .map(|(rate, t)| json!({"id": rate, "total": raw(-*t), "subtotal": raw(-*t)}))
        .collect();
    let price = if qty == 0 { Json::from(0) } else { number(refund_total / Decimal::from(qty)) };
    json!({"id": id, "name": src["name"], "product_id": src["product_id"], "variation_id": src["variation_id"],
        "quantity": -i64::from(qty), "tax_class": "",
        "subtotal": dp(-refund_total), "subtotal_tax": dp(-tax), "total": dp(-refund_total), "total_tax": dp(-tax),
        "taxes": taxes, "meta_data": refunded_item_meta(id, src), "sku": src["sku"], "price": price,
        "image": {"id": 0, "src": ""}, "parent_name": src["parent_name"]})
}

/// A refund's copy of shipping line `src`.
fn refund_shipping(src: &Json, id: u64, refund_total: Decimal) -> Json {
    json!({"id": id, "method_title": src["method_title"], "method_id": src["method_id"],
        "instance_id": src["instance_id"], "total": dp(-refund_total), "total_tax": "0.00", "taxes": [],
        "meta_data": refunded_item_meta(id, src)})
}

fn refund_tax_line(country: &str, rate: Decimal, id: u64, tax: Decimal) -> Json {
    tax_line_json(country, rate, id, dp(-tax))
}

// ---- WordPress REST responses ---------------------------------------------------------------

fn wp_error(status: u16, code: &str, message: &str) -> Response {
    wp_error_data(status, code, message, json!({"status": status}))
}

fn wp_error_data(status: u16, code: &str, message: &str, data: Json) -> Response {
    let s = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    (s, axum::Json(json!({"code": code, "message": message, "data": data}))).into_response()
}

fn no_route() -> Response {
    wp_error(404, "rest_no_route", "No route was found matching the URL and request method.")
}

fn invalid_param(params: BTreeMap<String, String>) -> Response {
    let names = params.keys().cloned().collect::<Vec<_>>().join(", ");
    wp_error_data(
        400,
        "rest_invalid_param",
        &format!("Invalid parameter(s): {names}"),
        json!({"status": 400, "params": params}),
    )
}

fn ok(v: Json) -> Response {
    (StatusCode::OK, axum::Json(v)).into_response()
}

// ---- PHP request parsing ----------------------------------------------------------------------

/// A PHP request value: a string or an (ordered) array.
#[derive(Debug, Clone, PartialEq)]
pub enum PVal {
    S(String),
    A(Vec<(String, PVal)>),
}

impl PVal {
    fn as_str(&self) -> Option<&str> {
        match self {
            PVal::S(s) => Some(s),
            PVal::A(_) => None,
        }
    }
}

pub type Params = Vec<(String, PVal)>;

fn get<'a>(p: &'a Params, k: &str) -> Option<&'a PVal> {
    p.iter().find(|(x, _)| x == k).map(|(_, v)| v)
}

fn set(p: &mut Params, k: String, v: PVal) {
    match p.iter_mut().find(|(x, _)| *x == k) {
        Some(slot) => slot.1 = v,
        None => p.push((k, v)),
    }
}

/// PHP `urldecode`: `+` is a space, then `%XX`.
fn urldecode(s: &str) -> String {
    rawurldecode(&s.replace('+', " "))
}

/// PHP `rawurldecode`: `%XX` only.
fn rawurldecode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), b.get(i + 2).and_then(|c| hex(*c)))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// PHP `rawurlencode` (RFC 3986: everything but `A-Z a-z 0-9 - _ . ~`).
fn rawurlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// PHP `parse_str` as it fills `$_GET`/`$_POST`: later duplicates win, `a[]`/`a[k]` build
/// arrays (one level), `.` and ` ` in names become `_`.
fn parse_str(s: &str) -> Params {
    let mut p = Params::new();
    for pair in s.split('&').filter(|x| !x.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let (k, v) = (urldecode(k), urldecode(v));
        match k.find('[') {
            Some(open) if open > 0 && k.ends_with(']') => {
                let name = k[..open].replace(['.', ' '], "_");
                let sub = k[open + 1..k.len() - 1].to_string();
                let mut arr = match get(&p, &name) {
                    Some(PVal::A(a)) => a.clone(),
                    _ => Vec::new(),
                };
                let sub = if sub.is_empty() {
                    let next =
                        arr.iter().filter_map(|(k, _)| k.parse::<i64>().ok()).max().map_or(0, |m| m + 1);
                    next.to_string()
                } else {
                    sub
                };
                set(&mut arr, sub, PVal::S(v));
                set(&mut p, name, PVal::A(arr));
            }
            _ => set(&mut p, k.replace(['.', ' '], "_"), PVal::S(v)),
        }
    }
    p
}

/// `WC_REST_Authentication::parse_header`.
fn parse_oauth_header(h: &str) -> Params {
    let mut p = Params::new();
    if !h.starts_with("OAuth ") {
        return p;
    }
    let mut rest = h;
    while let Some(at) = rest.find("oauth_") {
        let after = &rest[at..];
        let key_len =
            after[6..].bytes().take_while(|c| c.is_ascii_lowercase() || *c == b'_' || *c == b'-').count();
        let key = &after[..6 + key_len];
        let tail = &after[6 + key_len..];
        let Some(tail) = tail.strip_prefix('=') else {
            rest = &after[6..];
            continue;
        };
        let tail = tail.strip_prefix(':').unwrap_or(tail);
        let (value, consumed) = if let Some(q) = tail.strip_prefix('"')
            && let Some(end) = q.find('"')
        {
            (&q[..end], end + 2)
        } else {
            let end = tail.find(',').unwrap_or(tail.len());
            (&tail[..end], end)
        };
        set(&mut p, key.to_string(), PVal::S(urldecode(value)));
        rest = &tail[consumed.min(tail.len())..];
    }
    p
}

fn php_empty(v: Option<&PVal>) -> bool {
    match v {
        None => true,
        Some(PVal::S(s)) => s.is_empty() || s == "0",
        Some(PVal::A(a)) => a.is_empty(),
    }
}

/// `normalize_parameters` + `join_with_equals_sign`: the signed parameter string.
pub fn signed_parameter_string(params: &[(String, PVal)]) -> String {
    fn enc_val(v: &PVal) -> PVal {
        match v {
            PVal::S(s) => PVal::S(rawurlencode(s)),
            PVal::A(a) => PVal::A(a.iter().map(|(k, v)| (k.clone(), enc_val(v))).collect()),
        }
    }
    fn join(params: &[(String, PVal)], prefix: Option<&str>, out: &mut Vec<String>) {
        for (k, v) in params {
            let key = match prefix {
                Some(p) => format!("{p}%5B{k}%5D"),
                None => k.clone(),
            };
            match v {
                PVal::A(a) => join(a, Some(&key), out),
                PVal::S(s) => out.push(rawurlencode(&format!("{key}={s}"))),
            }
        }
    }
    let mut sorted: Vec<(String, PVal)> = params.to_vec();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let normalized: Vec<(String, PVal)> = sorted.iter().map(|(k, v)| (rawurlencode(k), enc_val(v))).collect();
    let mut out = Vec::new();
    join(&normalized, None, &mut out);
    out.join("%26")
}

/// The string WooCommerce signs.
pub fn string_to_sign(method: &str, home_url_with_path: &str, params: &[(String, PVal)]) -> String {
    format!(
        "{}&{}&{}",
        method.to_ascii_uppercase(),
        rawurlencode(home_url_with_path),
        signed_parameter_string(params)
    )
}

/// base64(HMAC(string, secret + "&")); `algo` is `sha1` or `sha256`.
pub fn signature(algo: &str, consumer_secret: &str, string_to_sign: &str) -> String {
    let key = format!("{consumer_secret}&");
    let raw = if algo == "sha1" {
        let mut m = hmac::Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()).expect("any key length");
        m.update(string_to_sign.as_bytes());
        m.finalize().into_bytes().to_vec()
    } else {
        let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).expect("any key length");
        m.update(string_to_sign.as_bytes());
        m.finalize().into_bytes().to_vec()
    };
    base64::engine::general_purpose::STANDARD.encode(raw)
}

/// Public for the adapter-independent signature tests.
pub fn params_from(query: &str, form: &str, auth_header: Option<&str>) -> Vec<(String, String)> {
    oauth_params(query, form, auth_header)
        .into_iter()
        .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_string())))
        .collect()
}

fn oauth_params(query: &str, form: &str, auth_header: Option<&str>) -> Params {
    let mut p = parse_str(query);
    for (k, v) in parse_str(form) {
        set(&mut p, k, v);
    }
    if let Some(h) = auth_header {
        for (k, v) in parse_oauth_header(h.trim()) {
            set(&mut p, k, v);
        }
    }
    p
}

/// Verifies an OAuth-signed request exactly as WooCommerce does; `Ok(None)` when the request
/// carries no OAuth parameter at all.
pub fn verify_oauth(
    method: &str,
    home_url_with_path: &str,
    query: &str,
    form: &str,
    auth_header: Option<&str>,
    now: i64,
    nonces: &mut HashMap<String, BTreeMap<i64, String>>,
) -> Result<Option<(String, &'static str)>, (&'static str, String)> {
    const AUTH: &str = "woocommerce_rest_authentication_error";
    let mut params = oauth_params(query, form, auth_header);
    let required =
        ["oauth_consumer_key", "oauth_timestamp", "oauth_nonce", "oauth_signature", "oauth_signature_method"];
    let missing: Vec<&str> = required.iter().copied().filter(|k| php_empty(get(&params, k))).collect();
    if missing.len() == required.len() {
        return Ok(None);
    }
    if !missing.is_empty() {
        let word = if missing.len() == 1 { "parameter" } else { "parameters" };
        return Err((
            "woocommerce_rest_authentication_missing_parameter",
            format!("Missing OAuth {word} {}", missing.join(", ")),
        ));
    }
    let s = |p: &Params, k: &str| get(p, k).and_then(PVal::as_str).unwrap_or_default().to_string();
    let ck = s(&params, "oauth_consumer_key");
    let Some(k) = key(&ck) else {
        return Err((AUTH, "Consumer key is invalid.".into()));
    };
    let provided = rawurldecode(&s(&params, "oauth_signature").replace(' ', "+"));
    params.retain(|(k, _)| k != "oauth_signature");
    let method_name = s(&params, "oauth_signature_method");
    let base = string_to_sign(method, home_url_with_path, &params);
    let algo = match method_name.as_str() {
        "HMAC-SHA1" => "sha1",
        "HMAC-SHA256" => "sha256",
        _ => return Err((AUTH, "Invalid signature - signature method is invalid.".into())),
    };
    let expected = signature(algo, k.secret, &base);
    if !constant_time_eq(expected.as_bytes(), provided.as_bytes()) {
        return Err((AUTH, "Invalid signature - provided signature does not match.".into()));
    }
    let ts: i64 = match s(&params, "oauth_timestamp").trim().parse() {
        Ok(t) => t,
        Err(_) => return Err((AUTH, "Invalid timestamp.".into())),
    };
    if ts < now - WINDOW_SECS || ts > now + WINDOW_SECS {
        return Err((AUTH, "Invalid timestamp.".into()));
    }
    let nonce = s(&params, "oauth_nonce");
    let used = nonces.entry(ck.clone()).or_default();
    if used.values().any(|n| *n == nonce) {
        return Err((AUTH, "Invalid nonce - nonce has already been used.".into()));
    }
    used.insert(ts, nonce);
    used.retain(|t, _| *t >= now - WINDOW_SECS);
    Ok(Some((ck, k.permissions)))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

// ---- the handler ------------------------------------------------------------------------------

struct Req {
    method: Method,
    params: HashMap<String, String>,
    /// `key[]` / CSV lists.
    lists: HashMap<String, Vec<String>>,
    json: Option<Json>,
    raw_query: String,
}

impl Req {
    fn param(&self, k: &str) -> Option<String> {
        if let Some(v) = self.json.as_ref().and_then(|j| j.get(k)) {
            return Some(match v {
                Json::String(s) => s.clone(),
                other => other.to_string(),
            });
        }
        self.params.get(k).cloned()
    }
    fn list(&self, k: &str) -> Option<Vec<String>> {
        if let Some(l) = self.lists.get(k) {
            return Some(l.clone());
        }
        self.params
            .get(k)
            .map(|v| v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
    }
}

fn truthy(v: Option<String>) -> bool {
    matches!(v.as_deref(), Some("true" | "1" | "yes"))
}

async fn handle(
    AxState(s): AxState<Arc<Shared>>,
    Path((site_name, rest)): Path<(String, String)>,
    method: Method,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    tls: Option<axum::Extension<super::tls::ViaTls>>,
    body: Bytes,
) -> Response {
    let st = &s.woocommerce;
    let Some(site) = st.sites.get(site_name.as_str()) else {
        return no_route();
    };
    let via_tls = tls.is_some();
    let base = if via_tls { st.tls_base_url.clone().unwrap_or_default() } else { st.base_url.clone() };
    let home = format!("{base}/woocommerce/{site_name}");
    let query = query.unwrap_or_default();
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let form = if is_form { String::from_utf8_lossy(&body).into_owned() } else { String::new() };
    let rest = rest.trim_end_matches('/').to_string();
    let skew = s.control().clock_skew_secs;
    let now = Timestamp::now().as_second() + skew;
    let mut site = site.lock().unwrap_or_else(|e| e.into_inner());

    if rest == "wp-json" {
        return ok(json!({
            "name": "Demo Site", "description": "A WooCommerce sandbox store",
            "url": home, "home": home, "gmt_offset": UTC_OFFSET_HOURS.to_string(), "timezone_string": "",
            "namespaces": if site.fulfillments_enabled { json!(["oembed/1.0", "wc/v3", "wc/store/v1", "wc-admin", "wp/v2"]) } else { json!(["oembed/1.0", "wc/v3", "wc/store/v1", "wp/v2"]) },
            "authentication": [], "site_logo": 0, "site_icon": 0,
        }));
    }
    let Some(route) = rest.strip_prefix("wp-json/") else {
        return no_route();
    };

    // Authentication (only for WooCommerce routes).
    let mut user: Option<&'static str> = None;
    if route.starts_with("wc/") || route.starts_with("wc-") {
        let mut basic_error = false;
        if via_tls {
            let qp = parse_str(&query);
            let (mut ck, mut cs) = (String::new(), String::new());
            if !php_empty(get(&qp, "consumer_key")) && !php_empty(get(&qp, "consumer_secret")) {
                ck = get(&qp, "consumer_key").and_then(PVal::as_str).unwrap_or_default().to_string();
                cs = get(&qp, "consumer_secret").and_then(PVal::as_str).unwrap_or_default().to_string();
            }
            if ck.is_empty()
                && let Some(b) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok())
                && let Some(enc) = b.strip_prefix("Basic ")
                && let Ok(raw) = base64::engine::general_purpose::STANDARD.decode(enc.trim())
                && let Some((u, p)) = String::from_utf8_lossy(&raw).split_once(':')
                && !u.is_empty()
                && !p.is_empty()
            {
                ck = u.to_string();
                cs = p.to_string();
            }
            if !ck.is_empty()
                && !cs.is_empty()
                && let Some(k) = key(&ck)
            {
                if constant_time_eq(k.secret.as_bytes(), cs.as_bytes()) {
                    user = Some(k.permissions);
                } else {
                    basic_error = true;
                }
            }
        }
        if user.is_none() {
            let auth = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
            let url = format!("{home}/{rest}");
            match verify_oauth(method.as_str(), &url, &query, &form, auth, now, &mut site.nonces) {
                Ok(Some((_, perms))) if !basic_error => user = Some(perms),
                Ok(_) if basic_error => {
                    let mut r =
                        wp_error(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid.");
                    r.headers_mut().insert(
                        header::WWW_AUTHENTICATE,
                        HeaderValue::from_static("Basic realm=\"WooCommerce API. Use a consumer key in the username field and a consumer secret in the password field.\""),
                    );
                    return r;
                }
                Ok(_) => {}
                Err((code, msg)) => return wp_error(401, code, &msg),
            }
        }
        if let Some(perms) = user {
            let write = !matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
            if write && perms == "read" {
                return wp_error(
                    401,
                    "woocommerce_rest_authentication_error",
                    "The API key provided does not have write permissions.",
                );
            }
            if !write && perms == "write" {
                return wp_error(
                    401,
                    "woocommerce_rest_authentication_error",
                    "The API key provided does not have read permissions.",
                );
            }
        }
    }

    // Request parameters (query < form < JSON body, as WP_REST_Request orders them).
    let mut params = HashMap::new();
    let mut lists: HashMap<String, Vec<String>> = HashMap::new();
    for (k, v) in parse_str(&query).into_iter().chain(parse_str(&form)) {
        match v {
            PVal::S(s) => {
                params.insert(k, s);
            }
            PVal::A(a) => {
                lists.insert(k, a.into_iter().filter_map(|(_, v)| v.as_str().map(str::to_string)).collect());
            }
        }
    }
    let json_body = if !is_form && !body.is_empty() {
        match serde_json::from_slice::<Json>(&body) {
            Ok(v) => Some(v),
            Err(_) => return wp_error(400, "rest_invalid_json", "Invalid JSON body passed."),
        }
    } else {
        None
    };
    let req = Req { method: method.clone(), params, lists, json: json_body, raw_query: query.clone() };
    let segs: Vec<&str> = route.split('/').collect();
    let authed = user.is_some();
    let denied = |what: &str| {
        let (code, msg) = match what {
            "list" => ("woocommerce_rest_cannot_view", "Sorry, you cannot list resources."),
            "view" => ("woocommerce_rest_cannot_view", "Sorry, you cannot view this resource."),
            _ => ("woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources."),
        };
        wp_error(401, code, msg)
    };
    let order_idx = |site: &Site, id: &str| -> Option<usize> {
        let id: u64 = id.parse().ok()?;
        site.orders.iter().position(|o| o["id"].as_u64() == Some(id))
    };
    let get_m = method == Method::GET || method == Method::HEAD;
    let post_m = method == Method::POST;
    match segs.as_slice() {
        ["wc", "v3", "orders"] if get_m => {
            if !authed {
                return denied("list");
            }
            list_orders(&site, &req, &home)
        }
        ["wc", "v3", "orders", id] if get_m => {
            if !authed {
                return denied("view");
            }
            match order_idx(&site, id) {
                Some(i) => ok(with_links(site.orders[i].clone(), &home)),
                None => wp_error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID."),
            }
        }
        ["wc", "v3", "orders", id, "notes"] if get_m || post_m => {
            if !authed {
                return denied(if get_m { "list" } else { "create" });
            }
            let Some(i) = order_idx(&site, id) else {
                return wp_error(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.");
            };
            let oid = site.orders[i]["id"].as_u64().unwrap_or_default();
            if get_m {
                let kind = req.param("type").unwrap_or_else(|| "any".into());
                let mut ns: Vec<Json> = site
                    .notes
                    .get(&oid)
                    .cloned()
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|n| match kind.as_str() {
                        "customer" => n["customer_note"] == json!(true),
                        "internal" => n["customer_note"] == json!(false),
                        _ => true,
                    })
                    .collect();
                ns.reverse(); // newest first, as wc_get_order_notes orders them
                ok(Json::Array(ns))
            } else {
                let note = req.param("note").unwrap_or_default();
                if note.is_empty() {
                    return wp_error_data(
                        400,
                        "rest_missing_callback_param",
                        "Missing parameter(s): note",
                        json!({"status": 400, "params": ["note"]}),
                    );
                }
                let customer = truthy(req.param("customer_note"));
                let by_user = truthy(req.param("added_by_user"));
                let id = site.next_note_id;
                site.next_note_id += 1;
                let at = Timestamp::from_second(now).unwrap_or(Timestamp::UNIX_EPOCH);
                let n = json!({"id": id, "author": if by_user { "Shopdesk API" } else { "system" },
                    "date_created": local(at), "date_created_gmt": gmt(at), "note": note, "customer_note": customer});
                site.notes.entry(oid).or_default().push(n.clone());
                (StatusCode::CREATED, axum::Json(n)).into_response()
            }
        }
        ["wc", "v3", "orders", id, "fulfillments", ..] if site.fulfillments_enabled => {
            let idx = order_idx(&site, id);
            let resp = fulfillments(&mut site, &req, &segs, id, authed, idx, now);
            match idx {
                Some(i) if post_m => emitted(&s, &site, i, &home, UPDATED, resp),
                _ => resp,
            }
        }
        ["wc", "v3", "orders", id, "refunds"] if get_m || post_m => {
            if !authed {
                return denied(if get_m { "list" } else { "create" });
            }
            let oid: u64 = id.parse().unwrap_or_default();
            if get_m {
                list_refunds(&site, &req, oid, &home)
            } else {
                match order_idx(&site, id) {
                    Some(i) => {
                        let resp = create_refund(&mut site, &req, i, &home, now);
                        emitted(&s, &site, i, &home, REFUNDED, resp)
                    }
                    None => wp_error(404, "woocommerce_rest_invalid_order_id", "Invalid order ID."),
                }
            }
        }
        ["wc", "v3", "orders", id, "refunds", rid] if get_m => {
            if !authed {
                return denied("view");
            }
            let oid: u64 = id.parse().unwrap_or_default();
            if order_idx(&site, id).is_none() {
                return wp_error(404, "woocommerce_rest_invalid_order_id", "Invalid order ID.");
            }
            let rid: u64 = rid.parse().unwrap_or_default();
            match site.refunds.get(&oid).and_then(|v| v.iter().find(|r| r["id"].as_u64() == Some(rid))) {
                Some(r) => ok(refund_links(r.clone(), oid, &home)),
                None => wp_error(404, "woocommerce_rest_invalid_order_refund_id", "Invalid order refund ID."),
            }
        }
        ["wc", "v3", "customers"] if get_m => {
            if !authed {
                return denied("list");
            }
            list_customers(&site, &req, &home)
        }
        ["wc", "v3", "customers", id] if get_m => {
            if !authed {
                return denied("view");
            }
            let id: u64 = id.parse().unwrap_or(0);
            match site.customers.iter().find(|c| c["id"].as_u64() == Some(id)) {
                Some(c) => ok(c.clone()),
                None => wp_error(404, "woocommerce_rest_invalid_id", "Invalid resource ID."),
            }
        }
        ["wc", "v3", "webhooks", ..] => {
            if !authed {
                return denied(if get_m { "list" } else { "create" });
            }
            webhooks(&s.webhooks, &site_name, &segs[3..], &req)
        }
        _ => no_route(),
    }
}

/// A subscription as WooCommerce's webhook object (platforms.md §2.3 [W1]; `secret` is only
/// shown in the `edit` context, so never here).
fn webhook_json(w: &Subscription) -> Json {
    let topic = w.topics.first().cloned().unwrap_or_default();
    let (resource, event) = topic.split_once('.').unwrap_or((topic.as_str(), ""));
    json!({
        "id": w.id.parse::<u64>().unwrap_or_default(),
        "name": w.extra["name"],
        "status": w.extra["status"],
        "topic": topic, "resource": resource, "event": event,
        "hooks": [], "delivery_url": w.address,
        "date_created": local(w.created_at), "date_created_gmt": gmt(w.created_at),
        "date_modified": local(w.created_at), "date_modified_gmt": gmt(w.created_at),
    })
}

/// A topic WooCommerce accepts: `{coupon,customer,order,product}.{created,updated,deleted,
/// restored}` or a custom `action.<hook>` (§2.3).
fn valid_topic(t: &str) -> bool {
    match t.split_once('.') {
        Some(("action", hook)) => !hook.is_empty(),
        Some((r, e)) => {
            ["coupon", "customer", "order", "product"].contains(&r)
                && ["created", "updated", "deleted", "restored"].contains(&e)
        }
        None => false,
    }
}

/// `/wc/v3/webhooks[/{id}]`: list (`status` filter, paged), create (201, with `secret`, the key
/// deliveries are signed with), read, update (`status`, `delivery_url`, `secret`), delete
/// (`force=true` required: webhooks have no trash [U]).
fn webhooks(hooks: &Registry, site: &str, rest: &[&str], req: &Req) -> Response {
    let mine = || -> Vec<Subscription> {
        hooks.list("woocommerce").into_iter().filter(|w| w.extra["site"] == site).collect()
    };
    let find = |id: &str| mine().into_iter().find(|w| w.id == id);
    let invalid = || wp_error(404, "woocommerce_rest_webhook_invalid_id", "Invalid ID.");
    match (&req.method, rest) {
        (&Method::GET, []) => {
            let status = req.param("status").unwrap_or_else(|| "all".into());
            let per_page: usize =
                req.param("per_page").and_then(|p| p.parse().ok()).unwrap_or(10).clamp(1, 100);
            let page: usize = req.param("page").and_then(|p| p.parse().ok()).unwrap_or(1).max(1);
            let all: Vec<Json> = mine()
                .iter()
                .filter(|w| status == "all" || w.extra["status"] == status.as_str())
                .map(webhook_json)
                .collect();
            let total = all.len();
            let items: Vec<Json> = all.into_iter().skip((page - 1) * per_page).take(per_page).collect();
            let mut r = ok(Json::Array(items));
            r.headers_mut().insert("x-wp-total", HeaderValue::from(total));
            r.headers_mut().insert("x-wp-totalpages", HeaderValue::from(total.div_ceil(per_page)));
            r
        }
        (&Method::POST, []) => {
            let topic = req.param("topic").unwrap_or_default();
            let url = req.param("delivery_url").unwrap_or_default();
            if !valid_topic(&topic) {
                return wp_error(400, "rest_invalid_param", "Invalid parameter(s): topic");
            }
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return wp_error(400, "rest_invalid_param", "Invalid parameter(s): delivery_url");
            }
            let status = req.param("status").unwrap_or_else(|| "active".into());
            let secret = req.param("secret").filter(|s| !s.is_empty());
            let sub = hooks.add(Subscription {
                id: hooks.next_number().to_string(),
                vendor: "woocommerce",
                topics: vec![topic.clone()],
                address: url,
                // Without one, WooCommerce derives a secret from the API user (none here).
                secret,
                active: status == "active",
                failures: 0,
                created_at: Timestamp::now(),
                extra: json!({"site": site, "name": req.param("name").unwrap_or_else(|| topic.clone()), "status": status}),
            });
            let mut r = ok(webhook_json(&sub));
            *r.status_mut() = StatusCode::CREATED;
            r
        }
        (&Method::GET, [id]) => find(id).map_or_else(invalid, |w| ok(webhook_json(&w))),
        (&Method::PUT, [id]) => {
            let Some(w) = find(id) else { return invalid() };
            let status = req.param("status");
            if status.as_deref().is_some_and(|s| !["active", "paused", "disabled"].contains(&s)) {
                return wp_error(400, "rest_invalid_param", "Invalid parameter(s): status");
            }
            hooks.update("woocommerce", &w.id, |w| {
                if let Some(st) = status {
                    w.active = st == "active";
                    w.extra["status"] = json!(st);
                }
                if let Some(u) = req.param("delivery_url") {
                    w.address = u;
                }
                if let Some(sec) = req.param("secret") {
                    w.secret = Some(sec);
                }
            });
            find(id).map_or_else(invalid, |w| ok(webhook_json(&w)))
        }
        (&Method::DELETE, [id]) => {
            let Some(w) = find(id) else { return invalid() };
            if req.param("force").as_deref() != Some("true") {
                return wp_error(
                    501,
                    "woocommerce_rest_trash_not_supported",
                    "Webhooks do not support trashing.",
                );
            }
            hooks.remove("woocommerce", &w.id);
            ok(webhook_json(&w))
        }
        _ => no_route(),
    }
}

/// The webhook topics a refund fires: the order changed, and the `woocommerce_order_refunded`
/// action (an action topic's payload is `{"action", "arg": order id}`, class-wc-webhook.php).
const REFUNDED: &[&str] = &["order.updated", "action.woocommerce_order_refunded"];
const UPDATED: &[&str] = &["order.updated"];

/// `resp`, unchanged; when it is a 2xx, order `i`'s webhooks for `topics` are emitted first.
/// A resource topic's payload is what `GET /orders/{id}` answers (platforms.md §2.8). Adding a
/// note fires none: a note is a comment, not an order save [U].
fn emitted(s: &Shared, site: &Site, i: usize, home: &str, topics: &[&str], resp: Response) -> Response {
    if resp.status().is_success() {
        for t in topics {
            s.webhooks.emit("woocommerce", t, webhook_payload(site, i, home, t));
        }
    }
    resp
}

fn webhook_payload(site: &Site, i: usize, home: &str, topic: &str) -> Json {
    match topic.strip_prefix("action.") {
        Some(action) => json!({"action": action, "arg": site.orders[i]["id"]}),
        None => with_links(site.orders[i].clone(), home),
    }
}

/// A sample payload of `topic` for `POST /_sandbox/webhooks/trigger`: the demo site's first
/// order or customer as it is now.
pub(crate) fn webhook_sample(st: &State, topic: &str) -> Option<Json> {
    let site = st.sites.get(demo::WOO_SITE)?.lock().unwrap_or_else(|e| e.into_inner());
    let home = format!("{}/woocommerce/{}", st.base_url, demo::WOO_SITE);
    match topic {
        "order.created" | "order.updated" | "action.woocommerce_order_refunded" => {
            Some(webhook_payload(&site, 0, &home, topic))
        }
        "customer.created" | "customer.updated" => site.customers.first().cloned(),
        _ => None,
    }
}

fn with_links(mut o: Json, home: &str) -> Json {
    let id = o["id"].clone();
    o["_links"] = json!({"self": [{"href": format!("{home}/wp-json/wc/v3/orders/{id}")}],
        "collection": [{"href": format!("{home}/wp-json/wc/v3/orders")}]});
    o
}

fn fulfillments(
    site: &mut Site,
    req: &Req,
    segs: &[&str],
    id: &str,
    authed: bool,
    idx: Option<usize>,
    now: i64,
) -> Response {
    // The permission callback looks the order up first (404 before 401).
    let Some(i) = idx else {
        return wp_error(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.");
    };
    if !authed {
        return wp_error(401, "woocommerce_rest_cannot_view", "Sorry, you cannot view this resource.");
    }
    let oid: u64 = id.parse().unwrap_or_default();
    let order = site.orders[i].clone();
    match (&req.method, &segs[4..]) {
        (&Method::GET, ["fulfillments"]) => {
            let fs = site.fulfillments.get(&oid).cloned().unwrap_or_default();
            ok(json!({"fulfillments": fs}))
        }
        (&Method::GET, ["fulfillments", fid]) => {
            let fid: u64 = fid.parse().unwrap_or(0);
            match site.fulfillments.get(&oid).and_then(|v| v.iter().find(|f| f["id"].as_u64() == Some(fid))) {
                Some(f) => ok(json!({"fulfillment": f})),
                None => wp_error(400, "0", "Fulfillment not found."),
            }
        }
        (&Method::POST, ["fulfillments"]) => {
            let body = req.json.clone().unwrap_or(Json::Null);
            let Some(meta) = body.get("meta_data").and_then(Json::as_array) else {
                return wp_error_data(
                    400,
                    "rest_missing_callback_param",
                    "Missing parameter(s): meta_data",
                    json!({"status": 400, "params": ["meta_data"]}),
                );
            };
            let items = meta
                .iter()
                .find(|m| m["key"] == "_items")
                .and_then(|m| m["value"].as_array())
                .cloned()
                .unwrap_or_default();
            let known: Vec<u64> = order["line_items"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|l| l["id"].as_u64())
                .collect();
            if items.is_empty()
                || items.iter().any(|it| {
                    !it["item_id"].as_u64().is_some_and(|x| known.contains(&x))
                        || it["qty"].as_u64().unwrap_or(0) == 0
                })
            {
                return wp_error(
                    400,
                    "woocommerce_fulfillment_invalid_items",
                    "The fulfillment should contain at least one item, and every item must belong to the order.",
                );
            }
            let mut stored_meta = Vec::new();
            for m in meta {
                stored_meta.push(json!({"id": site.next_meta_id, "key": m["key"], "value": m["value"]}));
                site.next_meta_id += 1;
            }
            let is_fulfilled = body.get("is_fulfilled").and_then(Json::as_bool).unwrap_or(false);
            let status = body.get("status").and_then(Json::as_str).unwrap_or(if is_fulfilled {
                "fulfilled"
            } else {
                "unfulfilled"
            });
            let at = Timestamp::from_second(now).unwrap_or(Timestamp::UNIX_EPOCH);
            let f = json!({"id": site.next_fulfillment_id, "entity_type": "WC_Order", "entity_id": oid.to_string(),
                "status": status, "is_fulfilled": is_fulfilled, "date_updated": local(at), "date_deleted": null,
                "meta_data": stored_meta});
            site.next_fulfillment_id += 1;
            site.fulfillments.entry(oid).or_default().push(f.clone());
            (StatusCode::CREATED, axum::Json(json!({"fulfillment": f}))).into_response()
        }
        _ => no_route(),
    }
}

fn refund_links(mut r: Json, oid: u64, home: &str) -> Json {
    let base = format!("{home}/wp-json/wc/v3/orders/{oid}/refunds");
    r["_links"] = json!({"self": [{"href": format!("{base}/{}", r["id"])}], "collection": [{"href": base}],
        "up": [{"href": format!("{home}/wp-json/wc/v3/orders/{oid}")}]});
    r
}

/// `GET /orders/{id}/refunds`: newest first, paged like every collection (`per_page` 10 by
/// default). An unknown order id lists nothing (the query filters by parent) [U].
fn list_refunds(site: &Site, req: &Req, oid: u64, home: &str) -> Response {
    let (page, per_page, offset) = match paging(req) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    let all = site.refunds.get(&oid).cloned().unwrap_or_default();
    let total = all.len();
    let start = offset.unwrap_or((page - 1) * per_page) as usize;
    let items =
        all.into_iter().skip(start).take(per_page as usize).map(|r| refund_links(r, oid, home)).collect();
    page_response(items, total, page, per_page, req, &format!("{home}/wp-json/wc/v3/orders/{oid}/refunds"))
}

/// A money field of the request as PHP would read it: a number or a numeric string.
fn num(v: &Json) -> Option<Decimal> {
    match v {
        Json::Number(n) => n
            .to_string()
            .parse::<Decimal>()
            .ok()
            .or_else(|| n.as_f64().and_then(|f| Decimal::try_from(f).ok())),
        Json::String(s) if s.trim().is_empty() => Some(Decimal::ZERO),
        Json::String(s) => s.trim().parse().ok(),
        Json::Null => Some(Decimal::ZERO),
        _ => None,
    }
}

fn status_label(s: &str) -> &'static str {
    match s {
        "pending" => "Pending payment",
        "processing" => "Processing",
        "on-hold" => "On hold",
        "completed" => "Completed",
        "cancelled" => "Cancelled",
        "failed" => "Failed",
        "refunded" => "Refunded",
        _ => "Draft",
    }
}

/// `POST /orders/{id}/refunds`, as `WC_REST_Order_Refunds_Controller` (with
/// `RestApiUtil::adjust_create_refund_request_parameters`) and `wc_create_refund` do it:
/// - `amount` must be a string (WordPress schema validation); negative → 400
///   `woocommerce_rest_invalid_order_refund`; missing → the sum of the line items'
///   `refund_total` and `refund_tax` when every one is numeric, else 0;
/// - more than the order's remaining refund amount (total − refunded) → 500
///   `woocommerce_rest_cannot_create_order_refund` "Invalid refund amount.";
/// - `line_items[]` (`id`, `quantity`, `refund_total`, `refund_tax[{id, refund_total}]`) are
///   matched against the order's line, shipping and fee items; unknown ids are skipped and
///   quantities are not checked against what was ordered — WooCommerce core does neither;
/// - `api_refund` (default true) goes through the order's gateway (both demo gateways support
///   refunds; the Stripe/PayPal emulators are not touched) and sets `refunded_payment`;
///   `api_restock` (default true) puts refunded quantities back in stock with WooCommerce's
///   order note;
/// - the remaining amount reaching 0 sets the order status to `refunded` (with the status
///   note); otherwise the status stays.
fn create_refund(site: &mut Site, req: &Req, idx: usize, home: &str, now: i64) -> Response {
    let body = req.json.clone().unwrap_or(Json::Null);
    let mut bad = BTreeMap::new();
    for (k, ty) in [("amount", "string"), ("reason", "string")] {
        if let Some(v) = body.get(k)
            && !v.is_string()
            && !v.is_null()
        {
            bad.insert(k.to_string(), format!("{k} is not of type {ty}."));
        }
    }
    let boolean = |k: &str, bad: &mut BTreeMap<String, String>| -> bool {
        match body.get(k) {
            None | Some(Json::Null) => true,
            Some(Json::Bool(b)) => *b,
            Some(Json::String(s)) if matches!(s.as_str(), "true" | "1") => true,
            Some(Json::String(s)) if matches!(s.as_str(), "false" | "0" | "") => false,
            Some(Json::Number(n)) if n.as_i64() == Some(1) => true,
            Some(Json::Number(n)) if n.as_i64() == Some(0) => false,
            Some(_) => {
                bad.insert(k.to_string(), format!("{k} is not of type boolean."));
                true
            }
        }
    };
    let api_refund = boolean("api_refund", &mut bad);
    let api_restock = boolean("api_restock", &mut bad);
    if !bad.is_empty() {
        return invalid_param(bad);
    }
    let reason = body.get("reason").and_then(Json::as_str).unwrap_or_default().to_string();
    let order = site.orders[idx].clone();
    let oid = order["id"].as_u64().unwrap_or_default();

    // Request line items by id (later duplicates win, as PHP's keyed array does).
    struct Pick {
        qty: u32,
        total: Option<Decimal>,
        taxes: Vec<(u64, Option<Decimal>)>,
    }
    let mut picks: Vec<(u64, Pick)> = Vec::new();
    for it in body.get("line_items").and_then(Json::as_array).into_iter().flatten() {
        let Some(id) = it["id"].as_u64().or_else(|| it["id"].as_str().and_then(|s| s.parse().ok())) else {
            continue;
        };
        let qty_v = if it.get("qty").is_some() { &it["qty"] } else { &it["quantity"] };
        let qty = num(qty_v).and_then(|d| u32::try_from(d.trunc().mantissa()).ok()).unwrap_or(0);
        let taxes = it["refund_tax"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| {
                Some((t["id"].as_u64().or_else(|| t["id"].as_str()?.parse().ok())?, num(&t["refund_total"])))
            })
            .collect();
        picks.retain(|(x, _)| *x != id);
        picks.push((id, Pick { qty, total: num(&it["refund_total"]), taxes }));
    }
    let amount = match body.get("amount").and_then(Json::as_str) {
        Some(a) => match a.trim().parse::<Decimal>() {
            Ok(d) => Some(d),
            // PHP 8 compares a non-numeric string with a number as strings: "abc" > "12.5".
            Err(_) => {
                return wp_error(
                    500,
                    "woocommerce_rest_cannot_create_order_refund",
                    "Invalid refund amount.",
                );
            }
        },
        None => {
            let all_numeric = !picks.is_empty()
                && picks.iter().all(|(_, p)| p.total.is_some() && p.taxes.iter().all(|t| t.1.is_some()));
            all_numeric.then(|| {
                picks
                    .iter()
                    .map(|(_, p)| {
                        p.total.unwrap_or_default() + p.taxes.iter().filter_map(|t| t.1).sum::<Decimal>()
                    })
                    .sum()
            })
        }
    }
    .unwrap_or_default();
    if amount < Decimal::ZERO {
        return wp_error(
            400,
            "woocommerce_rest_invalid_order_refund",
            "Refund amount must be greater than zero.",
        );
    }
    let total = num(&order["total"]).unwrap_or_default();
    let refunded: Decimal = order["refunds"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| num(&r["total"]))
        .map(|d| d.abs())
        .sum();
    let remaining = total - refunded;
    if amount > remaining {
        return wp_error(500, "woocommerce_rest_cannot_create_order_refund", "Invalid refund amount.");
    }
    if api_refund && !matches!(order["payment_method"].as_str(), Some("stripe" | "ppcp-gateway")) {
        return wp_error(
            500,
            "woocommerce_rest_cannot_create_order_refund",
            "The payment gateway for this order does not support automatic refunds.",
        );
    }

    // The refund's items: copies of the order's items, negated.
    let mut lines = Vec::new();
    let mut ships = Vec::new();
    let mut fees = Vec::new();
    let mut restocks: Vec<(u64, u32)> = Vec::new();
    let mut tax_total = Decimal::ZERO;
    let items = |k: &str| order[k].as_array().cloned().unwrap_or_default();
    for (kind, list) in
        [("line", items("line_items")), ("shipping", items("shipping_lines")), ("fee", items("fee_lines"))]
    {
        for src in &list {
            let Some((_, p)) = src["id"].as_u64().and_then(|id| picks.iter().find(|(x, _)| *x == id)) else {
                continue;
            };
            let rt = p.total.unwrap_or_default();
            let taxes: Vec<(u64, Decimal)> =
                p.taxes.iter().filter_map(|(r, t)| t.filter(|t| !t.is_zero()).map(|t| (*r, t))).collect();
            if p.qty == 0 && rt.is_zero() && taxes.is_empty() {
                continue;
            }
            tax_total += taxes.iter().map(|t| t.1).sum::<Decimal>();
            let id = site.next_refund_item_id;
            site.next_refund_item_id += 1;
            match kind {
                "line" => {
                    lines.push(refund_line(src, id, p.qty, rt, &taxes));
                    if p.qty > 0 {
                        restocks.push((src["product_id"].as_u64().unwrap_or_default(), p.qty));
                    }
                }
                "shipping" => ships.push(refund_shipping(src, id, rt)),
                _ => fees.push(json!({"id": id, "name": src["name"], "total": dp(-rt), "total_tax": "0.00",
                    "taxes": [], "meta_data": refunded_item_meta(id, src)})),
            }
        }
    }
    let tax_lines = if tax_total.is_zero() {
        vec![]
    } else {
        let id = site.next_refund_item_id;
        site.next_refund_item_id += 1;
        let mut t = order["tax_lines"][0].clone();
        t["id"] = json!(id);
        t["tax_total"] = json!(dp(-tax_total));
        vec![t]
    };
    let rid = site.next_refund_id;
    site.next_refund_id += 1;
    let at = Timestamp::from_second(now).unwrap_or(Timestamp::UNIX_EPOCH);
    let mut rec = serde_json::Map::new();
    rec.insert("id".into(), json!(rid));
    dates("date_created", Some(at), &mut rec);
    rec.insert("amount".into(), json!(dp(amount)));
    rec.insert("reason".into(), json!(reason));
    rec.insert("refunded_by".into(), json!(1));
    rec.insert("refunded_payment".into(), json!(api_refund));
    rec.insert("meta_data".into(), json!([]));
    rec.insert("line_items".into(), Json::Array(lines));
    rec.insert("shipping_lines".into(), Json::Array(ships));
    rec.insert("tax_lines".into(), Json::Array(tax_lines));
    rec.insert("fee_lines".into(), Json::Array(fees));
    let rec = Json::Object(rec);
    site.refunds.entry(oid).or_default().insert(0, rec.clone());

    // The order: its refunds summary, status, notes, stock.
    let mut notes = Vec::new();
    if api_restock {
        for (pid, qty) in restocks {
            let old = *site.stock.entry(pid).or_insert(10 + (pid % 17) as i64);
            let new = old + i64::from(qty);
            site.stock.insert(pid, new);
            notes.push(format!("Item #{pid} stock increased from {old} to {new}."));
        }
    }
    let o = &mut site.orders[idx];
    if let Some(list) = o["refunds"].as_array_mut() {
        list.insert(0, json!({"id": rid, "reason": reason, "total": format!("-{}", dp(amount))}));
    }
    if remaining - amount <= Decimal::ZERO {
        let from = status_label(o["status"].as_str().unwrap_or_default());
        if o["status"] != "refunded" {
            notes.push(format!("Order status changed from {from} to Refunded."));
        }
        o["status"] = json!("refunded");
    }
    o["date_modified"] = json!(local(at));
    o["date_modified_gmt"] = json!(gmt(at));
    for text in notes {
        let id = site.next_note_id;
        site.next_note_id += 1;
        site.notes.entry(oid).or_default().push(json!({"id": id, "author": "system",
            "date_created": local(at), "date_created_gmt": gmt(at), "note": text, "customer_note": false}));
    }
    let mut r = (StatusCode::CREATED, axum::Json(refund_links(rec, oid, home))).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("{home}/wp-json/wc/v3/orders/{oid}/refunds/{rid}")) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// Validates `page`/`per_page`/`offset`; returns (page, per_page, offset).
fn paging(req: &Req) -> Result<(u64, u64, Option<u64>), Box<Response>> {
    let mut bad = BTreeMap::new();
    let int = |k: &str, bad: &mut BTreeMap<String, String>| -> Option<i64> {
        let v = req.param(k)?;
        match v.trim().parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                bad.insert(k.to_string(), format!("{k} is not of type integer."));
                None
            }
        }
    };
    let per_page = int("per_page", &mut bad).unwrap_or(10);
    if !(1..=100).contains(&per_page) && !bad.contains_key("per_page") {
        bad.insert("per_page".into(), "per_page must be between 1 (inclusive) and 100 (inclusive)".into());
    }
    let page = int("page", &mut bad).unwrap_or(1);
    if page < 1 && !bad.contains_key("page") {
        bad.insert("page".into(), "page must be greater than or equal to 1".into());
    }
    let offset = int("offset", &mut bad);
    if !bad.is_empty() {
        return Err(Box::new(invalid_param(bad)));
    }
    Ok((page as u64, per_page as u64, offset.map(|o| o.max(0) as u64)))
}

/// Parses a REST date (`rest_parse_date`): with an offset it is absolute; without, GMT when
/// `dates_are_gmt`, else store-local.
fn parse_rest_date(s: &str, gmt_dates: bool) -> Option<Timestamp> {
    if let Ok(t) = s.parse::<Timestamp>() {
        return Some(t);
    }
    let dt: jiff::civil::DateTime = s.parse().ok()?;
    let tz = if gmt_dates {
        tz::TimeZone::UTC
    } else {
        tz::TimeZone::fixed(tz::Offset::constant(UTC_OFFSET_HOURS))
    };
    dt.to_zoned_datetime(tz).ok().map(|z| z.timestamp())
}

fn order_ts(o: &Json) -> Timestamp {
    o["date_created_gmt"]
        .as_str()
        .and_then(|s| s.parse::<jiff::civil::DateTime>().ok())
        .and_then(|d| d.to_zoned_datetime(tz::TimeZone::UTC).ok())
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

const STATUSES: &[&str] = &[
    "any",
    "trash",
    "auto-draft",
    "pending",
    "processing",
    "on-hold",
    "completed",
    "cancelled",
    "refunded",
    "failed",
    "checkout-draft",
];

fn matches_search(o: &Json, term: &str) -> bool {
    let t = term.trim().to_lowercase();
    if t.is_empty() {
        return true;
    }
    if o["id"].as_u64().is_some_and(|id| id.to_string() == t) || o["number"].as_str() == Some(&t) {
        return true;
    }
    let fields = [
        &o["billing"]["email"],
        &o["billing"]["first_name"],
        &o["billing"]["last_name"],
        &o["billing"]["company"],
        &o["shipping"]["first_name"],
        &o["shipping"]["last_name"],
    ];
    fields.iter().any(|f| f.as_str().is_some_and(|s| s.to_lowercase().contains(&t)))
        || o["line_items"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|l| l["name"].as_str().is_some_and(|s| s.to_lowercase().contains(&t)))
}

fn page_response(items: Vec<Json>, total: usize, page: u64, per_page: u64, req: &Req, url: &str) -> Response {
    let pages = (total as u64).div_ceil(per_page);
    let mut r = ok(Json::Array(items));
    let h = r.headers_mut();
    h.insert("x-wp-total", HeaderValue::from(total as u64));
    h.insert("x-wp-totalpages", HeaderValue::from(pages));
    let others: Vec<(String, String)> = url::form_urlencoded::parse(req.raw_query.as_bytes())
        .into_owned()
        .filter(|(k, _)| k != "page" && !k.starts_with("oauth_"))
        .collect();
    let link = |p: u64| {
        let mut ser = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in &others {
            ser.append_pair(k, v);
        }
        ser.append_pair("page", &p.to_string());
        format!("<{url}?{}>", ser.finish())
    };
    let mut links = Vec::new();
    if page > 1 {
        links.push(format!("{}; rel=\"prev\"", link((page - 1).min(pages.max(1)))));
    }
    if page < pages {
        links.push(format!("{}; rel=\"next\"", link(page + 1)));
    }
    if !links.is_empty()
        && let Ok(v) = HeaderValue::from_str(&links.join(", "))
    {
        h.insert(header::LINK, v);
    }
    r
}

fn list_orders(site: &Site, req: &Req, home: &str) -> Response {
    let (page, per_page, offset) = match paging(req) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    let mut bad = BTreeMap::new();
    let statuses = req.list("status").unwrap_or_else(|| vec!["any".into()]);
    if let Some(s) = statuses.iter().find(|s| !STATUSES.contains(&s.as_str())) {
        bad.insert(
            "status".to_string(),
            format!("status[0] is not one of {}.", STATUSES.join(", "))
                .replace("[0]", &format!("[{}]", statuses.iter().position(|x| x == s).unwrap_or(0))),
        );
    }
    let gmt_dates = truthy(req.param("dates_are_gmt"));
    let mut date = |k: &str| match req.param(k) {
        None => None,
        Some(v) => match parse_rest_date(&v, gmt_dates) {
            Some(t) => Some(t),
            None => {
                bad.insert(k.to_string(), "Invalid date.".to_string());
                None
            }
        },
    };
    let (after, before) = (date("after"), date("before"));
    let customer: Option<u64> = req.param("customer").and_then(|c| c.parse().ok());
    let include: Option<Vec<u64>> =
        req.list("include").map(|l| l.iter().filter_map(|x| x.parse().ok()).collect());
    let asc = req.param("order").as_deref() == Some("asc");
    if !bad.is_empty() {
        return invalid_param(bad);
    }
    let search = req.param("search").unwrap_or_default();
    let any = statuses.iter().any(|s| s == "any");
    let mut hits: Vec<&Json> = site
        .orders
        .iter()
        .filter(|o| any || statuses.iter().any(|s| o["status"].as_str() == Some(s)))
        .filter(|o| customer.is_none_or(|c| o["customer_id"].as_u64() == Some(c)))
        .filter(|o| include.as_ref().is_none_or(|inc| o["id"].as_u64().is_some_and(|id| inc.contains(&id))))
        .filter(|o| after.is_none_or(|a| order_ts(o) > a))
        .filter(|o| before.is_none_or(|b| order_ts(o) < b))
        .filter(|o| matches_search(o, &search))
        .collect();
    hits.sort_by_key(|o| (order_ts(o), o["id"].as_u64()));
    if !asc {
        hits.reverse();
    }
    let total = hits.len();
    let start = offset.unwrap_or((page - 1) * per_page) as usize;
    let items =
        hits.into_iter().skip(start).take(per_page as usize).map(|o| with_links(o.clone(), home)).collect();
    page_response(items, total, page, per_page, req, &format!("{home}/wp-json/wc/v3/orders"))
}

fn list_customers(site: &Site, req: &Req, home: &str) -> Response {
    let (page, per_page, offset) = match paging(req) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    let email = req.param("email").map(|e| e.trim().to_lowercase());
    let role = req.param("role").unwrap_or_else(|| "customer".into());
    let search = req.param("search").unwrap_or_default().to_lowercase();
    let hits: Vec<Json> = site
        .customers
        .iter()
        .filter(|c| {
            email.as_ref().is_none_or(|e| c["email"].as_str().map(str::to_lowercase).as_ref() == Some(e))
        })
        .filter(|c| role == "all" || c["role"].as_str() == Some(&role))
        .filter(|c| {
            search.is_empty()
                || ["email", "first_name", "last_name", "username"]
                    .iter()
                    .any(|k| c[*k].as_str().is_some_and(|s| s.to_lowercase().contains(&search)))
        })
        .cloned()
        .collect();
    let total = hits.len();
    let start = offset.unwrap_or((page - 1) * per_page) as usize;
    let items = hits.into_iter().skip(start).take(per_page as usize).collect();
    page_response(items, total, page, per_page, req, &format!("{home}/wp-json/wc/v3/customers"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn php_parsing() {
        let p = parse_str("a=1&b=x+y%21&a=2&s[]=p&s[]=q&k[z]=1&x.y=3");
        assert_eq!(get(&p, "a"), Some(&PVal::S("2".into())));
        assert_eq!(get(&p, "b"), Some(&PVal::S("x y!".into())));
        assert_eq!(
            get(&p, "s"),
            Some(&PVal::A(vec![("0".into(), PVal::S("p".into())), ("1".into(), PVal::S("q".into()))]))
        );
        assert!(get(&p, "x_y").is_some());
        let h = parse_oauth_header(
            r#"OAuth oauth_consumer_key="ck", oauth_nonce="a%2Bb", oauth_signature=x+y%3D"#,
        );
        assert_eq!(get(&h, "oauth_consumer_key"), Some(&PVal::S("ck".into())));
        assert_eq!(get(&h, "oauth_nonce"), Some(&PVal::S("a+b".into())));
        assert_eq!(get(&h, "oauth_signature"), Some(&PVal::S("x y=".into())));
    }

    #[test]
    fn nested_arrays_are_signed_like_woocommerce() {
        let p = parse_str("include[]=5&b=1");
        // key "include" normalized, then "%5B0%5D" appended, then the whole pair encoded again.
        assert_eq!(signed_parameter_string(&p), "b%3D1%26include%255B0%255D%3D5");
    }

    #[test]
    fn every_seed_order_has_distinct_id_and_number() {
        let st = State::new(&Options::default(), "http://127.0.0.1:1", None);
        let site = st.sites[demo::WOO_SITE].lock().unwrap();
        assert!(site.orders.len() >= 200);
        for o in &site.orders {
            let n: u64 = o["number"].as_str().unwrap().parse().unwrap();
            assert_eq!(o["id"].as_u64().unwrap(), n + ID_OFFSET);
            assert!(o["line_items"][0]["price"].is_number());
            assert!(o["total"].is_string());
        }
    }
}
