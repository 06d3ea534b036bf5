//! WooCommerce end to end: the real binary (and, for the commands the CLI does not have yet, the
//! adapter through the library) against the in-process sandbox; the emulator's auth and paging
//! over raw HTTP; and OAuth 1.0a signature vectors computed by hand from platforms.md §2.2.

mod support;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use serde_json::{Value, json};
use shopdesk::adapters::commerce::{self, CustomerKey, OrderRef, Store};
use shopdesk::domain::NewFulfillment;
use shopdesk::sandbox::{Options, Sandbox, demo, woocommerce as emu};
use shopdesk::secret::Secret;
use shopdesk::transport::oauth1::{SignatureMethod, Signer};
use support::{Env, stderr, stdout};
use url::Url;

// ---- signature vectors ----------------------------------------------------------------------
//
// Computed independently of both implementations, from §2.2 (strcmp-sorted params, each
// `key=value` rawurlencoded twice, joined by %26; key = consumer_secret + "&"), with:
//   python3 -c 'import hmac,hashlib,base64; print(base64.b64encode(hmac.new(b"<cs>&", b"<base>", hashlib.sha256).digest()).decode())'
// and cross-checked with `printf %s '<base>' | openssl dgst -sha256 -hmac '<cs>&' -binary | base64`.
// Consumer key/secret: the sandbox demo pair; nonce 0123456789abcdef0123456789abcdef;
// timestamp 1764216000; `oauth_version=1.0` is sent (and so signed) by shopdesk's signer.

const TS: u64 = 1_764_216_000;
const NONCE: &str = "0123456789abcdef0123456789abcdef";

struct Vector {
    method: &'static str,
    url: &'static str,
    sig_method: SignatureMethod,
    base: &'static str,
    signature: &'static str,
}

const VECTORS: &[Vector] = &[
    // GET with query parameters (an `@` and a `,` that end up double-encoded).
    Vector {
        method: "GET",
        url: "http://shop.example/wp-json/wc/v3/orders?per_page=5&search=jane%40example.com&status=processing%2Ccompleted",
        sig_method: SignatureMethod::HmacSha256,
        base: "GET&http%3A%2F%2Fshop.example%2Fwp-json%2Fwc%2Fv3%2Forders&oauth_consumer_key%3Dck_sandbox0c5e9a1f7d3b48e2a6c19f0d4b7e3a5c8d21%26oauth_nonce%3D0123456789abcdef0123456789abcdef%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1764216000%26oauth_version%3D1.0%26per_page%3D5%26search%3Djane%2540example.com%26status%3Dprocessing%252Ccompleted",
        signature: "+d6U+JQYciKLqWim5euu+szco/v5lwx8uGU5futjJLw=",
    },
    Vector {
        method: "GET",
        url: "http://shop.example/wp-json/wc/v3/orders?per_page=5&search=jane%40example.com&status=processing%2Ccompleted",
        sig_method: SignatureMethod::HmacSha1,
        base: "GET&http%3A%2F%2Fshop.example%2Fwp-json%2Fwc%2Fv3%2Forders&oauth_consumer_key%3Dck_sandbox0c5e9a1f7d3b48e2a6c19f0d4b7e3a5c8d21%26oauth_nonce%3D0123456789abcdef0123456789abcdef%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1764216000%26oauth_version%3D1.0%26per_page%3D5%26search%3Djane%2540example.com%26status%3Dprocessing%252Ccompleted",
        signature: "RByPMAzlZcDfoQty9+OGFmppP84=",
    },
    // POST with a JSON body: the body is not signed, only the oauth_* parameters.
    Vector {
        method: "POST",
        url: "http://shop.example/wp-json/wc/v3/orders/5001/notes",
        sig_method: SignatureMethod::HmacSha256,
        base: "POST&http%3A%2F%2Fshop.example%2Fwp-json%2Fwc%2Fv3%2Forders%2F5001%2Fnotes&oauth_consumer_key%3Dck_sandbox0c5e9a1f7d3b48e2a6c19f0d4b7e3a5c8d21%26oauth_nonce%3D0123456789abcdef0123456789abcdef%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1764216000%26oauth_version%3D1.0",
        signature: "Tjq1FIv3Ci6mDqeSmF9ZOG3liVjQUBPJWbGOXD/5Cf8=",
    },
    // A URL with a port and a sub-directory home URL.
    Vector {
        method: "GET",
        url: "http://127.0.0.1:8080/woocommerce/demo-site/wp-json/wc/v3/orders?page=2&per_page=100",
        sig_method: SignatureMethod::HmacSha256,
        base: "GET&http%3A%2F%2F127.0.0.1%3A8080%2Fwoocommerce%2Fdemo-site%2Fwp-json%2Fwc%2Fv3%2Forders&oauth_consumer_key%3Dck_sandbox0c5e9a1f7d3b48e2a6c19f0d4b7e3a5c8d21%26oauth_nonce%3D0123456789abcdef0123456789abcdef%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1764216000%26oauth_version%3D1.0%26page%3D2%26per_page%3D100",
        signature: "xhfpVXEfDrCK9gmNmS8cywU1rmAP2sb8Mw0b/zvou5w=",
    },
];

