//! One file per noun. `run` dispatches a parsed command line to its handler.

mod api;
mod auth;
mod config;
mod docs;
mod fulfillment;
mod order;
mod sandbox;
mod test_connection;

use crate::cli::{Cli, Command};
use crate::context::Ctx;
use crate::error::Result;

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
        Command::TestConnection(args) => test_connection::run(&mut ctx, args).await,
        Command::Auth(cmd) => auth::run(&mut ctx, cmd).await,
        Command::Config(cmd) => config::run(&mut ctx, cmd).await,
        Command::Api(args) => api::run(&mut ctx, args).await,
        Command::Completions { .. } | Command::Man { .. } | Command::Sandbox(_) => {
            unreachable!("handled above")
        }
    };
    if let Some(sb) = ctx.sandbox.take() {
        sb.shutdown().await;
    }
    result
}
