//! `webhook register | list | delete | sync` through the binary against the in-process sandbox:
//! each vendor's round trip, topic mapping, refusals before sending, dry runs, confirmations,
//! idempotent sync and pruning, and where secrets go (a private kernel keyring session via
//! `keyctl session`, so the user's keyring is never touched).

mod support;

use support::{Env, Host, stderr, stdout};

/// A profile with every webhook-capable store and both gateways pointed at `host`.
fn env(host: &Host) -> Env {
    let sb = host.sb();
    let e = Env::new();
    let mut cfg = String::from(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 0\ndefault_store = \"shop\"\n",
    );
    for d in sb.demo_stores() {
        let name = match d.platform {
            "shopify" => "shop",
            "woocommerce" => "woo",
            "bigcommerce" => "bc",
            _ => "mage",
        };
        cfg.push_str(&format!(
            "[profiles.default.stores.{name}]\nplatform = \"{}\"\nurl = \"{}\"\nauth = \"{}\"\n",
            d.platform, d.url, d.auth
        ));
        if let Some(id) = d.client_id {
            cfg.push_str(&format!("client_id = \"{id}\"\n"));
        }
    }
    for g in sb.demo_gateways() {
        cfg.push_str(&format!(
            "[profiles.default.payments.{}]\ngateway = \"{}\"\nurl = \"{}\"\n",
            g.name, g.gateway, g.url
        ));
        if let Some(id) = g.client_id {
            cfg.push_str(&format!("client_id = \"{id}\"\n"));
        }
    }
    e.write_config(&cfg);
    e
}

/// The binary with every demo credential in the environment.
fn cmd(e: &Env, host: &Host) -> assert_cmd::Command {
    let mut c = e.cmd();
    for d in host.sb().demo_stores() {
        let name = match d.platform {
            "shopify" => "SHOP",
            "woocommerce" => "WOO",
            "bigcommerce" => "BC",
            _ => "MAGE",
        };
        for (f, v) in d.secrets {
            c.env(format!("SHOPDESK_DEFAULT_{name}_{}", f.to_uppercase()), v);
        }
    }
    for g in host.sb().demo_gateways() {
        for (f, v) in g.secrets {
            c.env(format!("SHOPDESK_DEFAULT_{}_{}", g.name.to_uppercase(), f.to_uppercase()), v);
        }
    }
    c
}

/// Non-GET requests other than token grants and Shopify's GraphQL endpoint (whose reads are
/// POSTs too: its mutations are checked in the `-vv` log instead).
fn writes(host: &Host) -> usize {
    host.requests()
        .iter()
        .filter(|r| {
            r.method != "GET"
                && !r.path.contains("oauth")
                && !r.path.contains("/token")
                && !r.path.ends_with("graphql.json")
        })
        .count()
}

fn json(o: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(o), stderr(o)))
}

/// register → list (portable topic + vendor topic) → delete → list empty, on one target.
fn round_trip(target: &[&str], topic: &str, vendor_topic: &str) {
    let host = Host::default();
    let e = env(&host);
    let url = "https://hooks.example.com/in";
    let mut reg = cmd(&e, &host);
    // WooCommerce's secret is given as an env var here (no keyring in this test).
    reg.env("WH_SECRET", "s3cr3t-value-for-woo");
    let mut args: Vec<&str> = target.to_vec();
    args.extend(["webhook", "register", "--topic", topic, "--url", url, "--json"]);
    if target.contains(&"woo") {
        args.extend(["--secret-from", "env:SHOPDESK_DEFAULT_WOO_WEBHOOK_SECRET"]);
        reg.env("SHOPDESK_DEFAULT_WOO_WEBHOOK_SECRET", "s3cr3t-value-for-woo");
    }
    let o = reg.args(&args).output().unwrap();
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    let id = json(&o)[0]["id"].as_str().unwrap().to_string();
    let mut list_args: Vec<&str> = target.to_vec();
    list_args.extend(["webhook", "list", "--json"]);
    let l = json(&cmd(&e, &host).args(&list_args).output().unwrap());
    assert_eq!(l.as_array().unwrap().len(), 1, "{l}");
    assert_eq!(l[0]["topic"], topic);
    assert_eq!(l[0]["vendor_topic"], vendor_topic);
    assert_eq!(l[0]["url"], url);
    assert_eq!(l[0]["id"], id.as_str());
    let mut del: Vec<&str> = target.to_vec();
    del.extend(["webhook", "delete", &id, "--yes"]);
    let o = cmd(&e, &host).args(&del).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let l = json(&cmd(&e, &host).args(&list_args).output().unwrap());
    assert_eq!(l, serde_json::json!([]));
    let audit = stdout(&cmd(&e, &host).args(["audit", "list", "--json"]).output().unwrap());
    assert!(audit.contains("webhook.register") && audit.contains("webhook.delete"), "{audit}");
}

