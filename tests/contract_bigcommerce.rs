//! Contract check for BigCommerce (DESIGN §10): every request shopdesk sends and every answer
//! the sandbox gives pass through Stoplight Prism in proxy mode, loaded with BigCommerce's own
//! OpenAPI files (`shared/specs/bigcommerce/`), and any violation Prism reports fails the test.
//!
//! Layout: binary/adapter → **gate** (a small router in this test) → Prism → sandbox.
//! Prism matches request paths against the spec's `paths` only and ignores the path in
//! `servers` (`https://api.bigcommerce.com/stores/{store_hash}/v2`), so one Prism per spec is
//! started with its upstream set to the emulator's `…/stores/{hash}/v2` (orders spec) or
//! `…/v3` (customers spec, and the v3 orders spec for refund quotes, refunds and the refunds
//! list), and the gate sends `/stores/{hash}/v2/*`, `/stores/{hash}/v3/customers*` and
//! `/stores/{hash}/v3/orders/*` to the right one, and `/stores/{hash}/v3/hooks*` to a fourth
//! loaded with the webhooks spec (`bc-webhooks.v3.yml`), minus that prefix. The gate records Prism's `sl-violations` header on every
//! answer.
//!
//! Prism runs **without `--errors`**: with it, a request violation is answered by Prism itself
//! (422, nothing proxied) and a response violation becomes a 500 `application/problem+json` with
//! the `sl-violations` header; without it, the traffic flows unchanged and the same violations
//! (errors *and* warnings) arrive in the header, which this test turns into failures. That lets
//! the known defects of the published spec be listed precisely instead of blocking the run:
//! - `sort=date_created:desc`: the spec's enum lists bare field names although its description
//!   (and BigCommerce's docs) tell you to append `:asc`/`:desc`;
//! - `204 No Content` for an empty page of `GET /orders`: observed behaviour not in the spec
//!   (platforms.md §6), and the adapter must cope with it;
//! - `GET /store` (test-connection's shop name) is in no spec shipped in `shared/specs/`;
//! - `404` on a sub-collection of a missing order (`GET /orders/99999/products`, and the v3
//!   `GET /orders/99999/payment_actions/refunds`): the spec declares only `200` there (a
//!   warning); the order itself declares its 404;
//! - an `ORDER` refund item (`shopdesk refund --amount`): `ItemsRefund` in the v3 spec is a
//!   `oneOf` whose `AmountBoundItem` and `TaxExemptItem` both accept
//!   `{"item_type":"ORDER","item_id":…,"amount":…}`, so the item can never match exactly one;
//!   tolerated only for bodies that hold such an item, and only at that item (plus the
//!   resulting `anyOf` failure of the body).
//! - `404` on deleting a hook that is gone (`DELETE /v3/hooks/{id}`, `webhook delete` of a
//!   stale id): the webhooks spec declares only `200` there (a warning). Every `PRODUCT` and `SHIPPING` item, the
//!   `payments`, and every answer (quote, refund, list, the 422s) must validate.
//!
//! Needs `prism` on PATH (`.ci/run` installs it: `npm install -g @stoplight/prism-cli@5.14.2`);
//! `SHOPDESK_SKIP_PRISM=1` skips. Skipped too when `shared/specs` is absent.

mod support;

use std::collections::HashMap;

use std::path::Path;
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use shopdesk::adapters::commerce::{self, Commerce, CustomerKey, OrderQuery, OrderRef, Store};
use shopdesk::domain::{
    FinancialStatus, FulfillmentStatus, ItemPick, NewFulfillment, RefundSpec, ShippingPick,
};
use shopdesk::sandbox::{Options, Sandbox, demo};
use shopdesk::secret::Secret;
use shopdesk::transport::{Client, Settings, log::Logger};
use support::prism::{self, Prism};
use support::{Env, stderr, stdout};

/// One reported violation, with the exchange it came from.
#[derive(Debug, Clone)]
struct Violation {
    method: String,
    path: String,
    query: String,
    status: u16,
    severity: String,
    location: String,
    message: String,
    /// The request body (JSON), to tell which refund item a body violation is about.
    body: Value,
}

struct Gate {
    v2: String,
    v3: String,
    v3_orders: String,
    v3_hooks: String,
    http: reqwest::Client,
    seen: Mutex<Vec<(String, String, u16)>>,
    violations: Mutex<Vec<Violation>>,
}

