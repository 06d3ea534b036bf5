//! Magento end to end: the built binary (and, for the trait methods the CLI does not expose yet,
//! the adapter through the library) against the in-process sandbox's Magento emulator.

mod support;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde_json::Value;
use shopdesk::adapters::commerce::{self, CustomerKey, OrderRef, Store};
use shopdesk::config::StoreConfig;
use shopdesk::domain::NewFulfillment;
use shopdesk::sandbox::{Options, Sandbox, demo};
use support::{Env, stderr, stdout};

/// A sandbox on its own runtime; the binary runs while the runtime's workers serve it.
struct Host {
    rt: tokio::runtime::Runtime,
    sb: Sandbox,
}

impl Host {
    fn new() -> Host {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let sb = rt.block_on(Sandbox::start(Options::default())).expect("sandbox starts");
        Host { rt, sb }
    }
    fn url(&self) -> String {
        self.sb.magento_store_url()
    }
}

fn config(url: &str, auth: &str, extra: &str) -> String {
    format!(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 2\n[profiles.default.stores.main]\nplatform = \"magento\"\nurl = \"{url}\"\nauth = \"{auth}\"\n{extra}"
    )
}

const OAUTH_ENV: &[(&str, &str)] = &[
    ("SHOPDESK_DEFAULT_MAIN_CONSUMER_KEY", demo::MAGENTO_CONSUMER_KEY),
    ("SHOPDESK_DEFAULT_MAIN_CONSUMER_SECRET", demo::MAGENTO_CONSUMER_SECRET),
    ("SHOPDESK_DEFAULT_MAIN_ACCESS_TOKEN", demo::MAGENTO_ACCESS_TOKEN),
    ("SHOPDESK_DEFAULT_MAIN_ACCESS_TOKEN_SECRET", demo::MAGENTO_ACCESS_TOKEN_SECRET),
];

fn run(env: &Env, vars: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut c = env.cmd();
    for (k, v) in vars {
        c.env(k, v);
    }
    c.args(args).output().unwrap()
}

fn oauth_env(h: &Host, extra: &str) -> Env {
    let env = Env::new();
    env.write_config(&config(&h.url(), "oauth1", extra));
    env
}

