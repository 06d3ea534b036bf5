//! Contract check for the gateways (DESIGN §10): every Stripe and PayPal request `payment get`,
//! `payment refunds` and `payment refund` send, and every answer the sandbox gives, passes
//! through Stoplight Prism in validating proxy mode (see `support/prism.rs`), loaded with the
//! vendors' own OpenAPI documents from `shared/specs`:
//! - Stripe: `spec3-2023-08.yaml`, cut to the operations shopdesk calls (PaymentIntent and
//!   Charge retrieve, Refund create/list/retrieve, webhook endpoint create/list/delete; the
//!   pinned API version is added to the snapshot's older `api_version` enum) and their own objects (`payment_intent`,
//!   `charge`, `refund`, `error`), validated field by field; objects nested in them (expandable
//!   references such as `latest_charge`) are left open, because Prism cannot load Stripe's
//!   linked component graph (the whole document, or even 30 schemas one level deeper, did not
//!   load in 5 minutes).
//! - PayPal: `checkout_orders_v2.json` (order get) merged with `payments_payment_v2.json`
//!   (capture get, capture refund, refund get) and `notifications_webhooks_v1.json` (webhook
//!   create, list, delete). PayPal publishes no OpenAPI for its OAuth token
//!   endpoint, so the test adds `POST /v1/oauth2/token` as an open operation (any form body, any
//!   JSON answer): that one call is forwarded unchecked, and services.md §2 covers its shape.
//!
//! Both directions fail the test: Prism answers 422 to an invalid request, 500 with
//! `sl-violations` to an invalid answer, and logs each as `Request terminated with error`.

mod support;

use serde_json::{Value, json};
use shopdesk::sandbox::seed::{self, FinancialStatus};
use shopdesk::sandbox::{Options, Sandbox, demo, paypal, stripe};
use support::prism::{self, Prism};
use support::{Env, stderr, stdout};

fn paid(paypal: bool, i: usize) -> seed::Order {
    seed::generate(0, seed::DEFAULT_ORDERS)
        .orders
        .into_iter()
        .filter(|o| {
            (o.gateway == "paypal") == paypal
                && o.financial_status == FinancialStatus::Paid
                && o.refunds.is_empty()
        })
        .nth(i)
        .unwrap()
}

fn stripe_spec(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    let file = prism::spec_file("stripe/spec3-2023-08.yaml")?;
    let full: Value = serde_norway::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let sub = prism::subset(
        &full,
        &[
            "/v1/payment_intents/{intent}",
            "/v1/charges/{charge}",
            "/v1/refunds",
            "/v1/refunds/{refund}",
            "/v1/webhook_endpoints",
            "/v1/webhook_endpoints/{webhook_endpoint}",
        ],
        Some(0),
    );
    let mut sub = sub;
    // The 2023-08 snapshot's `api_version` enum ends at 2023-08-16; shopdesk pins a newer
    // version (the one every request carries as Stripe-Version), which Stripe accepts. Add it
    // to the enum rather than skip the check of the rest of the body.
    let schema = "/paths/~1v1~1webhook_endpoints/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/api_version/enum";
    sub.pointer_mut(schema)
        .and_then(Value::as_array_mut)
        .expect("the spec lists api_version values")
        .push(json!(shopdesk::adapters::payments::stripe::DEFAULT_VERSION));
    let out = dir.join("stripe-subset.json");
    std::fs::write(&out, serde_json::to_vec(&sub).unwrap()).unwrap();
    Some(out)
}

fn paypal_spec(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    let read = |rel: &str| -> Option<Value> {
        Some(serde_json::from_str(&std::fs::read_to_string(prism::spec_file(rel)?).unwrap()).unwrap())
    };
    let orders = read("paypal/checkout_orders_v2.json")?;
    let payments = read("paypal/payments_payment_v2.json")?;
    let webhooks = read("paypal/notifications_webhooks_v1.json")?;
    let merged = prism::merge(
        prism::subset(&orders, &["/v2/checkout/orders/{id}"], None),
        prism::subset(
            &payments,
            &[
                "/v2/payments/captures/{capture_id}",
                "/v2/payments/captures/{capture_id}/refund",
                "/v2/payments/refunds/{refund_id}",
            ],
            None,
        ),
    );
    let mut merged = prism::merge(
        merged,
        prism::subset(
            &webhooks,
            &["/v1/notifications/webhooks", "/v1/notifications/webhooks/{webhook_id}"],
            None,
        ),
    );
    merged["paths"]["/v1/oauth2/token"] = json!({
        "post": {
            "operationId": "oauth2.token",
            "security": [],
            "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object"}}}},
            "responses": {"200": {"description": "token", "content": {"application/json": {"schema": {"type": "object"}}}}}
        }
    });
    let out = dir.join("paypal-merged.json");
    std::fs::write(&out, serde_json::to_vec(&merged).unwrap()).unwrap();
    Some(out)
}

