//! `config init | show | path | set | edit`. Edits keep comments (toml_edit) and are validated
//! before they are written, so the file is never left broken by shopdesk itself.

use crate::adapters::commerce;
use crate::cli::ConfigCmd;
use crate::config::{self, DEFAULT_CONFIG, edit};
use crate::context::Ctx;
use crate::error::{Error, Result};

pub async fn run(ctx: &mut Ctx, cmd: ConfigCmd) -> Result<()> {
    let path = ctx.config_path.clone();
    match cmd {
        ConfigCmd::Path => ctx.out.text(&path.display().to_string()),
        ConfigCmd::Show { default } => {
            if default {
                return ctx.out.text(DEFAULT_CONFIG);
            }
            let text = std::fs::read_to_string(&path).map_err(|_| {
                Error::usage(format!("no config file at {}", path.display()))
                    .with_hint("create one with `shopdesk config init`")
            })?;
            ctx.out.text(&text)
        }
        ConfigCmd::Set { key, value } => {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|_| DEFAULT_CONFIG.to_string());
            let new = edit::set_key(&text, &key, &value)?;
            check(&new, &path)?;
            edit::write(&path, &new)?;
            eprintln!("Set {key} in {}", path.display());
            Ok(())
        }
        ConfigCmd::Edit => {
            let editor =
                std::env::var("VISUAL").or_else(|_| std::env::var("EDITOR")).unwrap_or_else(|_| "vi".into());
            if !path.exists() {
                edit::write(&path, DEFAULT_CONFIG)?;
            }
            let status = std::process::Command::new("sh")
                .arg("-c")
                .arg(format!("{editor} \"$1\""))
                .arg("sh")
                .arg(&path)
                .status()
                .map_err(|e| {
                    Error::general(format!("cannot run editor `{editor}`: {e}")).with_hint("set $EDITOR")
                })?;
            if !status.success() {
                return Err(Error::general(format!("editor `{editor}` exited with {status}")));
            }
            let text = std::fs::read_to_string(&path)?;
            check(&text, &path)?;
            eprintln!("{} is valid.", path.display());
            Ok(())
        }
        ConfigCmd::Init { force } => init(ctx, force).await,
    }
}

fn check(text: &str, path: &std::path::Path) -> Result<()> {
    let loaded = config::parse(text, path, &commerce::platform_names())?;
    for w in loaded.warnings {
        eprintln!("warning: {w}");
    }
    Ok(())
}

async fn init(ctx: &mut Ctx, force: bool) -> Result<()> {
    let path = ctx.config_path.clone();
    if path.exists() && !force {
        return Err(Error::usage(format!("{} already exists", path.display())).with_hint(
            "change it with `shopdesk config edit` / `config set`, or start over with `config init --force`",
        ));
    }
    if !ctx.can_prompt() {
        edit::write(&path, DEFAULT_CONFIG)?;
        eprintln!(
            "Wrote the commented template to {}.\nNext: set your store's url (`shopdesk config set profiles.default.stores.main.url https://SHOP.myshopify.com`),\nthen store its token with `shopdesk auth login main --with-token`.",
            path.display()
        );
        return Ok(());
    }
    let prompt_err = |e: dialoguer::Error| Error::usage(format!("prompt failed: {e}"));
    let theme = dialoguer::theme::ColorfulTheme::default();
    let store: String = dialoguer::Input::with_theme(&theme)
        .with_prompt("Store name (what --store will take)")
        .default("main".into())
        .interact_text()
        .map_err(prompt_err)?;
    let platforms = commerce::platform_names();
    let pi = dialoguer::Select::with_theme(&theme)
        .with_prompt("Platform")
        .items(&platforms)
        .default(0)
        .interact()
        .map_err(prompt_err)?;
    let url: String = dialoguer::Input::with_theme(&theme)
        .with_prompt("Store URL (e.g. https://your-shop.myshopify.com)")
        .validate_with(|s: &String| url::Url::parse(s).map(|_| ()).map_err(|e| e.to_string()))
        .interact_text()
        .map_err(prompt_err)?;
    let modes = ["token (static Admin API access token)", "client_credentials (Dev Dashboard app)"];
    let mi = dialoguer::Select::with_theme(&theme)
        .with_prompt("Authentication")
        .items(modes)
        .default(0)
        .interact()
        .map_err(prompt_err)?;
    let mut text = DEFAULT_CONFIG
        .replace("[profiles.default.stores.main]", &format!("[profiles.default.stores.{store}]"));
    let base = format!("profiles.default.stores.{store}");
    text = edit::set_key(&text, &format!("{base}.platform"), platforms[pi])?;
    text = edit::set_key(&text, &format!("{base}.url"), &url)?;
    if mi == 1 {
        let id: String = dialoguer::Input::with_theme(&theme)
            .with_prompt("Client ID")
            .interact_text()
            .map_err(prompt_err)?;
        text = edit::set_key(&text, &format!("{base}.auth"), "client_credentials")?;
        text = edit::set_key(&text, &format!("{base}.client_id"), &id)?;
    }
    check(&text, &path)?;
    edit::write(&path, &text)?;
    eprintln!(
        "Wrote {}.\nNext: `shopdesk auth login {store}` to store the secret in the keyring, then `shopdesk test-connection`.",
        path.display()
    );
    Ok(())
}