fn json(o: &std::process::Output) -> Value {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn order_get_by_number_padded_number_and_entity_id() {
    let h = Host::new();
    let env = oauth_env(&h, "");
    for r in ["1001", "#1001", "000001001"] {
        let o = json(&run(&env, OAUTH_ENV, &["--json", "order", "get", r]));
        assert_eq!(o["number"], "000001001", "{r}");
        assert_eq!(o["email"], "jane@example.com");
        assert_eq!(o["source"]["platform"], "magento");
        assert_eq!(o["line_items"].as_array().unwrap().len(), 2);
        assert_eq!(o["fulfillments"][0]["tracking"][0]["carrier"], "United Parcel Service");
        assert!(o["totals"]["total"]["amount"].is_string(), "money is a decimal string");
        assert!(o["shipping_address"]["city"].is_string());
        assert!(o["created_at"].as_str().unwrap().ends_with('Z'));
    }
    // No order is numbered 150, so the bare number is the entity id.
    let o = json(&run(&env, OAUTH_ENV, &["--json", "order", "get", "150"]));
    assert_eq!(o["source"]["platform_id"], "150");
    assert_eq!(o["number"], "000001150");
    // Not found.
    let o = run(&env, OAUTH_ENV, &["order", "get", "#99999"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("not found"), "{}", stderr(&o));
}

#[test]
fn ambiguous_number_across_store_views_lists_them_and_store_code_picks_one() {
    let h = Host::new();
    let env = oauth_env(&h, "");
    let o = run(&env, OAUTH_ENV, &["order", "get", "1042"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("ambiguous") && e.contains("`default`") && e.contains("`fr`"), "{e}");
    assert!(e.contains("entity id 42") && e.contains("entity id 261"), "{e}");
    assert!(e.contains("store_code"), "{e}");
    for (code, id) in [("fr", "261"), ("default", "42")] {
        let env = oauth_env(&h, &format!("store_code = \"{code}\"\n"));
        let o = json(&run(&env, OAUTH_ENV, &["--json", "order", "get", "1042"]));
        assert_eq!(o["source"]["platform_id"], id, "{code}");
    }
}

#[test]
fn search_by_email_and_all_pages_without_duplicates() {
    let h = Host::new();
    let env = oauth_env(&h, "");
    let o = run(
        &env,
        OAUTH_ENV,
        &["order", "search", "--email", "jane@example.com", "--all", "--format", "ndjson"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(rows.len() >= 5, "{}", rows.len());
    assert!(rows.iter().all(|r| r["email"] == "jane@example.com"));
    let dates: Vec<&str> = rows.iter().map(|r| r["created_at"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");

    let before = h.sb.requests().len();
    let o = run(&env, OAUTH_ENV, &["order", "search", "--all", "--format", "ndjson"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ids: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["source"]["platform_id"].as_str().unwrap().to_string()
        })
        .collect();
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "no order twice");
    // 260 seed orders plus the duplicate-number order in store view `fr`.
    assert_eq!(ids.len(), 261);
    let pages: Vec<_> =
        h.sb.requests()[before..].iter().filter(|r| r.path.ends_with("/V1/orders")).cloned().collect();
    assert_eq!(pages.len(), 1, "261 orders fit one page of 300: {pages:?}");

    // A limit above the page size needs two pages of a fixed size.
    let o = run(&env, OAUTH_ENV, &["order", "search", "--limit", "301", "--format", "ndjson"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let n = stdout(&o).lines().count();
    assert_eq!(n, 261);

    let o = run(&env, OAUTH_ENV, &["order", "search", "--status", "cancelled", "--all", "--json"]);
    let rows = json(&o);
    assert!(!rows.as_array().unwrap().is_empty());
    assert!(rows.as_array().unwrap().iter().all(|r| r["status"] == "cancelled"));
    let o = run(
        &env,
        OAUTH_ENV,
        &["order", "search", "--financial-status", "partially-refunded", "--all", "--json"],
    );
    let rows = json(&o);
    assert!(rows.as_array().unwrap().iter().all(|r| r["financial_status"] == "partially_refunded"));
    assert!(rows.as_array().unwrap().iter().any(|r| r["number"] == "000001001"));
}

#[test]
fn fulfillment_list_by_number() {
    let h = Host::new();
    let env = oauth_env(&h, "");
    let o = json(&run(&env, OAUTH_ENV, &["--json", "fulfillment", "list", "1001"]));
    let f = &o.as_array().unwrap()[0];
    assert_eq!(f["status"], "success");
    assert!(f["tracking"][0]["number"].as_str().unwrap().starts_with("1Z"));
    assert!(f["tracking"][0]["url"].as_str().unwrap().contains("ups.com"));
}

#[test]
fn admin_token_works_and_integration_token_as_bearer_is_explained() {
    let h = Host::new();
    let env = Env::new();
    env.write_config(&config(&h.url(), "token", ""));
    let o = run(
        &env,
        &[("SHOPDESK_DEFAULT_MAIN_ACCESS_TOKEN", demo::MAGENTO_ADMIN_TOKEN)],
        &["--json", "order", "get", "1001"],
    );
    assert_eq!(json(&o)["number"], "000001001");
    let o = run(
        &env,
        &[("SHOPDESK_DEFAULT_MAIN_ACCESS_TOKEN", demo::MAGENTO_ACCESS_TOKEN)],
        &["order", "get", "1001"],
    );
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("The consumer isn't authorized to access Magento_Sales::actions_view."), "{e}");
    assert!(e.contains("not accepted as Bearer since Magento 2.4.4"), "{e}");
    assert!(e.contains("auth = \"oauth1\"") && e.contains("access_token_secret"), "{e}");
    assert!(!e.contains(demo::MAGENTO_ACCESS_TOKEN), "no secret in errors");
    // A wrong OAuth secret fails the signature.
    let env = oauth_env(&h, "");
    let mut vars: Vec<(&str, &str)> = OAUTH_ENV.to_vec();
    vars[1].1 = "wrong-secret";
    let o = run(&env, &vars, &["order", "get", "1001"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(!stderr(&o).contains("2.4.4"), "the Bearer explanation is for token mode only");
}

#[test]
fn bad_inputs_are_refused_before_anything_is_sent() {
    let h = Host::new();
    let cases: &[(&str, &[&str], &str)] = &[
        ("", &["order", "get", "ABC-1"], "not an order reference"),
        ("", &["order", "get", "gid://shopify/Order/1"], "not a Magento order reference"),
        ("store_code = \"Default Store\"\n", &["order", "get", "1001"], "not a Magento store view code"),
        ("", &["order", "search", "--since", "yesterday-ish"], "not a date"),
    ];
    for (extra, args, want) in cases {
        let env = oauth_env(&h, extra);
        let before = h.sb.requests().len();
        let o = run(&env, OAUTH_ENV, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
        assert_eq!(h.sb.requests().len(), before, "{args:?} sent a request");
    }
    let env = Env::new();
    env.write_config(&config(&format!("{}/rest/default", h.url()), "oauth1", ""));
    let before = h.sb.requests().len();
    let o = run(&env, OAUTH_ENV, &["order", "get", "1001"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("base URL"), "{}", stderr(&o));
    assert_eq!(h.sb.requests().len(), before);
}

#[test]
fn test_connection_names_the_store_view_and_rejects_an_unknown_code() {
    let h = Host::new();
    let env = oauth_env(&h, "store_code = \"fr\"\n");
    let o = run(&env, OAUTH_ENV, &["test-connection"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("French Store View"), "{}", stdout(&o));
    let env = oauth_env(&h, "store_code = \"de\"\n");
    let o = run(&env, OAUTH_ENV, &["test-connection"]);
    assert!(!o.status.success());
    assert!(format!("{}{}", stdout(&o), stderr(&o)).contains("de"), "{}", stderr(&o));
}

#[test]
fn transient_503_is_retried_with_magentos_body() {
    let h = Host::new();
    let env = oauth_env(&h, "");
    let faults = h.sb.faults_url();
    h.rt.block_on(async {
        reqwest::Client::new().post(&faults).json(&serde_json::json!({"status": 503})).send().await.unwrap();
    });
    let o = json(&run(&env, OAUTH_ENV, &["--json", "order", "get", "150"]));
    assert_eq!(o["source"]["platform_id"], "150");
    assert!(h.sb.requests().iter().any(|r| r.fault.as_deref() == Some("503")));
}

// ---- the trait methods the CLI gains later, through the library -----------------------------

async fn adapter(sb: &Sandbox, store_code: Option<&str>) -> Box<dyn commerce::Commerce> {
    let mut text = format!("platform = 'magento'\nurl = '{}'\nauth = 'oauth1'\n", sb.magento_store_url());
    if let Some(c) = store_code {
        text.push_str(&format!("store_code = '{c}'\n"));
    }
    let cfg: StoreConfig = toml::from_str(&text).unwrap();
    let info = commerce::info("magento").unwrap();
    let secrets: HashMap<&'static str, shopdesk::secret::Secret> = [
        ("consumer_key", demo::MAGENTO_CONSUMER_KEY),
        ("consumer_secret", demo::MAGENTO_CONSUMER_SECRET),
        ("access_token", demo::MAGENTO_ACCESS_TOKEN),
        ("access_token_secret", demo::MAGENTO_ACCESS_TOKEN_SECRET),
    ]
    .into_iter()
    .map(|(k, v)| (k, shopdesk::secret::Secret::new(v)))
    .collect();
    let auth = commerce::auth_scheme(info, "main", &cfg, &secrets).unwrap();
    let client = shopdesk::transport::Client::new(
        "main (magento)".into(),
        cfg.url.clone(),
        auth,
        info.hooks,
        Default::default(),
        Arc::new(shopdesk::transport::log::Logger::quiet()),
    )
    .unwrap();
    (info.build)(Store { name: "main".into(), config: cfg, client })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notes_are_read_and_added() {
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let m = adapter(&sb, None).await;
    let r = OrderRef::parse("1001").unwrap();
    let before = m.notes(&r).await.unwrap();
    assert!(before.iter().any(|n| n.text.starts_with("Captured amount")), "{before:?}");
    assert!(before.windows(2).all(|w| w[0].created_at <= w[1].created_at), "oldest first");
    let added = m.add_note(&r, "Called the customer about the refund", true).await.unwrap();
    assert!(added.id.is_some() && added.customer_visible);
    let after = m.notes(&r).await.unwrap();
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(after.last().unwrap().text, "Called the customer about the refund");
    // The order's status is unchanged by the comment.
    assert_eq!(m.order(&r).await.unwrap().status, shopdesk::domain::OrderStatus::Closed);
    let n = sb.requests().len();
    assert_eq!(m.add_note(&r, "   ", false).await.unwrap_err().exit_code(), 2);
    assert_eq!(sb.requests().len(), n, "an empty note sends nothing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shipments_are_created_with_tracking_and_show_up() {
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let m = adapter(&sb, None).await;
    // Find an unshipped, open order.
    let q = commerce::OrderQuery {
        fulfillment_status: Some(shopdesk::domain::FulfillmentStatus::Unfulfilled),
        status: Some(shopdesk::domain::OrderStatus::Open),
        ..Default::default()
    };
    let page = m.search_page(&q, None, 50).await.unwrap();
    let target = page.items.first().expect("an unshipped order").number.clone();
    let r = OrderRef::Number(target.clone());
    let f = NewFulfillment {
        tracking_number: "1Z999AA10123456784".into(),
        carrier: Some("UPS".into()),
        tracking_url: None,
        notify: true,
    };
    let made = m.create_fulfillment(&r, &f).await.unwrap();
    assert_eq!(made.tracking[0].number.as_deref(), Some("1Z999AA10123456784"));
    assert_eq!(made.tracking[0].carrier.as_deref(), Some("United Parcel Service"));
    let listed = m.fulfillments(&r).await.unwrap();
    assert!(listed.iter().any(|x| x.id == made.id));
    let o = m.order(&r).await.unwrap();
    assert_eq!(o.fulfillment_status, shopdesk::domain::FulfillmentStatus::Fulfilled);
    // Nothing left to ship: a conflict, not a crash.
    let e = m.create_fulfillment(&r, &f).await.unwrap_err();
    assert_eq!(e.exit_code(), 6, "{e:?}");
    // A bad tracking number sends nothing.
    let n = sb.requests().len();
    let bad = NewFulfillment { tracking_number: "1Z 999".into(), ..f };
    assert_eq!(m.create_fulfillment(&r, &bad).await.unwrap_err().exit_code(), 2);
    assert_eq!(sb.requests().len(), n);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn customers_by_email_and_id() {
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let m = adapter(&sb, None).await;
    let found = m.customers(&CustomerKey::parse("jane@example.com").unwrap()).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name.as_deref(), Some("Jane Doe"));
    assert!(found[0].default_address.is_some());
    let id = found[0].source.platform_id.clone();
    let by_id = m.customers(&CustomerKey::Id(id.clone())).await.unwrap();
    assert_eq!(by_id[0].email.as_deref(), Some("jane@example.com"));
    assert!(m.customers(&CustomerKey::parse("nobody@example.com").unwrap()).await.unwrap().is_empty());
    let e = m.customers(&CustomerKey::Id("999999".into())).await.unwrap_err();
    assert_eq!(e.exit_code(), 3);
    let n = sb.requests().len();
    assert_eq!(m.customers(&CustomerKey::Id("cus_abc".into())).await.unwrap_err().exit_code(), 2);
    assert_eq!(sb.requests().len(), n);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_of_100_cover_every_order_once_and_stop_on_total_count() {
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let m = adapter(&sb, None).await;
    let q = commerce::OrderQuery::default();
    let (mut seen, mut cursor, mut pages) = (HashSet::new(), None::<String>, 0);
    loop {
        let p = m.search_page(&q, cursor.as_deref(), 100).await.unwrap();
        pages += 1;
        for o in &p.items {
            assert!(seen.insert(o.source.platform_id.clone()), "{} twice", o.number);
        }
        match p.next {
            Some(n) => cursor = Some(n),
            None => break,
        }
    }
    assert_eq!((pages, seen.len()), (3, 261));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emulator_pages_clamp_and_limit_like_magento() {
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let http = reqwest::Client::new();
    let get = |q: &'static str| {
        let url = format!("{}/rest/default/V1/orders?{q}", sb.magento_store_url());
        let http = http.clone();
        async move {
            let r = http.get(url).bearer_auth(demo::MAGENTO_ADMIN_TOKEN).send().await.unwrap();
            (r.status().as_u16(), r.json::<Value>().await.unwrap())
        }
    };
    // Past the last page: the last page again, total_count unchanged.
    let (s, last) = get("searchCriteria[pageSize]=100&searchCriteria[currentPage]=3").await;
    let (_, past) = get("searchCriteria[pageSize]=100&searchCriteria[currentPage]=99").await;
    assert_eq!(s, 200);
    assert_eq!(last["items"], past["items"]);
    assert_eq!(past["total_count"], 261);
    assert_eq!(past["items"].as_array().unwrap().len(), 61);
    // No pageSize: 20 items.
    let (_, d) = get("").await;
    assert_eq!(d["items"].as_array().unwrap().len(), 20);
    // Above the maximum.
    let (s, e) = get("searchCriteria[pageSize]=301").await;
    assert_eq!(s, 400);
    assert_eq!(
        e,
        serde_json::json!({"message": "Maximum SearchCriteria pageSize is %max", "parameters": {"max": 300}})
    );
    // snake_case spelling, OR within a group, like.
    let (_, r) = get("searchCriteria[filter_groups][0][filters][0][field]=increment_id&searchCriteria[filter_groups][0][filters][0][value]=000001001&searchCriteria[filter_groups][0][filters][1][field]=customer_email&searchCriteria[filter_groups][0][filters][1][value]=%25@example.com&searchCriteria[filter_groups][0][filters][1][condition_type]=like&searchCriteria[pageSize]=300").await;
    assert_eq!(r["total_count"], 261);
    // An unknown column: Magento's production-mode 500.
    let (s, e) = get("searchCriteria[filterGroups][0][filters][0][field]=colour&searchCriteria[filterGroups][0][filters][0][value]=red").await;
    assert_eq!(s, 500);
    assert!(e["message"].as_str().unwrap().starts_with("Internal Error."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth_nonces_are_single_use_and_sha1_still_works() {
    use shopdesk::transport::oauth1::{SignatureMethod, Signer};
    let sb = Sandbox::start(Options::default()).await.unwrap();
    let url: url::Url = format!("{}/rest/default/V1/orders/1", sb.magento_store_url()).parse().unwrap();
    let secret = shopdesk::secret::Secret::new;
    let signer = |method| Signer {
        consumer_key: secret(demo::MAGENTO_CONSUMER_KEY),
        consumer_secret: secret(demo::MAGENTO_CONSUMER_SECRET),
        token: Some((secret(demo::MAGENTO_ACCESS_TOKEN), secret(demo::MAGENTO_ACCESS_TOKEN_SECRET))),
        method,
    };
    let now = jiff::Timestamp::now().as_second() as u64;
    let http = reqwest::Client::new();
    let send = |h: String| {
        let (http, url) = (http.clone(), url.clone());
        async move { http.get(url).header("authorization", h).send().await.unwrap().status().as_u16() }
    };
    let h = signer(SignatureMethod::HmacSha256).authorization("GET", &url, &[], "nonce-1", now);
    assert_eq!(send(h.clone()).await, 200);
    assert_eq!(send(h).await, 401, "a replayed nonce is refused");
    let h = signer(SignatureMethod::HmacSha1).authorization("GET", &url, &[], "nonce-2", now);
    assert_eq!(send(h).await, 200);
    let h = signer(SignatureMethod::HmacSha256).authorization("GET", &url, &[], "nonce-3", now - 3600);
    assert_eq!(send(h).await, 401, "an hour-old timestamp is refused");
    let body = http
        .get(url.clone())
        .header("authorization", format!("Bearer {}", demo::MAGENTO_ACCESS_TOKEN))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(
        body,
        serde_json::json!({"message": "The consumer isn't authorized to access %resources.", "parameters": {"resources": "Magento_Sales::actions_view"}})
    );
}