#[test]
fn gateway_traffic_conforms_to_the_stripe_and_paypal_openapi_documents() {
    if !prism::wanted() {
        return;
    }
    let env = Env::new();
    let (Some(stripe_file), Some(paypal_file)) = (stripe_spec(env.path()), paypal_spec(env.path())) else {
        return;
    };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let sb = rt.block_on(Sandbox::start(Options::default())).unwrap();
    let p_stripe = Prism::start(&stripe_file, &sb.stripe_url(), env.path(), "stripe");
    let p_paypal = Prism::start(&paypal_file, &sb.paypal_url(), env.path(), "paypal");
    env.write_config(&format!(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 0\n[profiles.default.payments.stripe]\ngateway = \"stripe\"\nurl = \"{}\"\n[profiles.default.payments.pp]\ngateway = \"paypal\"\nurl = \"{}\"\nclient_id = \"{}\"\n",
        p_stripe.url(),
        p_paypal.url(),
        demo::PAYPAL_CLIENT_ID
    ));
    let run = |args: &[&str]| {
        env.cmd()
            .env("SHOPDESK_DEFAULT_STRIPE_SECRET_KEY", demo::STRIPE_SECRET_KEY)
            .env("SHOPDESK_DEFAULT_PP_CLIENT_SECRET", demo::PAYPAL_CLIENT_SECRET)
            .args(args)
            .output()
            .unwrap()
    };
    let ok = |args: &[&str]| {
        let o = run(args);
        assert!(
            o.status.success(),
            "{args:?} failed through the validating proxy:\n{}{}\n--- prism ---\n{}\n{}",
            stderr(&o),
            stdout(&o),
            p_stripe.errors().join("\n"),
            p_paypal
                .log_text()
                .lines()
                .filter(|l| l.contains("error") || l.contains("violation") || l.contains("warn"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    };
    let s = paid(false, 0);
    let pi = stripe::intent_id(s.number);
    ok(&["payment", "get", &pi, "--json"]);
    ok(&["payment", "get", &stripe::charge_id(s.number), "--json"]);
    ok(&[
        "payment",
        "refund",
        &pi,
        "--amount",
        "1.50",
        "--reason",
        "requested_by_customer",
        "--yes",
        "--json",
    ]);
    ok(&["payment", "refunds", &pi, "--json"]);
    let kwd = stripe::intent_id(stripe::KWD_INTENT);
    ok(&["payment", "refund", &kwd, "--amount", "1.234", "--yes", "--json"]);
    let o = run(&["payment", "get", "pi_3SbxNOPE"]);
    assert_eq!(o.status.code(), Some(3), "a Stripe 404 conforms too: {}", stderr(&o));

    let p = paid(true, 0);
    let order_id = paypal::order_id(p.number);
    let capture = paypal::capture_id(p.number);
    ok(&["payment", "get", &order_id, "--gateway", "pp", "--json"]);
    ok(&["payment", "get", &capture, "--gateway", "pp", "--json"]);
    ok(&["payment", "refund", &capture, "--gateway", "pp", "--amount", "2.00", "--yes", "--json"]);
    ok(&["payment", "refunds", &capture, "--gateway", "pp", "--json"]);

    // Webhook endpoints on both gateways: register, list, delete. Stripe's register stores the
    // issued signing secret, so it runs in a private kernel keyring session (`keyctl session`),
    // never the user's keyring; without keyutils the Stripe part is skipped like the other
    // real-keyring tests.
    let keyctl = support::keyctl_available();
    let register = |gw: &str, url: &str| {
        let args =
            ["webhook", "register", "--gateway", gw, "--topic", "refund.created", "--url", url, "--json"];
        if gw == "pp" {
            return ok(&args);
        }
        let c = env.cmd();
        let o = std::process::Command::new("keyctl")
            .args(["session", "-"])
            .arg(assert_cmd::cargo::cargo_bin!("shopdesk"))
            .args(args)
            .envs(c.get_envs().filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))))
            .env("SHOPDESK_KEYRING", "keyutils")
            .env("SHOPDESK_DEFAULT_STRIPE_SECRET_KEY", demo::STRIPE_SECRET_KEY)
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {}\n{}", stderr(&o), p_stripe.errors().join("\n"));
    };
    for gw in ["stripe", "pp"].into_iter().filter(|g| keyctl || *g == "pp") {
        let url = format!("https://example.com/hooks/{gw}");
        register(gw, &url);
        let listed = run(&["webhook", "list", "--gateway", gw, "--json"]);
        assert!(listed.status.success(), "{}", stderr(&listed));
        let rows: Value = serde_json::from_str(&stdout(&listed)).unwrap();
        let id = rows
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["url"] == url.as_str())
            .and_then(|r| r["id"].as_str())
            .unwrap_or_else(|| panic!("{gw}: the new endpoint is listed: {rows}"))
            .to_string();
        ok(&["webhook", "delete", &id, "--gateway", gw, "--yes"]);
    }

    let errors: Vec<String> = p_stripe.errors().into_iter().chain(p_paypal.errors()).collect();
    assert!(
        errors.is_empty(),
        "contract violations:\n{}\n--- stripe log ---\n{}\n--- paypal log ---\n{}",
        errors.join("\n"),
        p_stripe.log_text(),
        p_paypal.log_text()
    );
}
