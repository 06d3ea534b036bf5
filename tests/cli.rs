//! Black-box tests: the built binary, in a hermetic environment.

mod support;

use support::{Env, shopify_config, stderr, stdout};

#[test]
fn version_and_help() {
    let env = Env::new();
    let o = env.cmd().arg("--version").output().unwrap();
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("shopdesk "), "{}", stdout(&o));
    let o = env.cmd().arg("--help").output().unwrap();
    let out = stdout(&o);
    assert!(out.contains("Exit codes:") && out.contains("order"), "{out}");
}

#[test]
fn missing_config_is_a_usage_error_with_a_hint() {
    let env = Env::new();
    let o = env.cmd().args(["order", "get", "1001"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("no config file at") && e.contains("shopdesk config init") && e.contains("--sandbox"),
        "{e}"
    );
}

#[test]
fn malformed_config_names_file_line_and_column() {
    let env = Env::new();
    let p = env.write_config("[profiles.default]\nenvironment = \"test\"\n[profiles.default.stores.main\n");
    let o = env.cmd().args(["order", "get", "1001"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains(&format!("{}:3:", p.display())), "{e}");
}

#[test]
fn unknown_keys_warn_but_work() {
    let env = Env::new();
    env.write_config(&format!("{}colour = \"red\"\n", shopify_config("http://127.0.0.1:9")));
    let o = env.cmd().args(["config", "path"]).output().unwrap();
    assert!(o.status.success());
    assert!(stderr(&o).contains("unknown key `profiles.default.stores.main.colour`"), "{}", stderr(&o));
}

#[test]
fn unknown_profile_and_store() {
    let env = Env::new();
    env.write_config(&shopify_config("http://127.0.0.1:9"));
    let o = env.cmd().args(["--profile", "nope", "order", "get", "1001"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown profile `nope`") && stderr(&o).contains("default"),
        "{}",
        stderr(&o)
    );
    let o = env.cmd().args(["--store", "nope", "order", "get", "1001"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown store `nope`") && stderr(&o).contains("stores: main"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bad_order_ref_is_refused_before_anything_is_sent() {
    let env = Env::new();
    // A port nothing listens on: if anything were sent, the error would be a network one.
    env.write_config(&shopify_config("http://127.0.0.1:9"));
    let o = env.cmd().args(["order", "get", "ABC-12"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`ABC-12` is not an order reference"), "{}", stderr(&o));
}

#[test]
fn missing_secret_names_every_way_to_provide_it() {
    let env = Env::new();
    env.write_config(&shopify_config("http://127.0.0.1:9"));
    let o = env.cmd().env("SHOPDESK_KEYRING", "keyutils").args(["order", "get", "1001"]).output().unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("SHOPDESK_DEFAULT_MAIN_ACCESS_TOKEN") && e.contains("auth login main"), "{e}");
}

#[test]
fn connection_refused_is_exit_8_with_a_hint() {
    let env = Env::new();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    env.write_config(&shopify_config(&format!("http://127.0.0.1:{port}")));
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_MAIN_ACCESS_TOKEN", "shpat_test_secret_value")
        .args(["order", "get", "1001"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(8), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("connection refused") && e.contains("url"), "{e}");
    assert!(!e.contains("shpat_test_secret_value"));
}

#[test]
fn bad_jq_is_a_usage_error() {
    let env = Env::new();
    env.write_config(&shopify_config("http://127.0.0.1:9"));
    let o = env.cmd().args(["order", "get", "1001", "--jq", ".["]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a valid jq filter"), "{}", stderr(&o));
}

#[test]
fn json_errors_are_json_on_stderr() {
    let env = Env::new();
    let o = env.cmd().args(["--json", "order", "get", "1001"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(stderr(&o).trim()).expect("JSON on stderr");
    assert_eq!(v["error"]["kind"], "usage");
    assert_eq!(v["error"]["exit_code"], 2);
    assert!(stdout(&o).is_empty());
}

#[test]
fn config_set_keeps_comments_and_validates() {
    let env = Env::new();
    let p = env.write_config(&format!("# my notes\n{}", shopify_config("https://a.myshopify.com")));
    let o = env
        .cmd()
        .args(["config", "set", "profiles.default.stores.main.api_version", "2026-07"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains("# my notes") && text.contains("api_version = \"2026-07\""), "{text}");
    let o = env
        .cmd()
        .args(["config", "set", "profiles.default.stores.main.platform", "shopfy"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        std::fs::read_to_string(&p).unwrap().contains("platform = \"shopify\""),
        "invalid edit must not be written"
    );
}

#[test]
fn config_init_off_a_terminal_writes_the_template() {
    let env = Env::new();
    let o = env.cmd().args(["config", "init"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(text.contains("[profiles.default.stores.main]"));
    let o = env.cmd().args(["config", "init"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "refuses to overwrite");
    let o = env.cmd().args(["config", "show"]).output().unwrap();
    assert_eq!(stdout(&o).trim(), text.trim());
}

#[test]
fn generated_completions_and_man_pages_are_current() {
    let env = Env::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (shell, file) in [
        ("bash", "shopdesk.bash"),
        ("zsh", "_shopdesk"),
        ("fish", "shopdesk.fish"),
        ("powershell", "_shopdesk.ps1"),
        ("elvish", "shopdesk.elv"),
    ] {
        let o = env.cmd().args(["completions", shell]).output().unwrap();
        assert!(o.status.success());
        let committed = std::fs::read(root.join("completions").join(file)).unwrap_or_default();
        assert!(
            committed == o.stdout,
            "completions/{file} is stale: run `cargo run -- completions {shell} > completions/{file}`"
        );
    }
    let out = env.path().join("man");
    let o = env.cmd().args(["man", "--out-dir"]).arg(&out).output().unwrap();
    assert!(o.status.success());
    let mut made: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    made.sort();
    let mut committed: Vec<_> = std::fs::read_dir(root.join("man"))
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    committed.sort();
    assert_eq!(made, committed, "man/ is stale: run `cargo run -- man --out-dir man`");
    for name in made {
        assert!(
            std::fs::read(out.join(&name)).unwrap() == std::fs::read(root.join("man").join(&name)).unwrap(),
            "man/{name:?} is stale: run `cargo run -- man --out-dir man`"
        );
    }
}

#[test]
fn sandbox_serve_prints_a_profile_that_works_for_every_store() {
    use std::io::{BufRead, BufReader};
    let env = Env::new();
    let mut child = env
        .cmd_std()
        .args(["sandbox", "serve", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut text = String::new();
    for l in lines.by_ref() {
        let l = l.unwrap();
        if l.starts_with("Ctrl-C") {
            break;
        }
        text.push_str(&l);
        text.push('\n');
    }
    // The indented profile block and the exports, as a user would paste them.
    let profile: String = text
        .lines()
        .skip_while(|l| !l.contains("[profiles.sandbox]"))
        .take_while(|l| !l.trim_start().starts_with("export"))
        .map(|l| format!("{}\n", l.trim()))
        .collect();
    env.write_config(&profile);
    let mut cmd = env.cmd();
    for l in text.lines().filter_map(|l| l.trim().strip_prefix("export ")) {
        let (k, v) = l.split_once('=').unwrap();
        cmd.env(k, v);
    }
    // The payment gateways too: a paid Stripe order of the default seed (1) and its PaymentIntent.
    assert!(profile.contains("[profiles.sandbox.payments.stripe]"), "{profile}");
    let pay = {
        use shopdesk::sandbox::seed::{self, FinancialStatus};
        let order = seed::generate(1, seed::DEFAULT_ORDERS)
            .orders
            .into_iter()
            .find(|o| o.gateway != "paypal" && o.financial_status == FinancialStatus::Paid)
            .unwrap();
        let mut c = env.cmd();
        for l in text.lines().filter_map(|l| l.trim().strip_prefix("export ")) {
            let (k, v) = l.split_once('=').unwrap();
            c.env(k, v);
        }
        let pi = shopdesk::sandbox::stripe::intent_id(order.number);
        c.args(["--profile", "sandbox", "payment", "get", &pi, "--json"]).output().unwrap()
    };
    assert!(pay.status.success(), "{}", stderr(&pay));
    let o = cmd
        .args(["--profile", "sandbox", "--store", "all", "order", "get", "1001", "--json"])
        .output()
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(o.status.success(), "{}\n{profile}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let platforms: Vec<&str> =
        v.as_array().unwrap().iter().map(|o| o["source"]["platform"].as_str().unwrap()).collect();
    assert_eq!(platforms, ["bigcommerce", "magento", "shopify", "woocommerce"]);
}

/// `sandbox serve` as users run it: a chosen data size and cost bucket, reached through a
/// profile (`order search --all`) and a raw call (`api`) that shows the bucket.
#[test]
fn sandbox_serve_with_orders_and_throttle_flags() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    let env = Env::new();
    let o = env.cmd().args(["sandbox", "serve", "--orders", "0"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = env.cmd().args(["sandbox", "serve", "--throttle-bucket", "-1"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));

    // assert_cmd only runs to completion; spawn the same hermetic command with std.
    let mut serve = env
        .cmd_std()
        .args(["sandbox", "serve", "--port", "0", "--orders", "420"])
        .args(["--throttle-bucket", "5000", "--throttle-restore", "7"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Keep the pipe open until the end: the banner goes on after the first line.
    let mut banner = BufReader::new(serve.stdout.take().unwrap());
    let mut first = String::new();
    banner.read_line(&mut first).unwrap();
    let base = first
        .trim()
        .strip_prefix("shopdesk sandbox listening on ")
        .unwrap_or_else(|| panic!("unexpected banner: {first}"))
        .to_string();
    env.write_config(&shopify_config(&format!("{base}/shopify/demo-store")));
    let with_token = |c: &mut assert_cmd::Command| {
        c.env("SHOPDESK_DEFAULT_MAIN_ACCESS_TOKEN", shopdesk::sandbox::demo::SHOPIFY_STATIC_TOKEN);
    };
    let mut c = env.cmd();
    with_token(&mut c);
    let o = c.args(["order", "search", "--all", "--format", "ndjson"]).output().unwrap();
    let mut c = env.cmd();
    with_token(&mut c);
    let q = env.path().join("q.json");
    std::fs::write(&q, r#"{"query":"{ shop { name } }"}"#).unwrap();
    let api = c.args(["api", "main", "POST", "graphql.json", "--input"]).arg(&q).output().unwrap();
    serve.kill().unwrap();
    serve.wait().unwrap();
    drop(banner);

    assert!(o.status.success(), "{}", stderr(&o));
    let names: Vec<String> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["number"].to_string())
        .collect();
    assert_eq!(names.len(), 420);
    assert_eq!(names.last().unwrap(), "\"#1001\"", "newest first");
    assert!(api.status.success(), "{}", stderr(&api));
    let body: serde_json::Value = serde_json::from_slice(&api.stdout).unwrap();
    let ts = &body["extensions"]["cost"]["throttleStatus"];
    assert_eq!(ts["maximumAvailable"], 5000.0, "{body}");
    assert_eq!(ts["restoreRate"], 7.0, "{body}");
}

#[test]
fn config_edit_validates_what_the_editor_left() {
    let env = Env::new();
    let p = env.write_config(&shopify_config("https://a.myshopify.com"));
    let o = env.cmd().env("EDITOR", "true").args(["config", "edit"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("is valid"));
    // An editor that breaks the file: the error names file, line and column.
    let o = env
        .cmd()
        .env("EDITOR", "sed -i 's/^platform = .*/platform = [/'")
        .args(["config", "edit"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("{}:", p.display())), "{}", stderr(&o));
}
