//! `sandbox serve`: the emulators on a fixed port, for manual use and users' CI.

use crate::cli::{SandboxCmd, SandboxServeArgs};
use crate::error::{Error, Result};
use crate::sandbox::{FaultSpec, Options, Sandbox, ThrottleSpec};

pub async fn run(cmd: &SandboxCmd) -> Result<()> {
    match cmd {
        SandboxCmd::Serve(a) => serve(a).await,
    }
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
    println!("Demo stores (sandbox-only credentials, not secrets):");
    let stores = sb.demo_stores();
    for d in &stores {
        println!("  {:<12} {:<12} {}", d.name, d.platform, d.url);
        if let Some(id) = d.client_id {
            println!("  {:<12} {:<20} {id}", "", "client_id");
        }
        for (field, value) in &d.secrets {
            println!("  {:<12} {field:<20} {value}", "");
        }
    }
    println!();
    println!("A profile for them (add to `shopdesk config path`), then export the secrets:");
    println!();
    println!("  [profiles.sandbox]\n  default_store = \"shopify\"");
    for d in &stores {
        println!(
            "  [profiles.sandbox.stores.{}]\n  platform = \"{}\"\n  url = \"{}\"\n  auth = \"{}\"",
            d.name, d.platform, d.url, d.auth
        );
        if let Some(id) = d.client_id {
            println!("  client_id = \"{id}\"");
        }
    }
    println!();
    for d in &stores {
        for (field, value) in &d.secrets {
            let var = format!("SHOPDESK_SANDBOX_{}_{}", d.name, field).to_ascii_uppercase();
            println!("  export {var}={value}");
        }
    }
    println!();
    println!("Ctrl-C to stop.");
    tokio::signal::ctrl_c().await.ok();
    sb.shutdown().await;
    Ok(())
}