#[test]
fn shopify_round_trip_maps_the_portable_topic() {
    round_trip(&[], "order.created", "ORDERS_CREATE");
}

#[test]
fn woocommerce_round_trip() {
    round_trip(&["--store", "woo"], "customer.created", "customer.created");
}

#[test]
fn bigcommerce_round_trip() {
    round_trip(&["--store", "bc"], "fulfillment.created", "store/shipment/created");
}

#[test]
fn paypal_round_trip() {
    let host = Host::default();
    let e = env(&host);
    let o = cmd(&e, &host)
        .args([
            "webhook",
            "register",
            "--gateway",
            "paypal",
            "--topic",
            "refund.created",
            "--url",
            "https://h.example.com/p",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let id = json(&o)[0]["id"].as_str().unwrap().to_string();
    assert_eq!(json(&o)[0]["vendor_topic"], "PAYMENT.CAPTURE.REFUNDED");
    // The webhook id went to the gateway's config, where `webhook listen` reads it.
    let cfg = std::fs::read_to_string(e.config_path()).unwrap();
    assert!(cfg.contains(&format!("webhook_id = \"{id}\"")), "{cfg}");
    let o = cmd(&e, &host).args(["webhook", "delete", &id, "--gateway", "paypal", "--yes"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn stripe_round_trip_stores_the_issued_secret_and_never_prints_it() {
    if !support::keyctl_available() {
        return;
    }
    let host = Host::default();
    let e = env(&host);
    let out = e.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    // Register, then read the stored secret back through the keyring in the same session.
    let script = r#"set -e
"$BIN" webhook register --gateway stripe --topic refund.created --topic charge.refunded --url https://h.example.com/s --json > "$OUT/reg.json" 2> "$OUT/reg.err"
"$BIN" webhook list --gateway stripe --json > "$OUT/list.json"
keyctl show @s > "$OUT/keys"
id=$(grep 'default/stripe/webhook_secret' "$OUT/keys" | awk '{print $1}' | head -1)
keyctl pipe "$id" > "$OUT/secret"
"#;
    let c = cmd(&e, &host);
    let o = std::process::Command::new("keyctl")
        .args(["session", "-", "sh", "-c", script])
        .envs(c.get_envs().filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))))
        .env("SHOPDESK_KEYRING", "keyutils")
        .env("BIN", assert_cmd::cargo::cargo_bin!("shopdesk"))
        .env("OUT", &out)
        .output()
        .unwrap();
    let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap_or_default();
    assert!(o.status.success(), "{}\n{}", stderr(&o), read("reg.err"));
    let reg: serde_json::Value = serde_json::from_str(&read("reg.json")).unwrap();
    assert_eq!(reg.as_array().unwrap().len(), 2);
    assert!(reg[0]["id"].as_str().unwrap().starts_with("we_"));
    assert!(read("reg.err").contains("Stored the signing secret"), "{}", read("reg.err"));
    let list: serde_json::Value = serde_json::from_str(&read("list.json")).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
    let everything = format!("{}{}{}{}", read("reg.json"), read("reg.err"), read("list.json"), stderr(&o));
    assert!(!everything.contains("whsec_"), "a secret was printed: {everything}");
    let secret = read("secret");
    assert!(secret.trim().starts_with("whsec_"), "stored secret not found: {secret} {}", read("keys"));
}

#[test]
fn unknown_or_missing_topics_and_magento_are_refused_before_sending() {
    let host = Host::default();
    let e = env(&host);
    let before = host.requests().len();
    let o = cmd(&e, &host)
        .args([
            "--store",
            "woo",
            "webhook",
            "register",
            "--topic",
            "refund.created",
            "--url",
            "https://h.example.com/w",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("WooCommerce has no refund.created topic")
            && stderr(&o).contains("order.updated"),
        "{}",
        stderr(&o)
    );
    let o = cmd(&e, &host)
        .args(["webhook", "register", "--topic", "order.paid!", "--url", "https://h.example.com/w"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("ORDERS_CREATE"), "{}", stderr(&o));
    let o = cmd(&e, &host)
        .args([
            "--store",
            "mage",
            "webhook",
            "register",
            "--topic",
            "order.created",
            "--url",
            "https://h.example.com/m",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("order search --since"), "{}", stderr(&o));
    assert_eq!(host.requests().len(), before, "nothing may be sent");
}

#[test]
fn dry_run_and_unconfirmed_delete_send_no_mutation() {
    let host = Host::default();
    let e = env(&host);
    let o = cmd(&e, &host)
        .args([
            "--store",
            "bc",
            "webhook",
            "register",
            "--topic",
            "order.created",
            "--url",
            "https://h.example.com/b",
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("store/order/created") && stdout(&o).contains("create"), "{}", stdout(&o));
    assert_eq!(writes(&host), 0);
    let o = cmd(&e, &host).args(["--store", "bc", "webhook", "delete", "18048001"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--yes"));
    assert_eq!(writes(&host), 0);
}

#[test]
fn sync_is_idempotent_and_prune_removes_extras() {
    let host = Host::default();
    let e = env(&host);
    let file = e.path().join("hooks.toml");
    std::fs::write(
        &file,
        "[[webhook]]\nstore = \"shop\"\ntopic = \"order.created\"\nurl = \"https://h.example.com/s\"\n\n[[webhook]]\nstore = \"bc\"\ntopic = \"refund.created\"\nurl = \"https://h.example.com/b\"\n",
    )
    .unwrap();
    // An extra subscription the file does not list.
    let o = cmd(&e, &host)
        .args(["webhook", "register", "--topic", "ORDERS_PAID", "--url", "https://h.example.com/old"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cmd(&e, &host).args(["webhook", "sync", file.to_str().unwrap()]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 created"), "{}", stderr(&o));
    let w = writes(&host);
    let o = cmd(&e, &host).args(["webhook", "sync", file.to_str().unwrap(), "-vv"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("nothing to change"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("mutation"), "no GraphQL mutation on the second run: {}", stderr(&o));
    assert!(stderr(&o).contains("WebhookSubscriptions"), "the -vv log shows the read: {}", stderr(&o));
    assert_eq!(writes(&host), w, "a second sync sends no mutation");
    // --prune off a terminal needs --yes.
    let o = cmd(&e, &host).args(["webhook", "sync", file.to_str().unwrap(), "--prune"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(writes(&host), w);
    let o = cmd(&e, &host)
        .args(["webhook", "sync", file.to_str().unwrap(), "--prune", "--yes"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let l = json(&cmd(&e, &host).args(["webhook", "list", "--json"]).output().unwrap());
    let topics: Vec<&str> =
        l.as_array().unwrap().iter().map(|s| s["vendor_topic"].as_str().unwrap()).collect();
    assert_eq!(topics, ["ORDERS_CREATE"]);
}

#[test]
fn woocommerce_generates_stores_and_reuses_its_secret_under_the_sandbox_flag() {
    let e = Env::new();
    let o = e
        .cmd()
        .args([
            "--sandbox",
            "--store",
            "woocommerce",
            "webhook",
            "register",
            "--topic",
            "order.created",
            "--topic",
            "order.updated",
            "--url",
            "https://h.example.com/w",
            "-vv",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("Stored a new webhook signing secret") && err.contains("sandbox"), "{err}");
    assert!(err.contains("\"secret\":\"***\""), "the secret must be masked in the log: {err}");
    assert!(!err.contains("keyring"), "the sandbox must not touch the keyring: {err}");
    assert_eq!(err.matches("Stored a new webhook signing secret").count(), 1, "one secret per store: {err}");
}
