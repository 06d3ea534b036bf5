//! `sandbox serve`: the emulators on a fixed port, for manual use and users' CI.

use crate::cli::{SandboxCmd, SandboxServeArgs};
use crate::error::{Error, Result};
use crate::sandbox::{FaultSpec, Options, Sandbox, ThrottleSpec, demo};

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
        throttle: ThrottleSpec {
            maximum_available: a.throttle_bucket,
            restore_rate: a.throttle_restore,
        },
        orders: a.orders as usize,
    };
    let sb = Sandbox::start(opts).await.map_err(|e| {
        Error::unavailable(format!(
            "cannot start the sandbox on {}:{}: {e}",
            a.bind, a.port
        ))
        .with_hint("pick another --port (0 = any free port)")
    })?;
    println!("shopdesk sandbox listening on {}", sb.base_url());
    println!(
        "  {} orders (seed {}); GraphQL cost bucket {} points, restoring {}/s",
        a.orders, a.seed, a.throttle_bucket, a.throttle_restore
    );
    println!();
    println!("Shopify store URL : {}", sb.shopify_store_url());
    println!(
        "  static token    : {}   (auth = \"token\")",
        demo::SHOPIFY_STATIC_TOKEN
    );
    println!(
        "  client id       : {}   (auth = \"client_credentials\")",
        demo::SHOPIFY_CLIENT_ID
    );
    println!("  client secret   : {}", demo::SHOPIFY_CLIENT_SECRET);
    println!();
    println!("These are demo credentials for the sandbox only. A profile for it:");
    println!();
    println!(
        "  [profiles.sandbox.stores.demo]\n  platform = \"shopify\"\n  url = \"{}\"\n  auth = \"token\"",
        sb.shopify_store_url()
    );
    println!();
    println!(
        "  export SHOPDESK_SANDBOX_DEMO_ACCESS_TOKEN={}",
        demo::SHOPIFY_STATIC_TOKEN
    );
    println!();
    println!("Ctrl-C to stop.");
    tokio::signal::ctrl_c().await.ok();
    sb.shutdown().await;
    Ok(())
}