fn signer(method: SignatureMethod) -> Signer {
    Signer {
        consumer_key: Secret::new(demo::WOO_CONSUMER_KEY),
        consumer_secret: Secret::new(demo::WOO_CONSUMER_SECRET),
        token: None,
        method,
    }
}

fn header_param(h: &str, k: &str) -> String {
    let start = h.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
    let end = h[start..].find('"').unwrap() + start;
    h[start..end].to_string()
}

#[test]
fn signer_and_emulator_agree_with_hand_computed_vectors() {
    for v in VECTORS {
        let url = Url::parse(v.url).unwrap();
        // The adapter side: the transport's signer.
        let h = signer(v.sig_method).authorization(v.method, &url, &[], NONCE, TS);
        let sig = header_param(&h, "oauth_signature");
        assert_eq!(shopdesk::transport::oauth1::encode(v.signature), sig, "{} {}", v.method, v.url);
        assert_eq!(
            shopdesk::transport::oauth1::base_string(v.method, &url, &{
                let mut p: Vec<(String, String)> = url.query_pairs().into_owned().collect();
                p.extend([
                    ("oauth_consumer_key".to_string(), demo::WOO_CONSUMER_KEY.to_string()),
                    ("oauth_nonce".to_string(), NONCE.to_string()),
                    ("oauth_signature_method".to_string(), v.sig_method.name().to_string()),
                    ("oauth_timestamp".to_string(), TS.to_string()),
                    ("oauth_version".to_string(), "1.0".to_string()),
                ]);
                p
            }),
            v.base
        );

        // The emulator side: WooCommerce's own algorithm, from the same header.
        let mut no_query = url.clone();
        no_query.set_query(None);
        let params = emu::params_from(url.query().unwrap_or(""), "", Some(&h));
        let mut p: emu::Params = params
            .into_iter()
            .filter(|(k, _)| k != "oauth_signature")
            .map(|(k, v)| (k, emu::PVal::S(v)))
            .collect();
        p.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(emu::string_to_sign(v.method, no_query.as_str(), &p), v.base);
        let algo = if v.sig_method == SignatureMethod::HmacSha1 { "sha1" } else { "sha256" };
        assert_eq!(emu::signature(algo, demo::WOO_CONSUMER_SECRET, v.base), v.signature);
        let mut nonces = HashMap::new();
        let ok = emu::verify_oauth(
            v.method,
            no_query.as_str(),
            url.query().unwrap_or(""),
            "",
            Some(&h),
            TS as i64,
            &mut nonces,
        );
        assert!(matches!(ok, Ok(Some(_))), "{ok:?}");
        // The same nonce again is refused.
        let again = emu::verify_oauth(
            v.method,
            no_query.as_str(),
            url.query().unwrap_or(""),
            "",
            Some(&h),
            TS as i64,
            &mut nonces,
        );
        assert_eq!(again.unwrap_err().1, "Invalid nonce - nonce has already been used.");
    }
}

