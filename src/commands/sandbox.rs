//! `sandbox serve`: the emulators on a fixed port, for manual use and users' CI; `sandbox
//! parcels`: the tracking numbers they know, computed offline from the same seed.

use crate::cli::{SandboxCmd, SandboxServeArgs};
use crate::error::{Error, Result};
use crate::sandbox::{FaultSpec, Options, Sandbox, ThrottleSpec};

pub async fn run(cmd: &SandboxCmd) -> Result<()> {
    match cmd {
        SandboxCmd::Serve(a) => serve(a).await,
        SandboxCmd::Parcels { carrier, store, stage, seed, orders } => {
            parcels(carrier.as_deref(), store.as_deref(), stage.as_deref(), *seed, *orders as usize)
        }
    }
}

fn parcels(
    carrier: Option<&str>,
    store: Option<&str>,
    stage: Option<&str>,
    seed: u64,
    orders: usize,
) -> Result<()> {
    use crate::sandbox::seed::Store;
    use crate::sandbox::tracking::{self, Carrier};
    let carriers: [(&str, Carrier); 4] = [
        ("ups", Carrier::Ups),
        ("fedex", Carrier::FedEx),
        ("usps", Carrier::Usps),
        ("dhl", Carrier::DhlExpress),
    ];
    let bad = |what: &str, got: &str, all: &[&str]| {
        Error::usage(format!("unknown {what} `{got}`")).with_hint(format!("one of: {}", all.join(", ")))
    };
    let names: Vec<&str> = carriers.iter().map(|(n, _)| *n).collect();
    if let Some(c) = carrier
        && !names.contains(&c)
    {
        return Err(bad("carrier", c, &names));
    }
    let stores: Vec<&str> = Store::ALL.iter().map(|s| s.name()).collect();
    if let Some(s) = store
        && !stores.contains(&s)
    {
        return Err(bad("store", s, &stores));
    }
    let stages = ["pre_transit", "in_transit", "out_for_delivery", "delivered", "exception"];
    if let Some(s) = stage
        && !stages.contains(&s)
    {
        return Err(bad("stage", s, &stages));
    }
    let mut out = std::io::stdout().lock();
    let mut line = |t: String| {
        use std::io::Write;
        crate::output::write_or_pipe(writeln!(out, "{t}"))
    };
    line("number\tcarrier\tstore\torder\tstage".into())?;
    for (name, c) in carriers.iter().filter(|(n, _)| carrier.is_none_or(|w| w == *n)) {
        for p in tracking::parcels(seed, orders, *c) {
            if store.is_some_and(|s| s != p.store.name()) || stage.is_some_and(|s| s != p.stage.name()) {
                continue;
            }
            line(format!("{}\t{name}\t{}\t{}\t{}", p.number, p.store.name(), p.order, p.stage.name()))?;
        }
    }
    Ok(())
}

