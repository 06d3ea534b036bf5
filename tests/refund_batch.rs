//! `refund --from-csv` end to end on the Shopify emulator: results per row, exit 7 when rows
//! fail, a rerun that skips what is done, and `kill -9` in the middle of a 200-row batch
//! followed by a rerun that leaves every row refunded exactly once. Also: a refund clears what
//! an earlier `order get` cached.

mod support;

use serde_json::{Value, json};
use shopdesk::sandbox::seed::{self, FinancialStatus};
use shopdesk::sandbox::{Options, ThrottleSpec, demo};
use std::io::BufRead;
use std::time::{Duration, Instant};
use support::{Env, Host, shopify_cmd, shopify_env, stderr, stdout};

const ORDERS: usize = 900;

fn host(faults: &str) -> Host {
    Host::start(Options {
        throttle: ThrottleSpec { maximum_available: 1e9, restore_rate: 1e9 },
        orders: ORDERS,
        faults: faults.parse().unwrap(),
        ..Options::default()
    })
}

/// Names (`#1234`) of paid, open orders with nothing refunded yet.
fn paid_names(n: usize) -> Vec<String> {
    let names: Vec<String> = seed::generate(0, ORDERS)
        .orders
        .into_iter()
        .filter(|o| {
            o.financial_status == FinancialStatus::Paid
                && o.refunds.is_empty()
                && o.cancelled_at.is_none()
                && o.closed_at.is_none()
        })
        .map(|o| o.name())
        .take(n)
        .collect();
    assert_eq!(names.len(), n, "the seed has {n} refundable orders");
    names
}

fn csv(env: &Env, name: &str, rows: &[String]) -> std::path::PathBuf {
    let p = env.path().join(name);
    std::fs::write(&p, format!("order,amount,reason\n{}\n", rows.join("\n"))).unwrap();
    p
}

fn dec(v: &Value) -> rust_decimal::Decimal {
    v.as_str().unwrap_or_else(|| panic!("{v}")).parse().unwrap()
}