async fn forward(
    State(g): State<Arc<Gate>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let query = uri.query().unwrap_or("").to_string();
    // /stores/{hash}/{v2|v3}/{rest}
    let segs: Vec<&str> = path.splitn(5, '/').collect();
    let (version, rest) = match segs.as_slice() {
        ["", "stores", _, v, rest] => (*v, *rest),
        _ => return (StatusCode::BAD_GATEWAY, format!("gate: unexpected path {path}")).into_response(),
    };
    let base = match version {
        "v2" => &g.v2,
        "v3" if rest.starts_with("customers") => &g.v3,
        "v3" if rest.starts_with("orders/") => &g.v3_orders,
        "v3" if rest.starts_with("hooks") => &g.v3_hooks,
        _ => {
            g.violations.lock().unwrap().push(Violation {
                method: method.to_string(),
                path: path.clone(),
                query,
                status: 0,
                severity: "Error".into(),
                location: "gate".into(),
                message: "shopdesk called a path no BigCommerce spec here covers".into(),
                body: Value::Null,
            });
            return (StatusCode::BAD_GATEWAY, "gate: no spec for this path").into_response();
        }
    };
    let url = if query.is_empty() { format!("{base}/{rest}") } else { format!("{base}/{rest}?{query}") };
    let mut req = g.http.request(method.clone(), &url).body(body.to_vec());
    for (k, v) in &headers {
        if k != "host" && k != "content-length" {
            req = req.header(k, v);
        }
    }
    let resp = match req.send().await {
        Ok(r) => r,
        Err(e) => return (StatusCode::BAD_GATEWAY, format!("gate: {e}")).into_response(),
    };
    let status = resp.status().as_u16();
    let rheaders = resp.headers().clone();
    let rbody = resp.bytes().await.unwrap_or_default();
    g.seen.lock().unwrap().push((method.to_string(), format!("/{version}/{rest}"), status));
    if let Some(v) = rheaders.get("sl-violations").and_then(|v| v.to_str().ok()) {
        let list: Vec<Value> = serde_json::from_str(v).unwrap_or_else(|_| vec![Value::String(v.to_string())]);
        for item in list {
            g.violations.lock().unwrap().push(Violation {
                method: method.to_string(),
                path: format!("/{version}/{rest}"),
                query: query.clone(),
                status,
                severity: item["severity"].as_str().unwrap_or("Error").to_string(),
                location: item["location"]
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("."))
                    .unwrap_or_default(),
                message: item["message"].as_str().map(str::to_string).unwrap_or_else(|| item.to_string()),
                body: serde_json::from_slice(&body).unwrap_or(Value::Null),
            });
        }
    }
    let mut out = Response::builder().status(status);
    for (k, v) in &rheaders {
        if k != "content-length" && k != "transfer-encoding" && k != "connection" {
            out = out.header(k, v);
        }
    }
    out.body(axum::body::Body::from(rbody)).unwrap()
}

/// An `ORDER` refund item (`--amount`) and the validator's cascade of messages about it: the
/// spec's `ItemsRefund` is a `oneOf` in which an `ORDER` item with `item_id` and `amount` fits
/// both `AmountBoundItem` and `TaxExemptItem`, so no valid `ORDER` item can pass. Every other
/// item of the same body must validate.
fn order_item_oneof(v: &Violation) -> bool {
    let refund_post = v.method == "POST"
        && v.path.starts_with("/v3/orders/")
        && (v.path.ends_with("/payment_actions/refund_quotes")
            || v.path.ends_with("/payment_actions/refunds"));
    let items = v.body["items"].as_array().cloned().unwrap_or_default();
    let is_order = |i: &Value| i["item_type"] == "ORDER" && i["item_id"].is_u64() && i["amount"].is_number();
    if !refund_post || !items.iter().any(is_order) {
        return false;
    }
    // `request.body.items.N[.field]`: only about an ORDER item.
    if let Some(rest) = v.location.strip_prefix("request.body.items.") {
        let n: usize = match rest.split('.').next().and_then(|n| n.parse().ok()) {
            Some(n) => n,
            None => return false,
        };
        return items.get(n).is_some_and(is_order);
    }
    // The body-level consequences of that item failing `oneOf`.
    v.location == "request.body"
        && (v.message.contains("must match a schema in anyOf")
            || v.message.contains("must have required property 'tax_adjustment_amount'"))
}

