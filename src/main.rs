//! Entry point: parse → run → report. Everything else lives in the library.

use clap::Parser;
use shopdesk::cli::Cli;

fn main() {
    let cli = Cli::parse();
    let json_errors = cli.global.json || cli.global.format == Some(shopdesk::cli::OutFormat::Json);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    let own_interrupt = shopdesk::commands::handles_interrupt(&cli);
    let result = runtime.block_on(async {
        if own_interrupt {
            return shopdesk::commands::run(cli).await;
        }
        tokio::select! {
            r = shopdesk::commands::run(cli) => r,
            _ = tokio::signal::ctrl_c() => Err(shopdesk::error::Error::new(shopdesk::error::Kind::Interrupted, "interrupted")),
        }
    });
    // Don't wait for a blocking task (a keyring call stuck past its timeout) to finish.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    if let Err(e) = result {
        shopdesk::report(&e, json_errors);
        std::process::exit(e.exit_code());
    }
}