fn lines(s: &str) -> Vec<Value> {
    s.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

/// Refunds on an order that carry shopdesk's key marker, read straight from the emulator.
fn marked_refunds(host: &Host, name: &str) -> usize {
    let url = format!("{}/admin/api/2026-10/graphql.json", host.shopify_url());
    let q =
        "query($q: String!) { orders(first: 1, query: $q) { nodes { name refunds(first: 50) { note } } } }";
    let v: Value = host.rt.block_on(async {
        reqwest::Client::new()
            .post(url)
            .header("x-shopify-access-token", demo::SHOPIFY_STATIC_TOKEN)
            .json(&json!({"query": q, "variables": {"q": format!("name:{name}")}}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    });
    let nodes = v["data"]["orders"]["nodes"].as_array().unwrap_or_else(|| panic!("{v}"));
    assert_eq!(nodes.len(), 1, "{name}: {v}");
    nodes[0]["refunds"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["note"].as_str().is_some_and(|n| n.contains("[shopdesk ")))
        .count()
}

#[test]
fn a_batch_reports_each_row_fails_with_7_and_a_rerun_skips_what_is_done() {
    let host = host("");
    let env = shopify_env(&host);
    let names = paid_names(12);
    let mut rows: Vec<String> = names.iter().map(|n| format!("{n},1.00,batch")).collect();
    rows.push(format!("{},99999,too much", names[0]));
    rows.push("#99999,1.00,no such order".into());
    let file = csv(&env, "rows.csv", &rows);
    let out = shopify_cmd(&env)
        .args(["refund", "--from-csv", file.to_str().unwrap(), "--concurrency", "4", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    let results = lines(&stdout(&out));
    assert_eq!(results.len(), 14, "one NDJSON line per row");
    let by_line = |l: u64| results.iter().find(|r| r["line"] == l).unwrap_or_else(|| panic!("line {l}"));
    for l in 2..=13 {
        assert_eq!(by_line(l)["status"], "refunded", "{}", by_line(l));
        assert_eq!(dec(&by_line(l)["refund"]["amount"]["amount"]), dec(&json!("1.00")));
    }
    assert_eq!(by_line(14)["status"], "failed");
    assert_eq!(by_line(14)["error"]["exit_code"], 2, "over-refund: {}", by_line(14));
    assert_eq!(by_line(15)["error"]["exit_code"], 3, "not found: {}", by_line(15));
    assert!(stderr(&out).contains("12 refunded") && stderr(&out).contains("2 failed"), "{}", stderr(&out));
    for n in &names {
        assert_eq!(marked_refunds(&host, n), 1, "{n}");
    }
    // The rerun: rows done are skipped without a single request; the failed ones fail again.
    let before = host.requests().len();
    let out =
        shopify_cmd(&env).args(["refund", "--from-csv", file.to_str().unwrap(), "--yes"]).output().unwrap();
    assert_eq!(out.status.code(), Some(7));
    let again = lines(&stdout(&out));
    assert_eq!(again.iter().filter(|r| r["status"] == "skipped").count(), 12);
    let spent = host.requests().len() - before;
    assert!(spent <= 6, "only the two failing rows went to the store ({spent} requests)");
    for n in &names {
        assert_eq!(marked_refunds(&host, n), 1, "{n}: still one refund");
    }
    // Dry run: quotes only, nothing refunded.
    let fresh = paid_names(14)[12..].to_vec();
    let file = csv(&env, "dry.csv", &fresh.iter().map(|n| format!("{n},2.00,dry")).collect::<Vec<_>>());
    let out = shopify_cmd(&env)
        .args(["refund", "--from-csv", file.to_str().unwrap(), "--dry-run"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        lines(&stdout(&out))
            .iter()
            .all(|r| r["status"] == "dry_run" && dec(&r["quote"]["total"]["amount"]) == dec(&json!("2")))
    );
    for n in &fresh {
        assert_eq!(marked_refunds(&host, n), 0);
    }
}

/// `kill -9` at a random moment of a batch, 20 times: each round starts a fresh 12-row batch,
/// SIGKILLs it after a random delay (seeded: the seed is printed, `SHOPDESK_TEST_SEED` replays
/// it), and runs it again to the end. After each rerun every row's order has exactly one refund,
/// every row reported refunded before the kill is skipped, and no row is sent twice.
#[test]
fn kill_9_midway_then_rerun_refunds_every_row_exactly_once() {
    const ROUNDS: usize = 20;
    const ROWS: usize = 12;
    let mut rng = support::seeded_rng("kill_9_midway_then_rerun_refunds_every_row_exactly_once");
    let host = host("latency=10ms");
    let env = shopify_env(&host);
    let names = paid_names(ROUNDS * ROWS);
    let (mut report, mut midway) = (Vec::new(), 0);
    for (round, names) in names.chunks(ROWS).enumerate() {
        let rows: Vec<String> = names.iter().map(|n| format!("{n},1.00,crash test")).collect();
        let file = csv(&env, &format!("round-{round}.csv"), &rows);
        let out_path = env.path().join(format!("round-{round}.ndjson"));
        let mut child = {
            let mut c = env.cmd_std();
            c.env("SHOPDESK_DEFAULT_MAIN_ACCESS_TOKEN", demo::SHOPIFY_STATIC_TOKEN)
                .args(["refund", "--from-csv", file.to_str().unwrap(), "--concurrency", "4", "--yes"])
                .stdout(std::fs::File::create(&out_path).unwrap())
                .stderr(std::process::Stdio::null());
            c.spawn().unwrap()
        };
        // The kill point: after `after` rows were reported, plus 0–30 ms into the next ones.
        let after = rng.below(ROWS as u64 - 2) as usize;
        let extra = rng.below(30);
        let reported = || {
            std::fs::File::open(&out_path).map(|f| std::io::BufReader::new(f).lines().count()).unwrap_or(0)
        };
        let started = Instant::now();
        while reported() < after && child.try_wait().unwrap().is_none() {
            assert!(started.elapsed() < Duration::from_secs(60), "round {round}: no progress");
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_millis(extra));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().unwrap(); // SIGKILL: no cleanup, refunds in flight are left pending
        child.wait().unwrap();
        let first = lines(&std::fs::read_to_string(&out_path).unwrap());
        let landed: usize = names.iter().map(|n| marked_refunds(&host, n)).sum();
        let out = shopify_cmd(&env)
            .args(["refund", "--from-csv", file.to_str().unwrap(), "--concurrency", "4", "--yes"])
            .output()
            .unwrap();
        assert!(out.status.success(), "round {round}: {}", stderr(&out));
        let second = lines(&stdout(&out));
        assert_eq!(second.len(), ROWS, "round {round}: {}", stdout(&out));
        let status = |l: &Value| {
            second.iter().find(|r| r["line"] == l["line"]).unwrap_or_else(|| panic!("{l}"))["status"].clone()
        };
        for r in first.iter().filter(|r| r["status"] == "refunded") {
            assert_eq!(status(r), "skipped", "round {round}: reported done before the kill, so skipped: {r}");
        }
        let count = |s: &str| second.iter().filter(|r| r["status"] == s).count();
        let (skipped, refunded, already) = (count("skipped"), count("refunded"), count("already_refunded"));
        assert_eq!(skipped + refunded + already, ROWS, "round {round}: {}", stdout(&out));
        for n in names {
            assert_eq!(marked_refunds(&host, n), 1, "round {round}, {n}: exactly one refund");
        }
        midway += usize::from(first.len() < ROWS);
        report.push(format!(
            "round {round:2}: kill after {after} rows + {extra:2} ms{}: {} rows reported, {landed} refunds at the store; \
             rerun: {skipped} skipped, {refunded} refunded, {already} already refunded",
            if finished { " (batch already done)" } else { "" },
            first.len(),
        ));
    }
    eprintln!("{}", report.join("\n"));
    assert!(midway > 0, "no kill landed before the batch ended: {report:#?}");
}

#[test]
fn a_refund_clears_what_order_get_cached() {
    let host = host("");
    let env = shopify_env(&host);
    let name = paid_names(1).remove(0);
    let get = || -> Value {
        let o = shopify_cmd(&env).args(["order", "get", &name, "--json"]).output().unwrap();
        serde_json::from_str(&stdout(&o)).unwrap()
    };
    let before = get();
    assert_eq!(before["refunds"].as_array().unwrap().len(), 0);
    let o = shopify_cmd(&env)
        .args(["refund", &name, "--amount", "1.00", "--reason", "cache", "--yes"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let after = get();
    assert_eq!(after["refunds"].as_array().unwrap().len(), 1, "not the cached answer: {after}");
}