#[test]
fn emulator_refuses_like_woocommerce() {
    let url = "http://shop.example/wp-json/wc/v3/orders";
    let u = Url::parse(url).unwrap();
    let h = signer(SignatureMethod::HmacSha256).authorization("GET", &u, &[], NONCE, TS);
    let mut n = HashMap::new();
    // ±15 minutes.
    let e = emu::verify_oauth("GET", url, "", "", Some(&h), TS as i64 + 901, &mut n).unwrap_err();
    assert_eq!(e.1, "Invalid timestamp.");
    assert!(emu::verify_oauth("GET", url, "", "", Some(&h), TS as i64 + 899, &mut n).is_ok());
    // Another URL (e.g. https vs http) breaks the signature.
    let e = emu::verify_oauth(
        "GET",
        "https://shop.example/wp-json/wc/v3/orders",
        "",
        "",
        Some(&h),
        TS as i64,
        &mut HashMap::new(),
    )
    .unwrap_err();
    assert_eq!(e.1, "Invalid signature - provided signature does not match.");
    // Missing parameters, unknown key, bad method.
    let e = emu::verify_oauth("GET", url, "oauth_consumer_key=x", "", None, TS as i64, &mut n).unwrap_err();
    assert_eq!(e.0, "woocommerce_rest_authentication_missing_parameter");
    assert_eq!(
        e.1,
        "Missing OAuth parameters oauth_timestamp, oauth_nonce, oauth_signature, oauth_signature_method"
    );
    let e = emu::verify_oauth("GET", url, "oauth_consumer_key=ck_x&oauth_timestamp=1&oauth_nonce=a&oauth_signature=b&oauth_signature_method=HMAC-SHA1", "", None, TS as i64, &mut n).unwrap_err();
    assert_eq!(e.1, "Consumer key is invalid.");
    let q = format!(
        "oauth_consumer_key={}&oauth_timestamp=1&oauth_nonce=a&oauth_signature=b&oauth_signature_method=PLAINTEXT",
        demo::WOO_CONSUMER_KEY
    );
    let e = emu::verify_oauth("GET", url, &q, "", None, TS as i64, &mut n).unwrap_err();
    assert_eq!(e.1, "Invalid signature - signature method is invalid.");
    assert!(
        emu::verify_oauth("GET", url, "page=2", "", None, TS as i64, &mut n).unwrap().is_none(),
        "no OAuth at all"
    );
}

// ---- helpers for the black-box tests --------------------------------------------------------

async fn sandbox(tls: bool) -> Sandbox {
    Sandbox::start(Options { tls, ..Options::default() }).await.expect("sandbox starts")
}

fn config(url: &str, auth: &str, extra: &str) -> String {
    format!(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 1\n[profiles.default.stores.woo]\nplatform = \"woocommerce\"\nurl = \"{url}\"\nauth = \"{auth}\"\n{extra}"
    )
}

struct Run {
    code: Option<i32>,
    out: String,
    err: String,
}

async fn run(env: &Env, secret: &str, args: &[&str]) -> Run {
    let mut cmd = env.cmd();
    cmd.env("SHOPDESK_DEFAULT_WOO_CONSUMER_KEY", demo::WOO_CONSUMER_KEY)
        .env("SHOPDESK_DEFAULT_WOO_CONSUMER_SECRET", secret)
        .args(args);
    let o = tokio::task::spawn_blocking(move || cmd.output().unwrap()).await.unwrap();
    Run { code: o.status.code(), out: stdout(&o), err: stderr(&o) }
}

async fn requests(sb: &Sandbox) -> Vec<Value> {
    reqwest::get(format!("{}/_sandbox/requests", sb.base_url())).await.unwrap().json().await.unwrap()
}

async fn control(sb: &Sandbox, body: Value) {
    let r = reqwest::Client::new().post(sb.faults_url()).json(&body).send().await.unwrap();
    assert_eq!(r.status(), 200);
}

fn oauth_env(sb: &Sandbox, site: &str) -> Env {
    let env = Env::new();
    env.write_config(&config(&sb.woocommerce_site_url(site), "oauth1", ""));
    env
}

