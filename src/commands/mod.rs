//! One file per noun. `run` dispatches a parsed command line to its handler.

mod analytics;
mod api;
mod audit;
mod auth;
mod config;
mod customer;
mod docs;
mod fulfillment;
mod order;
mod payment;
pub mod refund;
mod sandbox;
mod test_connection;
mod track;
mod webhook;

use crate::cli::{Cli, Command};
use crate::context::Ctx;
use crate::error::Result;

/// Commands that handle Ctrl-C/SIGTERM themselves, to shut down gracefully (`webhook listen`
/// drains requests and deliveries); `main` interrupts every other command at once.
pub fn handles_interrupt(cli: &Cli) -> bool {
    matches!(&cli.command, Command::Webhook(crate::cli::WebhookCmd::Listen(_)))
}

/// Run one command line to completion.
pub async fn run(cli: Cli) -> Result<()> {
    // Commands that need neither config nor network.
    match &cli.command {
        Command::Completions { shell } => return docs::completions(*shell),
        Command::Man { out_dir } => return docs::man(out_dir.as_deref()),
        Command::Sandbox(cmd) => return sandbox::run(cmd).await,
        _ => {}
    }
    let mut ctx = Ctx::new(cli.global).await?;
    let result = match cli.command {
        Command::Order(cmd) => order::run(&mut ctx, cmd).await,
        Command::Fulfillment(cmd) => fulfillment::run(&mut ctx, cmd).await,
        Command::Customer(cmd) => customer::run(&mut ctx, cmd).await,
        Command::Payment(cmd) => payment::run(&mut ctx, cmd).await,
        Command::Refund(args) => refund::run(&mut ctx, args).await,
        Command::Track(args) => track::run(&mut ctx, args).await,
        Command::Audit(cmd) => audit::run(&mut ctx, cmd).await,
        Command::Webhook(cmd) => webhook::run(&mut ctx, cmd).await,
        Command::Analytics(cmd) => analytics::run(&mut ctx, cmd).await,
        Command::TestConnection(args) => test_connection::run(&mut ctx, args).await,
        Command::Auth(cmd) => auth::run(&mut ctx, cmd).await,
        Command::Config(cmd) => config::run(&mut ctx, cmd).await,
        Command::Api(args) => api::run(&mut ctx, args).await,
        Command::Completions { .. } | Command::Man { .. } | Command::Sandbox(_) => {
            unreachable!("handled above")
        }
    };
    crate::analytics::after_command(&ctx).await;
    if let Some(sb) = ctx.sandbox.take() {
        sb.shutdown().await;
    }
    result
}

use crate::adapters::commerce::Commerce;
use crate::error::{Error, Kind};

/// Run `f` against every selected store (`--store all`) concurrently, in store order.
async fn each_store<T, F, Fut>(ctx: &Ctx, f: F) -> Result<Vec<(String, Result<T>)>>
where
    F: Fn(Box<dyn Commerce>) -> Fut,
    Fut: std::future::Future<Output = Result<T>>,
{
    let names = ctx.selected_stores()?;
    let futures = names.iter().map(|name| {
        let f = &f;
        async move {
            let r = match ctx.open_store(name).await {
                Ok(shop) => f(shop).await,
                Err(e) => Err(e),
            };
            (name.clone(), r)
        }
    });
    Ok(futures_util::future::join_all(futures).await)
}

/// Fold per-store results: successes are kept; with one store its error is returned as is;
/// with several, failures are reported on stderr and turn into exit 7 after the output, and
/// "not found" only counts when no store had it.
struct Merged<T> {
    items: Vec<T>,
    failures: Vec<(String, Error)>,
    not_found: Vec<(String, Error)>,
}

impl<T> Merged<T> {
    fn new(results: Vec<(String, Result<T>)>) -> Result<Merged<T>> {
        let single = results.len() == 1;
        let mut m = Merged { items: vec![], failures: vec![], not_found: vec![] };
        for (store, r) in results {
            match r {
                Ok(v) => m.items.push(v),
                Err(e) if single => return Err(e),
                Err(e) if e.kind == Kind::NotFound => m.not_found.push((store, e)),
                Err(e) => m.failures.push((store, e)),
            }
        }
        for (store, e) in &m.failures {
            eprintln!("shopdesk: store {store} failed: {}", e.message);
        }
        if m.items.is_empty() && m.failures.is_empty() && !m.not_found.is_empty() {
            let stores = m.not_found.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>().join(", ");
            let first = &m.not_found[0].1;
            return Err(Error::not_found(format!("not found in any store ({stores}): {}", first.message)));
        }
        Ok(m)
    }

    /// After printing: exit 7 when some stores failed.
    fn finish(&self) -> Result<()> {
        if self.failures.is_empty() {
            return Ok(());
        }
        let names = self.failures.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>().join(", ");
        let kind = if self.items.is_empty() && self.failures.len() == 1 {
            self.failures[0].1.kind
        } else {
            Kind::Partial
        };
        Err(Error::new(kind, format!("{} store(s) failed: {names}", self.failures.len()))
            .with_hint("the other stores' results are shown; see the messages above"))
    }
}