/// The spec defects and open items listed in the module docs; everything else fails.
fn known(v: &Violation) -> bool {
    let orders_list = v.method == "GET" && v.path == "/v2/orders";
    (orders_list
        && v.location == "request.query.sort"
        && v.query.contains("sort=date_created%3Adesc")
        && v.message.contains("must be equal to one of the allowed values"))
        || (orders_list
            && v.status == 204
            && v.location == "response"
            && v.message.contains("Unable to match the returned status code"))
        || (v.method == "GET"
            && v.path == "/v2/store"
            && v.severity == "Warning"
            && v.message == "Selected route not found")
        || (v.method == "GET"
            && v.path.starts_with("/v2/orders/")
            && v.path.matches('/').count() == 4
            && v.status == 404
            && v.severity == "Warning"
            && v.message.contains("Unable to match the returned status code"))
        || (v.method == "GET"
            && v.path.starts_with("/v3/orders/")
            && v.path.ends_with("/payment_actions/refunds")
            && v.status == 404
            && v.severity == "Warning"
            && v.message.contains("Unable to match the returned status code"))
        || (v.method == "DELETE"
            && v.path.starts_with("/v3/hooks/")
            && v.status == 404
            && v.severity == "Warning"
            && v.message.contains("Unable to match the returned status code"))
        || order_item_oneof(v)
}

fn adapter(url: &str) -> Box<dyn Commerce> {
    let cfg: shopdesk::config::StoreConfig =
        toml::from_str(&format!("platform = \"bigcommerce\"\nurl = \"{url}\"\nauth = \"token\"\n")).unwrap();
    let info = commerce::info("bigcommerce").expect("registered");
    let secrets = HashMap::from([("access_token", Secret::new(demo::BIGCOMMERCE_ACCESS_TOKEN))]);
    let auth = commerce::auth_scheme(info, "main", &cfg, &secrets).unwrap();
    let client = Client::new(
        "main (bigcommerce)".into(),
        cfg.url.clone(),
        auth,
        info.hooks,
        Settings { max_retries: 0, ..Settings::default() },
        Arc::new(Logger::quiet()),
    )
    .unwrap();
    (info.build)(Store { name: "main".into(), config: cfg, client })
}

async fn run(url: &str, args: &[&str]) -> Output {
    let env = Env::new();
    env.write_config(&format!(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 0\n[profiles.default.stores.main]\nplatform = \"bigcommerce\"\nurl = \"{url}\"\nauth = \"token\"\n"
    ));
    let mut cmd = env.cmd();
    cmd.env("SHOPDESK_DEFAULT_MAIN_ACCESS_TOKEN", demo::BIGCOMMERCE_ACCESS_TOKEN).args(args);
    tokio::task::spawn_blocking(move || {
        let o = cmd.output().unwrap();
        drop(env);
        o
    })
    .await
    .unwrap()
}

