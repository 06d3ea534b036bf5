//! `auth login | status | logout`: secrets in the OS keyring, never on screen.

use crate::adapters::commerce;
use crate::cli::AuthCmd;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::{Format, table};
use crate::secret::Secret;
use std::io::Read;

pub async fn run(ctx: &mut Ctx, cmd: AuthCmd) -> Result<()> {
    match cmd {
        AuthCmd::Login { service, with_token, field } => login(ctx, &service, with_token, field).await,
        AuthCmd::Status => status(ctx).await,
        AuthCmd::Logout { service } => logout(ctx, &service).await,
    }
}

async fn login(ctx: &mut Ctx, store: &str, with_token: bool, only: Option<String>) -> Result<()> {
    let cfg = ctx.store_config(store)?.clone();
    let all = commerce::secret_fields(store, &cfg)?;
    let fields: Vec<&str> = match &only {
        Some(f) if all.contains(&f.as_str()) => vec![f.as_str()],
        Some(f) => {
            return Err(Error::usage(format!(
                "store {store} (auth = \"{}\") has no secret `{f}`",
                cfg.auth.name()
            ))
            .with_hint(format!("its secrets: {}", all.join(", "))));
        }
        None => all.to_vec(),
    };
    let values: Vec<String> = if with_token || !ctx.can_prompt() {
        if !with_token && ctx.stdin_tty {
            return Err(Error::usage("no terminal to prompt on").with_hint(format!(
                "pipe the secret in: `printenv TOKEN | shopdesk auth login {store} --with-token`"
            )));
        }
        // One secret per line, in the order the store needs them.
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        let lines: Vec<String> = s.lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
        if lines.len() != fields.len() {
            return Err(Error::usage(format!(
                "expected {} line(s) on stdin ({}), got {}",
                fields.len(),
                fields.join(", "),
                lines.len()
            ))
            .with_hint("give one secret per line, or store them one at a time with --field"));
        }
        lines
    } else {
        let mut v = Vec::new();
        for field in &fields {
            v.push(
                dialoguer::Password::new()
                    .with_prompt(format!("{field} for store {store} (input hidden)"))
                    .interact()
                    .map_err(|e| Error::usage(format!("prompt failed: {e}")))?,
            );
        }
        v
    };
    for (field, value) in fields.iter().zip(values) {
        if value.is_empty() {
            return Err(Error::usage(format!("empty {field}: nothing stored"))
                .with_hint("pass the secret on stdin or at the prompt"));
        }
        let id = ctx.secret_id(store, field);
        let source = ctx.credentials.set(&id, &Secret::new(value)).await?;
        eprintln!("Stored {field} for store {store} (profile {}) in the {source}.", ctx.profile_name);
        if std::env::var(id.env_var()).is_ok_and(|v| !v.is_empty()) {
            eprintln!("note: {} is set and takes precedence over the keyring.", id.env_var());
        }
    }
    Ok(())
}

#[derive(serde::Serialize)]
struct StatusRow {
    store: String,
    secret: String,
    source: Option<String>,
    set_at: Option<String>,
    age_days: Option<i64>,
    rotate_after_days: u32,
    warning: Option<String>,
}

async fn status(ctx: &mut Ctx) -> Result<()> {
    let profile = ctx.profile()?.clone();
    let now = jiff::Timestamp::now();
    let mut rows = Vec::new();
    for (name, store) in &profile.stores {
        let rotate = store.rotate_after_days.or(profile.rotate_after_days).unwrap_or(90);
        let fields = commerce::secret_fields(name, store).unwrap_or(&[]);
        for field in fields {
            let st = ctx
                .credentials
                .status(&ctx.secret_id(name, field), store.credential_command.as_deref())
                .await;
            let age = st.age_days(now);
            let warning = match (&st.source, age, &st.problem) {
                (_, _, Some(p)) => Some(p.clone()),
                (None, _, _) => {
                    Some(format!("missing: run `shopdesk auth login {name}` or set {}", st.id.env_var()))
                }
                (Some(_), Some(a), _) if a > rotate as i64 => {
                    Some(format!("{a} days old, past rotate_after_days = {rotate}: rotate it"))
                }
                _ => None,
            };
            rows.push(StatusRow {
                store: name.clone(),
                secret: field.to_string(),
                source: st.source.map(|s| s.to_string()),
                set_at: st.set_at.map(|t| t.to_string()),
                age_days: age,
                rotate_after_days: rotate,
                warning,
            });
        }
    }
    if ctx.out.format == Format::Table && ctx.out.jq.is_none() {
        let grid = rows
            .iter()
            .map(|r| {
                vec![
                    r.store.clone(),
                    r.secret.clone(),
                    r.source.clone().unwrap_or_else(|| "—".into()),
                    r.age_days.map(|a| format!("{a} d")).unwrap_or_else(|| "—".into()),
                    r.warning.clone().unwrap_or_default(),
                ]
            })
            .collect();
        let t = table::grid(&["store", "secret", "source", "age", "note"], grid, ctx.out.color, ctx.out.tty);
        ctx.out.text(&format!("profile {}\n{t}", ctx.profile_name))
    } else {
        ctx.out.value(&rows, |_, _, _| String::new())
    }
}

async fn logout(ctx: &mut Ctx, store: &str) -> Result<()> {
    let cfg = ctx.store_config(store)?.clone();
    let mut any = false;
    for field in commerce::secret_fields(store, &cfg)? {
        any |= ctx.credentials.delete(&ctx.secret_id(store, field)).await?;
    }
    if any {
        eprintln!("Removed the secret of store {store} (profile {}) from the keyring.", ctx.profile_name);
        Ok(())
    } else {
        Err(Error::not_found(format!("no secret for store {store} in the keyring"))
            .with_hint("`shopdesk auth status` shows where secrets come from"))
    }
}