async fn serve(a: &SandboxServeArgs) -> Result<()> {
    let faults: FaultSpec = match &a.faults {
        Some(s) => s.parse().map_err(|e: crate::sandbox::FaultSpecError| {
            Error::usage(format!("--faults: {e}"))
                .with_hint("example: --faults 429=5%,503=2%,reset=1%,latency=20ms")
        })?,
        None => FaultSpec::default(),
    };
    let opts = Options {
        bind: a.bind,
        port: a.port,
        seed: a.seed,
        faults,
        token_ttl: std::time::Duration::from_secs(a.token_ttl),
        throttle: ThrottleSpec { maximum_available: a.throttle_bucket, restore_rate: a.throttle_restore },
        orders: a.orders as usize,
        dhl_daily_quota: a.dhl_daily_quota,
        dhl_min_interval: a.dhl_min_interval,
        deliver_after: a.deliver_after,
        webhook_retry_scale: a.webhook_retry_scale,
        ..Options::default()
    };
    let sb = Sandbox::start(opts).await.map_err(|e| {
        Error::unavailable(format!("cannot start the sandbox on {}:{}: {e}", a.bind, a.port))
            .with_hint("pick another --port (0 = any free port)")
    })?;
    println!("shopdesk sandbox listening on {}", sb.base_url());
    println!(
        "  seed {}; Shopify: {} orders, GraphQL cost bucket {} points restoring {}/s",
        a.seed, a.orders, a.throttle_bucket, a.throttle_restore
    );
    println!();
    // Every service prints alike: one list, one profile table each, its non-secret settings as
    // keys and its secrets as `export` lines.
    struct Entry {
        table: &'static str,
        name: &'static str,
        kind_key: &'static str,
        kind: &'static str,
        url: String,
        /// Profile keys besides the kind and url (`auth`, `client_id`, `min_interval`, …).
        settings: Vec<(&'static str, String)>,
        secrets: Vec<(&'static str, String)>,
    }
    let owned = |list: Vec<(&'static str, &'static str)>| -> Vec<(&'static str, String)> {
        list.into_iter().map(|(k, v)| (k, v.to_string())).collect()
    };
    let client_id = |id: Option<&'static str>| id.map(|c| ("client_id", c.to_string()));
    let mut entries: Vec<Entry> = sb
        .demo_stores()
        .into_iter()
        .map(|d| Entry {
            table: "stores",
            name: d.name,
            kind_key: "platform",
            kind: d.platform,
            url: d.url,
            settings: std::iter::once(("auth", d.auth.to_string())).chain(client_id(d.client_id)).collect(),
            secrets: owned(d.secrets),
        })
        .collect();
    entries.extend(sb.demo_gateways().into_iter().map(|g| Entry {
        table: "payments",
        name: g.name,
        kind_key: "gateway",
        kind: g.gateway,
        url: g.url,
        settings: client_id(g.client_id).into_iter().collect(),
        secrets: owned(g.secrets),
    }));
    entries.extend(sb.demo_carriers().into_iter().map(|c| Entry {
        table: "carriers",
        name: c.name,
        kind_key: "carrier",
        kind: c.carrier,
        url: c.url,
        settings:
            client_id(c.client_id).into_iter().chain(c.min_interval.map(|m| ("min_interval", m))).collect(),
        secrets: owned(c.secrets),
    }));
    for (table, kind_key, list) in
        [("crm", "crm", sb.demo_crms()), ("analytics", "service", sb.demo_analytics())]
    {
        entries.extend(list.into_iter().map(|d| Entry {
            table,
            name: d.name,
            kind_key,
            kind: d.kind,
            url: d.url,
            settings: d.settings,
            secrets: d.secrets,
        }));
    }
    println!(
        "Demo stores, payment gateways, carriers, CRMs and analytics (sandbox-only credentials, not secrets):"
    );
    for e in &entries {
        println!("  {:<12} {:<12} {}", e.name, e.kind, e.url);
        for (k, v) in e.settings.iter().filter(|(k, _)| *k == "client_id") {
            println!("  {:<12} {k:<20} {v}", "");
        }
        for (field, value) in &e.secrets {
            let shown = if value.contains('\n') { "(a PEM key; see the export below)" } else { value };
            println!("  {:<12} {field:<20} {shown}", "");
        }
    }
    println!();
    println!("A profile for them (add to `shopdesk config path`), then export the secrets:");
    println!();
    println!("  [profiles.sandbox]\n  default_store = \"shopify\"");
    for e in &entries {
        println!(
            "  [profiles.sandbox.{}.{}]\n  {} = \"{}\"\n  url = \"{}\"",
            e.table, e.name, e.kind_key, e.kind, e.url
        );
        for (k, v) in &e.settings {
            println!("  {k} = \"{v}\"");
        }
    }
    println!();
    for e in &entries {
        for (field, value) in &e.secrets {
            let var = format!("SHOPDESK_SANDBOX_{}_{}", e.name, field).to_ascii_uppercase();
            if value.contains('\n') {
                println!("  export {var}='{value}'");
            } else {
                println!("  export {var}={value}");
            }
        }
    }
    println!();
    println!("Webhooks (`shopdesk webhook listen` verifies with these; export them where it runs):");
    println!("  Shopify and BigCommerce sign with the client_secret above; Stripe signs with:");
    for g in sb.demo_gateways() {
        if let Some(secret) = g.webhook_secret {
            let var = format!("SHOPDESK_SANDBOX_{}_WEBHOOK_SECRET", g.name).to_ascii_uppercase();
            println!("  export {var}={secret}");
        }
    }
    println!("  WooCommerce signs with the secret `webhook register` gives it, which reuses this one:");
    println!(
        "  export SHOPDESK_SANDBOX_WOOCOMMERCE_WEBHOOK_SECRET={}",
        crate::sandbox::demo::WOO_WEBHOOK_SECRET
    );
    println!(
        "  PayPal is verified through its API with the webhook_id `webhook register` writes to the profile."
    );
    let unrefunded = |paypal: bool| {
        crate::sandbox::seed::generate(a.seed, a.orders as usize).orders.into_iter().find(|o| {
            (o.gateway == "paypal") == paypal
                && o.financial_status == crate::sandbox::seed::FinancialStatus::Paid
                && o.refunds.is_empty()
        })
    };
    if let (Some(s), Some(p)) = (unrefunded(false), unrefunded(true)) {
        println!();
        println!(
            "Payments to try refunds on: Stripe {} (order #{}), PayPal capture {} (order #{}).",
            crate::sandbox::stripe::intent_id(s.number),
            s.number,
            crate::sandbox::paypal::capture_id(p.number),
            p.number
        );
    }
    println!();
    println!("Ctrl-C to stop.");
    tokio::signal::ctrl_c().await.ok();
    sb.shutdown().await;
    Ok(())
}