fn ok(o: &Output, what: &str) {
    assert!(o.status.success(), "{what}: exit {:?}: {}", o.status.code(), stderr(o));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bigcommerce_traffic_conforms_to_the_official_specs() {
    let Some(specs) =
        prism::spec_file("bigcommerce/bc-orders.v3.yml").and_then(|p| p.parent().map(Path::to_path_buf))
    else {
        return;
    };
    if !prism::wanted() {
        return;
    }
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let upstream = sb.bigcommerce_store_url();
    let started = Instant::now();
    let mut p2 = Prism::spawn(
        &specs.join("bc-orders.v2.oas2.yml"),
        &format!("{upstream}/v2"),
        tmp.path(),
        "v2",
        false,
    );
    let mut p3 =
        Prism::spawn(&specs.join("bc-customers.v3.yml"), &format!("{upstream}/v3"), tmp.path(), "v3", false);
    let mut p3o = Prism::spawn(
        &specs.join("bc-orders.v3.yml"),
        &format!("{upstream}/v3"),
        tmp.path(),
        "v3-orders",
        false,
    );
    let mut p3h = Prism::spawn(
        &specs.join("bc-webhooks.v3.yml"),
        &format!("{upstream}/v3"),
        tmp.path(),
        "v3-hooks",
        false,
    );
    let deadline = Instant::now() + Duration::from_secs(90);
    p2.wait_ready(deadline);
    p3.wait_ready(deadline);
    p3o.wait_ready(deadline);
    p3h.wait_ready(deadline);
    println!("prism (4 proxies) ready in {:.1} s", started.elapsed().as_secs_f64());

    let gate = Arc::new(Gate {
        v2: p2.url(),
        v3: p3.url(),
        v3_orders: p3o.url(),
        v3_hooks: p3h.url(),
        http: reqwest::Client::builder().timeout(Duration::from_secs(60)).build().unwrap(),
        seen: Mutex::new(Vec::new()),
        violations: Mutex::new(Vec::new()),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let gate_url = format!("http://{}", listener.local_addr().unwrap());
    let app = axum::Router::new().fallback(forward).with_state(gate.clone());
    let server = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let store = format!("{gate_url}/stores/{}", demo::BIGCOMMERCE_STORE_HASH);

    // Reads, through the binary.
    ok(&run(&store, &["--json", "order", "get", "1001"]).await, "order get 1001");
    ok(&run(&store, &["--json", "order", "get", "#1002"]).await, "order get #1002");
    ok(
        &run(&store, &["--json", "order", "search", "--email", "jane@example.com", "--all"]).await,
        "search by email",
    );
    let all = run(&store, &["--format", "ndjson", "order", "search", "--all", "--since", "2020-01-01"]).await;
    ok(&all, "search --all");
    assert!(stdout(&all).lines().count() >= 200);
    let none = run(&store, &["--json", "order", "search", "--email", "nobody@example.com"]).await;
    ok(&none, "a search with no match (204)");
    ok(&run(&store, &["--json", "fulfillment", "list", "1001"]).await, "fulfillment list");
    ok(&run(&store, &["--json", "test-connection"]).await, "test-connection");
    let missing = run(&store, &["order", "get", "99999"]).await;
    assert_eq!(missing.status.code(), Some(3), "{}", stderr(&missing));

    // Writes and the rest of the trait, through the adapter (the same code the CLI calls).
    let bc = adapter(&store);
    let one = OrderRef::parse("1001").unwrap();
    bc.notes(&one).await.unwrap();
    bc.add_note(&one, "Contract check: staff note", false).await.unwrap();
    let q = OrderQuery {
        financial_status: Some(FinancialStatus::Paid),
        fulfillment_status: Some(FulfillmentStatus::Unfulfilled),
        ..OrderQuery::default()
    };
    let target = bc.search_page(&q, None, 250).await.unwrap().items[0].number.clone();
    let f = NewFulfillment {
        tracking_number: "1Z999AA10123456784".into(),
        carrier: Some("UPS".into()),
        tracking_url: None,
        notify: false,
    };
    bc.create_fulfillment(&OrderRef::parse(&target).unwrap(), &f).await.unwrap();
    bc.customers(&CustomerKey::parse("jane@example.com").unwrap()).await.unwrap();
    bc.customers(&CustomerKey::parse("1").unwrap()).await.unwrap();

    // Webhooks (hooks v3): create, list, delete, and the 404 of deleting it again.
    let hook = bc.webhook_create("store/order/created", "https://example.com/hooks", None).await.unwrap();
    assert!(bc.webhooks().await.unwrap().iter().any(|h| h.id == hook.id));
    bc.webhook_delete(&hook.id).await.unwrap();
    let gone = bc.webhook_delete(&hook.id).await.unwrap_err();
    assert_eq!(gone.kind, shopdesk::error::Kind::NotFound, "{gone}");

    // Refunds (v3 payment actions): the list, a quote and a refund of a line plus shipping, an
    // order-level amount, an offline (record-only) refund, and the emulator's 422s for an
    // over-refund (the quote's bare error object, the refund's `{"data":[…]}` wrapper).
    bc.refunds(&one).await.unwrap();
    let mut order = bc.order(&one).await.unwrap();
    for n in 1002..1100 {
        if order.financial_status == FinancialStatus::Paid && !order.totals.shipping.amount.is_zero() {
            break;
        }
        order = bc.order(&OrderRef::parse(&n.to_string()).unwrap()).await.unwrap();
    }
    let one = OrderRef::parse(&order.source.platform_id).unwrap();
    let line = order.line_items.iter().find(|l| l.refundable_quantity > Some(0)).expect("a refundable line");
    let line_and_shipping = RefundSpec {
        items: vec![ItemPick::parse(&format!("{}:1", line.sku.as_deref().unwrap_or(&line.id))).unwrap()],
        shipping: ShippingPick::Full,
        reason: Some("Contract check".into()),
        ..RefundSpec::default()
    };
    let q = bc.refund_quote(&one, &line_and_shipping).await.unwrap();
    bc.refund_create(&q, &line_and_shipping, "contract-1").await.unwrap();
    assert!(bc.find_refund(&one, "contract-1").await.unwrap().is_some());
    let amount = RefundSpec { amount: Some(rust_decimal::Decimal::new(150, 2)), ..RefundSpec::default() };
    let two = OrderRef::parse("1001").unwrap();
    let q = bc.refund_quote(&two, &amount).await.unwrap();
    bc.refund_create(&q, &amount, "contract-2").await.unwrap();
    let offline = RefundSpec { record_only: true, ..RefundSpec::default() };
    let three = OrderRef::parse("1003").unwrap();
    let q = bc.refund_quote(&three, &offline).await.unwrap();
    assert!(!q.online);
    bc.refund_create(&q, &offline, "contract-3").await.unwrap();
    let http = reqwest::Client::new();
    for (action, body) in [
        ("refund_quotes", json!({"items": [{"item_type": "PRODUCT", "item_id": 1, "quantity": 5}]})),
        (
            "refunds",
            json!({"items": [{"item_type": "PRODUCT", "item_id": 2, "quantity": 9}],
                   "payments": [{"provider_id": "braintree", "amount": 1, "offline": false}]}),
        ),
    ] {
        let r = http
            .post(format!("{store}/v3/orders/1004/payment_actions/{action}"))
            .header("X-Auth-Token", demo::BIGCOMMERCE_ACCESS_TOKEN)
            .header("Accept", "application/json")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{action}: {}", r.text().await.unwrap());
    }

    server.abort();
    let seen = gate.seen.lock().unwrap().clone();
    for needed in [
        ("GET", "/v2/orders/1001"),
        ("GET", "/v2/orders/1001/products"),
        ("GET", "/v2/orders/1001/shipping_addresses"),
        ("GET", "/v2/orders/1001/shipments"),
        ("GET", "/v2/orders/1001/messages"),
        ("GET", "/v2/orders"),
        ("GET", "/v2/orders/count"),
        ("PUT", "/v2/orders/1001"),
        ("POST", &format!("/v2/orders/{}/shipments", target.trim_start_matches('#'))),
        ("GET", "/v3/customers"),
        ("GET", &format!("/v3/orders/{}/payment_actions/refunds", order.source.platform_id)),
        ("POST", &format!("/v3/orders/{}/payment_actions/refund_quotes", order.source.platform_id)),
        ("POST", &format!("/v3/orders/{}/payment_actions/refunds", order.source.platform_id)),
        ("POST", "/v3/orders/1004/payment_actions/refund_quotes"),
        ("POST", "/v3/orders/1004/payment_actions/refunds"),
        ("POST", "/v3/hooks"),
        ("GET", "/v3/hooks"),
        ("DELETE", &format!("/v3/hooks/{}", hook.id)),
    ] {
        assert!(
            seen.iter().any(|(m, p, _)| m == needed.0 && p == needed.1),
            "{} {} was not exercised: {seen:?}",
            needed.0,
            needed.1
        );
    }
    assert!(
        seen.iter().any(|(_, p, s)| p == "/v2/orders" && *s == 204),
        "the empty page (204) was exercised"
    );
    let violations = gate.violations.lock().unwrap().clone();
    let unexpected: Vec<&Violation> = violations.iter().filter(|v| !known(v)).collect();
    assert!(
        unexpected.is_empty(),
        "Prism reported contract violations:\n{}",
        unexpected
            .iter()
            .map(|v| format!(
                "  {} {}?{} → {}: [{}] {}: {}",
                v.method, v.path, v.query, v.status, v.severity, v.location, v.message
            ))
            .collect::<Vec<_>>()
            .join("\n")
    );
    println!(
        "{} exchanges checked against the BigCommerce specs; {} known spec deviations tolerated",
        seen.len(),
        violations.len()
    );
    drop(p2);
    drop(p3);
    drop(p3o);
    drop(p3h);
    sb.shutdown().await;
}