// ---- black-box: the binary ------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn order_get_by_number_by_id_and_not_found() {
    let sb = sandbox(false).await;
    let env = oauth_env(&sb, demo::WOO_SITE);
    let r = run(&env, demo::WOO_CONSUMER_SECRET, &["--json", "order", "get", "1001"]).await;
    assert_eq!(r.code, Some(0), "{}", r.err);
    let o: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(o["number"], "#1001");
    assert_eq!(o["source"]["platform"], "woocommerce");
    assert_eq!(o["source"]["platform_id"], "5001", "id = number + 4000 in the sandbox");
    assert_eq!(o["email"], "jane@example.com");
    assert_eq!(o["financial_status"], "partially_refunded");
    assert_eq!(o["fulfillments"][0]["tracking"][0]["carrier"], "ups");
    assert!(o["totals"]["total"]["amount"].as_str().unwrap().contains('.'));

    for reference in ["#1002", "gid://woocommerce/Order/5002", "5002"] {
        let r = run(&env, demo::WOO_CONSUMER_SECRET, &["--json", "order", "get", reference]).await;
        assert_eq!(r.code, Some(0), "{reference}: {}", r.err);
        let o: Value = serde_json::from_str(&r.out).unwrap();
        assert_eq!(o["number"], "#1002", "{reference}");
    }
    let r = run(&env, demo::WOO_CONSUMER_SECRET, &["order", "get", "#99999"]).await;
    assert_eq!(r.code, Some(3), "{}", r.err);
    assert!(r.err.contains("order #99999 not found"), "{}", r.err);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_by_email_and_page_through_everything() {
    let sb = sandbox(false).await;
    let env = oauth_env(&sb, demo::WOO_SITE);
    let r = run(
        &env,
        demo::WOO_CONSUMER_SECRET,
        &["--json", "order", "search", "--email", "jane@example.com", "--all"],
    )
    .await;
    assert_eq!(r.code, Some(0), "{}", r.err);
    let rows: Vec<Value> = serde_json::from_str(&r.out).unwrap();
    assert!(rows.len() >= 5);
    assert!(rows.iter().all(|o| o["email"] == "jane@example.com"));

    // Total as the vendor reports it.
    let raw = reqwest::get(format!("{}/wp-json/", sb.woocommerce_site_url(demo::WOO_SITE))).await.unwrap();
    assert_eq!(raw.status(), 200);
    let r = run(&env, demo::WOO_CONSUMER_SECRET, &["--json", "order", "search", "--all"]).await;
    assert_eq!(r.code, Some(0), "{}", r.err);
    let rows: Vec<Value> = serde_json::from_str(&r.out).unwrap();
    let numbers: HashSet<&str> = rows.iter().map(|o| o["number"].as_str().unwrap()).collect();
    assert_eq!(numbers.len(), rows.len(), "no duplicates");
    let log = requests(&sb).await;
    let pages: Vec<&Value> =
        log.iter().filter(|r| r["path"].as_str().unwrap().ends_with("/wc/v3/orders")).collect();
    assert!(pages.len() >= 3, "paged with per_page=100");
    assert_eq!(rows.len(), 260, "X-WP-Total of the seed");

    // A limit that is not a multiple of the page size: the second page keeps per_page.
    let r = run(&env, demo::WOO_CONSUMER_SECRET, &["--json", "order", "search", "--limit", "150"]).await;
    let rows: Vec<Value> = serde_json::from_str(&r.out).unwrap();
    let numbers: HashSet<&str> = rows.iter().map(|o| o["number"].as_str().unwrap()).collect();
    assert_eq!((rows.len(), numbers.len()), (150, 150));

    // Status mapping.
    let r = run(
        &env,
        demo::WOO_CONSUMER_SECRET,
        &["--json", "order", "search", "--status", "cancelled", "--all"],
    )
    .await;
    let rows: Vec<Value> = serde_json::from_str(&r.out).unwrap();
    assert!(!rows.is_empty() && rows.iter().all(|o| o["status"] == "cancelled"));
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fulfillments_and_a_store_without_the_feature() {
    let sb = sandbox(false).await;
    let env = oauth_env(&sb, demo::WOO_SITE);
    let r = run(&env, demo::WOO_CONSUMER_SECRET, &["--json", "fulfillment", "list", "1001"]).await;
    assert_eq!(r.code, Some(0), "{}", r.err);
    let fs: Vec<Value> = serde_json::from_str(&r.out).unwrap();
    assert_eq!(fs.len(), 1);
    assert!(fs[0]["tracking"][0]["number"].as_str().unwrap().starts_with("1Z"));

    let legacy = oauth_env(&sb, demo::WOO_LEGACY_SITE);
    let r = run(&legacy, demo::WOO_CONSUMER_SECRET, &["fulfillment", "list", "1001"]).await;
    assert_eq!(r.code, Some(2), "{}", r.err);
    assert!(r.err.contains("fulfillments are not available on this store (WooCommerce 10.1+ Order Fulfillments feature is off)"), "{}", r.err);
    assert!(r.err.contains("Features"), "hint: {}", r.err);
    // order get still works there, without shipments.
    let r = run(&legacy, demo::WOO_CONSUMER_SECRET, &["--json", "order", "get", "1001"]).await;
    assert_eq!(r.code, Some(0), "{}", r.err);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn basic_auth_on_http_is_refused_before_anything_is_sent() {
    let sb = sandbox(false).await;
    let env = Env::new();
    env.write_config(&config(&sb.woocommerce_site_url(demo::WOO_SITE), "basic", ""));
    let r = run(&env, demo::WOO_CONSUMER_SECRET, &["order", "get", "1001"]).await;
    assert_eq!(r.code, Some(2), "{}", r.err);
    assert!(r.err.contains("refusing to send Basic auth over plain HTTP"), "{}", r.err);
    assert!(!r.err.contains(demo::WOO_CONSUMER_SECRET));
    assert!(requests(&sb).await.is_empty(), "nothing sent");
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn basic_auth_over_tls_with_ca_file() {
    let sb = sandbox(true).await;
    let env = Env::new();
    let ca = env.path().join("sandbox-ca.pem");
    std::fs::write(&ca, sb.ca_pem().unwrap()).unwrap();
    let url = sb.woocommerce_tls_site_url(demo::WOO_SITE).unwrap();
    env.write_config(&config(&url, "basic", &format!("ca_file = \"{}\"\n", ca.display())));
    let r = run(&env, demo::WOO_CONSUMER_SECRET, &["--json", "order", "get", "#1001"]).await;
    assert_eq!(r.code, Some(0), "{}", r.err);
    assert_eq!(serde_json::from_str::<Value>(&r.out).unwrap()["number"], "#1001");

    let r = run(&env, "cs_wrong", &["order", "get", "#1001"]).await;
    assert_eq!(r.code, Some(4), "{}", r.err);
    assert!(r.err.contains("Consumer secret is invalid."), "{}", r.err);
    assert!(!r.err.contains("cs_wrong"));

    // OAuth over TLS also works (the signed URL is https://).
    env.write_config(&config(
        &url,
        "oauth1",
        &format!("ca_file = \"{}\"\nsignature_method = \"HMAC-SHA1\"\n", ca.display()),
    ));
    let r = run(&env, demo::WOO_CONSUMER_SECRET, &["--json", "order", "get", "1003"]).await;
    assert_eq!(r.code, Some(0), "{}", r.err);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth_clock_skew_and_wrong_secret() {
    let sb = sandbox(false).await;
    let env = oauth_env(&sb, demo::WOO_SITE);
    control(&sb, json!({"clock_skew_secs": 3600})).await;
    let r = run(&env, demo::WOO_CONSUMER_SECRET, &["order", "get", "1001"]).await;
    assert_eq!(r.code, Some(4), "{}", r.err);
    assert!(r.err.contains("Invalid timestamp."), "{}", r.err);
    assert!(r.err.contains("sync the clock"), "{}", r.err);
    control(&sb, json!({"clock_skew_secs": 0})).await;

    let r = run(&env, "cs_not_the_secret", &["order", "get", "1001"]).await;
    assert_eq!(r.code, Some(4), "{}", r.err);
    assert!(r.err.contains("Invalid signature - provided signature does not match."), "{}", r.err);
    assert!(!r.err.contains("cs_not_the_secret"));
    sb.shutdown().await;
}

#[test]
fn sandbox_flag_serves_the_woocommerce_demo_store() {
    let env = Env::new();
    let o = env
        .cmd()
        .args(["--sandbox", "--store", "woocommerce", "--json", "order", "get", "1001"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["source"]["platform"], "woocommerce");
}

// ---- the adapter through the library (notes, fulfillment create, customers) -----------------

fn adapter(sb: &Sandbox, site: &str) -> Box<dyn commerce::Commerce> {
    let info = commerce::info("woocommerce").unwrap();
    let cfg: shopdesk::config::StoreConfig = toml::from_str(&format!(
        "platform = \"woocommerce\"\nurl = \"{}\"\nauth = \"oauth1\"",
        sb.woocommerce_site_url(site)
    ))
    .unwrap();
    let mut secrets = HashMap::new();
    secrets.insert("consumer_key", Secret::new(demo::WOO_CONSUMER_KEY));
    secrets.insert("consumer_secret", Secret::new(demo::WOO_CONSUMER_SECRET));
    let auth = commerce::auth_scheme(info, "woo", &cfg, &secrets).unwrap();
    let client = shopdesk::transport::Client::new(
        "woo (woocommerce)".into(),
        cfg.url.clone(),
        auth,
        info.hooks,
        Default::default(),
        Arc::new(shopdesk::transport::log::Logger::quiet()),
    )
    .unwrap();
    (info.build)(Store { name: "woo".into(), config: cfg, client })
}

#[tokio::test]
async fn notes_fulfillment_create_and_customers_through_the_adapter() {
    let sb = sandbox(false).await;
    let woo = adapter(&sb, demo::WOO_SITE);
    let r = OrderRef::parse("1001").unwrap();
    let notes = woo.notes(&r).await.unwrap();
    assert!(notes.len() >= 2);
    assert!(notes.windows(2).all(|w| w[0].created_at <= w[1].created_at), "oldest first");
    let added = woo.add_note(&r, "Called the customer back", true).await.unwrap();
    assert!(added.customer_visible);
    let notes = woo.notes(&r).await.unwrap();
    assert_eq!(notes.last().unwrap().text, "Called the customer back");

    // An unfulfilled order gets a fulfillment for all its items; it shows up on later reads.
    let pending = woo
        .search_page(
            &commerce::OrderQuery { status: Some(shopdesk::domain::OrderStatus::Open), ..Default::default() },
            None,
            100,
        )
        .await
        .unwrap();
    let target = pending
        .items
        .iter()
        .find(|o| o.fulfillment_status == shopdesk::domain::FulfillmentStatus::Unfulfilled)
        .unwrap();
    let tr = OrderRef::parse(&target.number).unwrap();
    let before = woo.fulfillments(&tr).await.unwrap();
    let nf = NewFulfillment {
        tracking_number: "1Z999AA10123456784".into(),
        carrier: Some("UPS".into()),
        tracking_url: None,
        notify: true,
    };
    let created = woo.create_fulfillment(&tr, &nf).await.unwrap();
    assert_eq!(created.tracking[0].carrier.as_deref(), Some("ups"));
    let after = woo.fulfillments(&tr).await.unwrap();
    assert_eq!(after.len(), before.len() + 1);
    let order = woo.order(&tr).await.unwrap();
    assert_eq!(order.fulfillment_status, shopdesk::domain::FulfillmentStatus::Fulfilled);
    let again = woo.create_fulfillment(&tr, &nf).await.unwrap_err();
    assert_eq!(again.exit_code(), 6, "{}", again.message);

    // Customers by email (role=all) and by id.
    let cs = woo.customers(&CustomerKey::parse("JANE@example.com").unwrap()).await.unwrap();
    assert_eq!(cs.len(), 1);
    assert_eq!(cs[0].email.as_deref(), Some("jane@example.com"));
    let by_id = woo.customers(&CustomerKey::Id(cs[0].source.platform_id.clone())).await.unwrap();
    assert_eq!(by_id[0].name, cs[0].name);
    assert!(woo.customers(&CustomerKey::Id("999999".into())).await.unwrap().is_empty());

    let probe = woo.probe().await.unwrap();
    assert_eq!(probe.api_version_served.as_deref(), Some("wc/v3"));

    // The legacy site refuses creating fulfillments with the clear message.
    let legacy = adapter(&sb, demo::WOO_LEGACY_SITE);
    let e = legacy.create_fulfillment(&tr, &nf).await.unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(e.message.contains("Order Fulfillments feature is off"));
    sb.shutdown().await;
}

// ---- the emulator over raw HTTP -------------------------------------------------------------

#[tokio::test]
async fn emulator_paging_headers_errors_and_unauthenticated_calls() {
    let sb = sandbox(false).await;
    let site = sb.woocommerce_site_url(demo::WOO_SITE);
    let http = reqwest::Client::new();
    let signed = |path_q: &str, method: &str| {
        let url = Url::parse(&format!("{site}/wp-json/wc/v3/{path_q}")).unwrap();
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
        let h = signer(SignatureMethod::HmacSha256).authorization(
            method,
            &url,
            &[],
            &shopdesk::transport::oauth1::nonce(),
            now,
        );
        (url, h)
    };
    let (url, h) = signed("orders?per_page=100&page=2", "GET");
    let r = http.get(url).header("authorization", h).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-wp-total"], "260");
    assert_eq!(r.headers()["x-wp-totalpages"], "3");
    let link = r.headers()["link"].to_str().unwrap().to_string();
    assert!(
        link.contains("rel=\"prev\"") && link.contains("rel=\"next\"") && link.contains("page=3"),
        "{link}"
    );
    let page: Vec<Value> = r.json().await.unwrap();
    assert_eq!(page.len(), 100);
    assert!(page[0]["line_items"][0]["price"].is_number());
    assert!(page[0]["total"].is_string());
    assert!(!page[0]["date_created"].as_str().unwrap().ends_with('Z'));

    let (url, h) = signed("orders?per_page=101", "GET");
    let r = http.get(url).header("authorization", h).send().await.unwrap();
    assert_eq!(r.status(), 400);
    let b: Value = r.json().await.unwrap();
    assert_eq!(b["code"], "rest_invalid_param");
    assert_eq!(b["data"]["params"]["per_page"], "per_page must be between 1 (inclusive) and 100 (inclusive)");

    let (url, h) = signed("orders/1001", "GET");
    let r = http.get(url).header("authorization", h).send().await.unwrap();
    assert_eq!(r.status(), 404, "1001 is a number, not an id");
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "woocommerce_rest_shop_order_invalid_id");

    // No credentials, and Basic over plain HTTP (ignored there): the permission check answers.
    for auth in [None, Some("Basic Y2s6Y3M=")] {
        let mut rb = http.get(format!("{site}/wp-json/wc/v3/orders"));
        if let Some(a) = auth {
            rb = rb.header("authorization", a);
        }
        let r = rb.send().await.unwrap();
        assert_eq!(r.status(), 401);
        let b: Value = r.json().await.unwrap();
        assert_eq!(
            b,
            json!({"code": "woocommerce_rest_cannot_view", "message": "Sorry, you cannot list resources.", "data": {"status": 401}})
        );
    }

    // A read-only key cannot write.
    let url = Url::parse(&format!("{site}/wp-json/wc/v3/orders/5001/notes")).unwrap();
    let ro = Signer {
        consumer_key: Secret::new(demo::WOO_READONLY_KEY),
        consumer_secret: Secret::new(demo::WOO_READONLY_SECRET),
        token: None,
        method: SignatureMethod::HmacSha256,
    };
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let h = ro.authorization("POST", &url, &[], "n1", now);
    let r = http.post(url).header("authorization", h).json(&json!({"note": "x"})).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(
        r.json::<Value>().await.unwrap()["message"],
        "The API key provided does not have write permissions."
    );

    // Unknown routes and the legacy site's fulfillments.
    let legacy = sb.woocommerce_site_url(demo::WOO_LEGACY_SITE);
    let url = Url::parse(&format!("{legacy}/wp-json/wc/v3/orders/5001/fulfillments")).unwrap();
    let h = signer(SignatureMethod::HmacSha256).authorization("GET", &url, &[], "n2", now);
    let r = http.get(url).header("authorization", h).send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "rest_no_route");

    // Vendor-shaped fault bodies.
    control(&sb, json!({"status": 503})).await;
    let r = http.get(format!("{site}/wp-json/wc/v3/orders")).send().await.unwrap();
    assert_eq!(r.status(), 503);
    let b: BTreeMap<String, Value> = r.json().await.unwrap();
    assert!(b.contains_key("code") && b.contains_key("message"));
    sb.shutdown().await;
}
