//! `test-connection`: a smoke test for people and CI (`--format junit`).
//!
//! Each store gets five checks: reachable, auth, scopes, API version and clock; with `--all`,
//! each payment gateway, carrier, CRM and analytics service gets two (reachable, auth: its key
//! or credentials are accepted).
//! A failed check does not stop the others; the exit code sums them up (0 all passed, 7 some
//! failed, 4 when every failure is a credential problem).

use crate::adapters::commerce::Probe;
use crate::cli::TestConnectionArgs;
use crate::context::Ctx;
use crate::error::{Error, Kind, Result};
use crate::output::{Format, table};
use serde::Serialize;
use std::time::Instant;

#[derive(Debug, Serialize)]
struct StoreReport {
    /// `store`, `gateway`, `carrier`, `crm` or `analytics`.
    kind: &'static str,
    store: String,
    platform: String,
    ok: bool,
    latency_ms: Option<u64>,
    shop_name: Option<String>,
    api_version_pinned: Option<String>,
    api_version_served: Option<String>,
    scopes_missing: Vec<String>,
    clock_skew_secs: Option<i64>,
    checks: Vec<Check>,
    warnings: Vec<String>,
    #[serde(skip)]
    failure_kind: Option<Kind>,
}

impl StoreReport {
    fn new(kind: &'static str, name: &str, platform: String) -> StoreReport {
        StoreReport {
            kind,
            store: name.to_string(),
            platform,
            ok: false,
            latency_ms: None,
            shop_name: None,
            api_version_pinned: None,
            api_version_served: None,
            scopes_missing: vec![],
            clock_skew_secs: None,
            checks: vec![],
            warnings: vec![],
            failure_kind: None,
        }
    }

    /// The service could not even be opened (secrets, config): an auth failure.
    fn open_failed(mut self, e: Error) -> StoreReport {
        self.checks.push(Check { name: "auth", ok: false, detail: with_hint(&e) });
        self.failure_kind = Some(e.kind);
        self
    }

    /// The probe failed: unreachable, or reachable with the credentials refused.
    fn probe_failed(mut self, e: Error) -> StoreReport {
        let reachable = !matches!(e.kind, Kind::Unavailable);
        self.checks.push(Check {
            name: "reachable",
            ok: reachable,
            detail: if reachable { "answered".into() } else { with_hint(&e) },
        });
        if reachable {
            self.checks.push(Check { name: "auth", ok: false, detail: with_hint(&e) });
        }
        self.failure_kind = Some(e.kind);
        self
    }
}

#[derive(Debug, Serialize)]
struct Check {
    name: &'static str,
    ok: bool,
    detail: String,
}

pub async fn run(ctx: &mut Ctx, args: TestConnectionArgs) -> Result<()> {
    // A connection test must reach the server every time.
    ctx.global.no_cache = true;
    let stores = if args.all { ctx.store_names()? } else { vec![ctx.selected_store()?] };
    let mut reports = Vec::new();
    for s in &stores {
        reports.push(check_store(ctx, s).await);
    }
    if args.all {
        let p = ctx.profile()?.clone();
        for (name, g) in &p.payments {
            let opened = ctx.open_gateway(name).await.map(|gw| async move { gw.probe().await });
            reports.push(check_service("gateway", name, g.gateway.clone(), opened).await);
        }
        for (name, c) in &p.carriers {
            let opened = ctx.open_carrier(name).await.map(|c| async move { c.probe().await });
            reports.push(check_service("carrier", name, c.carrier.clone(), opened).await);
        }
        for (name, c) in &p.crm {
            let opened = ctx.open_crm(name).await.map(|c| async move { c.probe().await });
            reports.push(check_service("crm", name, c.crm.clone(), opened).await);
        }
        for (name, a) in &p.analytics.services {
            let opened = ctx.open_analytics(name).await.map(|a| async move { a.probe().await });
            reports.push(check_service("analytics", name, a.service.clone(), opened).await);
        }
    }
    if ctx.wants_junit() {
        ctx.out.text(&junit(&reports))?;
    } else if ctx.out.format == Format::Table && ctx.out.jq.is_none() {
        let rows = reports
            .iter()
            .flat_map(|r| {
                r.checks.iter().map(move |c| {
                    vec![
                        r.store.clone(),
                        c.name.to_string(),
                        if c.ok { "ok".into() } else { "FAIL".into() },
                        c.detail.clone(),
                    ]
                })
            })
            .collect();
        let mut text = table::grid(&["store", "check", "result", "detail"], rows, ctx.out.color, ctx.out.tty);
        for r in &reports {
            for w in &r.warnings {
                text.push_str(&format!("\nwarning: {}: {w}", r.store));
            }
        }
        ctx.out.text(&text)?;
    } else {
        ctx.out.value(&reports, |_, _, _| String::new())?;
    }
    let failed: Vec<&StoreReport> = reports.iter().filter(|r| !r.ok).collect();
    if failed.is_empty() {
        return Ok(());
    }
    let names = failed.iter().map(|r| r.store.as_str()).collect::<Vec<_>>().join(", ");
    let all_auth = failed.iter().all(|r| r.failure_kind == Some(Kind::Auth));
    let e = if all_auth {
        Error::auth(format!("credentials failed for: {names}"))
    } else {
        Error::partial(format!("{} of {} store(s) failed checks: {names}", failed.len(), reports.len()))
    };
    Err(e.with_hint("see the details above; `shopdesk auth status` shows where each secret comes from"))
}

/// A gateway or carrier: reachable, and the credentials accepted (a cheap authenticated call).
/// `opened` is the service opened (secrets fetched, client built) with its probe, or why not.
async fn check_service<F>(kind: &'static str, name: &str, platform: String, opened: Result<F>) -> StoreReport
where
    F: std::future::Future<Output = Result<String>>,
{
    let mut r = StoreReport::new(kind, name, platform);
    let probe = match opened {
        Ok(p) => p,
        Err(e) => return r.open_failed(e),
    };
    let started = Instant::now();
    let result = probe.await;
    r.latency_ms = Some(started.elapsed().as_millis() as u64);
    match result {
        Ok(desc) => {
            r.checks.push(Check {
                name: "reachable",
                ok: true,
                detail: format!("{} ms", r.latency_ms.unwrap_or(0)),
            });
            r.checks.push(Check { name: "auth", ok: true, detail: desc });
            r.ok = true;
        }
        Err(e) => return r.probe_failed(e),
    }
    r
}

async fn check_store(ctx: &Ctx, name: &str) -> StoreReport {
    let platform = ctx.store_config(name).map(|c| c.platform.clone()).unwrap_or_default();
    let mut r = StoreReport::new("store", name, platform);
    let shop = match ctx.open_store(name).await {
        Ok(s) => s,
        Err(e) => return r.open_failed(e),
    };
    let started = Instant::now();
    let probe = shop.probe().await;
    r.latency_ms = Some(started.elapsed().as_millis() as u64);
    let p: Probe = match probe {
        Ok(p) => p,
        Err(e) => return r.probe_failed(e),
    };
    r.checks.push(Check { name: "reachable", ok: true, detail: format!("{} ms", r.latency_ms.unwrap_or(0)) });
    r.checks.push(Check {
        name: "auth",
        ok: true,
        detail: p
            .shop_name
            .clone()
            .map(|n| format!("credentials accepted by {n}"))
            .unwrap_or_else(|| "credentials accepted".into()),
    });
    let needed = shop.info().needed_scopes;
    if let Some(granted) = &p.scopes_granted {
        r.scopes_missing = needed
            .iter()
            .filter(|s| !granted.iter().any(|g| g == *s || implies(g, s)))
            .map(|s| s.to_string())
            .collect();
        r.checks.push(Check {
            name: "scopes",
            ok: r.scopes_missing.is_empty(),
            detail: if r.scopes_missing.is_empty() {
                format!("has {}", needed.join(", "))
            } else {
                format!("missing {} (grant them to the app)", r.scopes_missing.join(", "))
            },
        });
    }
    let mut version_ok = true;
    let mut version_detail = String::new();
    if let (Some(pinned), Some(served)) = (&p.api_version_pinned, &p.api_version_served) {
        if pinned != served {
            version_ok = false;
            version_detail = format!(
                "pinned {pinned} but served {served}: the pinned version is retired or unknown (fall-forward); update api_version"
            );
            r.warnings.push(version_detail.clone());
        } else {
            version_detail = served.to_string();
        }
    } else if let Some(pinned) = &p.api_version_pinned {
        version_detail = format!("pinned {pinned} (server did not say which it served)");
    }
    if let Some(d) = &p.deprecation {
        r.warnings.push(format!("deprecation notice: {d}"));
    }
    if !version_detail.is_empty() {
        r.checks.push(Check { name: "api_version", ok: version_ok, detail: version_detail });
    }
    if let Some(server) = p.server_date {
        let skew = jiff::Timestamp::now().duration_since(server).as_secs();
        r.clock_skew_secs = Some(skew);
        let ok = skew.abs() <= 300;
        r.checks.push(Check {
            name: "clock",
            ok,
            detail: if ok {
                format!("skew {skew:+} s")
            } else {
                format!("local clock is off by {skew:+} s; signed requests and webhook checks will fail: sync the clock (NTP)")
            },
        });
    }
    r.api_version_pinned = p.api_version_pinned;
    r.api_version_served = p.api_version_served;
    r.shop_name = p.shop_name;
    r.ok = r.checks.iter().all(|c| c.ok);
    if !r.ok {
        r.failure_kind = Some(if r.scopes_missing.is_empty() { Kind::Partial } else { Kind::Auth });
    }
    r
}

/// `write_orders` grants `read_orders` on Shopify.
fn implies(granted: &str, needed: &str) -> bool {
    needed.strip_prefix("read_").is_some_and(|rest| granted == format!("write_{rest}"))
}

fn with_hint(e: &Error) -> String {
    match &e.hint {
        Some(h) => format!("{} — {h}", e.message),
        None => e.message.clone(),
    }
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// JUnit XML: one suite per store, one test case per check.
fn junit(reports: &[StoreReport]) -> String {
    let tests: usize = reports.iter().map(|r| r.checks.len()).sum();
    let failures: usize = reports.iter().map(|r| r.checks.iter().filter(|c| !c.ok).count()).sum();
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"shopdesk test-connection\" tests=\"{tests}\" failures=\"{failures}\">\n"
    );
    for r in reports {
        let f = r.checks.iter().filter(|c| !c.ok).count();
        let time = r.latency_ms.unwrap_or(0) as f64 / 1000.0;
        s.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{f}\" time=\"{time:.3}\">\n",
            xml(&r.store),
            r.checks.len()
        ));
        for c in &r.checks {
            s.push_str(&format!(
                "    <testcase classname=\"shopdesk.{}\" name=\"{}\"",
                xml(&r.store),
                c.name
            ));
            if c.ok {
                s.push_str(" />\n");
            } else {
                s.push_str(&format!(
                    ">\n      <failure message=\"{}\" />\n    </testcase>\n",
                    xml(&c.detail)
                ));
            }
        }
        if !r.warnings.is_empty() {
            s.push_str(&format!("    <system-out>{}</system-out>\n", xml(&r.warnings.join("\n"))));
        }
        s.push_str("  </testsuite>\n");
    }
    s.push_str("</testsuites>");
    s
}
