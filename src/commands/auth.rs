//! `auth login | status | logout`: secrets in the OS keyring, never on screen.
//!
//! A secret belongs to a *service* of the profile: a store, a payment gateway or a carrier, by
//! its name there ([`Service`]). Each kind's registry says which secrets it needs; every store
//! and gateway may also hold an optional `webhook_secret` (what `webhook listen` verifies with),
//! stored with `--field webhook_secret`.

use crate::adapters::{analytics, carriers, commerce, crm, payments};
use crate::cli::AuthCmd;
use crate::config::Profile;
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

/// A profile entry that has secrets.
struct Service {
    /// `store`, `gateway`, `carrier`, `crm` or `analytics`.
    kind: &'static str,
    name: String,
    /// The secrets it needs, in the order `--with-token` reads them.
    fields: Vec<&'static str>,
    /// Secrets it may have besides (`webhook_secret`).
    optional: Vec<&'static str>,
    credential_command: Option<String>,
    rotate_after_days: Option<u32>,
}

/// Stores, gateways, carriers, CRMs, then analytics services of the profile, each in name order.
fn services(p: &Profile) -> Result<Vec<Service>> {
    let mut out = Vec::new();
    for (name, s) in &p.stores {
        out.push(Service {
            kind: "store",
            name: name.clone(),
            fields: commerce::secret_fields(name, s)?.to_vec(),
            optional: vec![WEBHOOK_SECRET],
            credential_command: s.credential_command.clone(),
            rotate_after_days: s.rotate_after_days,
        });
    }
    for (name, g) in &p.payments {
        out.push(Service {
            kind: "gateway",
            name: name.clone(),
            fields: payments::info(&g.gateway).map(|i| i.secret_fields.to_vec()).unwrap_or_default(),
            optional: vec![WEBHOOK_SECRET],
            credential_command: g.credential_command.clone(),
            rotate_after_days: None,
        });
    }
    for (name, c) in &p.carriers {
        out.push(Service {
            kind: "carrier",
            name: name.clone(),
            fields: carriers::info(&c.carrier).map(|i| i.secret_fields.to_vec()).unwrap_or_default(),
            optional: Vec::new(),
            credential_command: c.credential_command.clone(),
            rotate_after_days: None,
        });
    }
    for (name, c) in &p.crm {
        out.push(Service {
            kind: "crm",
            name: name.clone(),
            fields: crm::info(&c.crm).map(|i| (i.secret_fields)(c).to_vec()).unwrap_or_default(),
            optional: Vec::new(),
            credential_command: c.credential_command.clone(),
            rotate_after_days: None,
        });
    }
    for (name, a) in &p.analytics.services {
        out.push(Service {
            kind: "analytics",
            name: name.clone(),
            fields: analytics::info(&a.service).map(|i| (i.secret_fields)(a).to_vec()).unwrap_or_default(),
            optional: Vec::new(),
            credential_command: a.credential_command.clone(),
            rotate_after_days: None,
        });
    }
    Ok(out)
}

/// The signing secret of a store's or gateway's webhooks.
const WEBHOOK_SECRET: &str = "webhook_secret";

/// The service called `name` (a store, gateway or carrier of the profile).
fn service(ctx: &Ctx, name: &str) -> Result<Service> {
    let p = ctx.profile()?;
    services(p)?.into_iter().find(|s| s.name == name).ok_or_else(|| {
        let names: Vec<String> = services(p).unwrap_or_default().into_iter().map(|s| s.name).collect();
        Error::usage(format!(
            "profile `{}` has no store, gateway, carrier, CRM or analytics service `{name}`",
            ctx.profile_name
        ))
        .with_hint(if names.is_empty() {
            "add one to the config (`shopdesk config edit`)".to_string()
        } else {
            format!("its services: {}", names.join(", "))
        })
    })
}

async fn login(ctx: &mut Ctx, name: &str, with_token: bool, only: Option<String>) -> Result<()> {
    let svc = service(ctx, name)?;
    let (kind, store) = (svc.kind, name);
    let fields: Vec<&str> = match &only {
        Some(f) if svc.fields.contains(&f.as_str()) || svc.optional.contains(&f.as_str()) => {
            vec![f.as_str()]
        }
        Some(f) => {
            let mut all = svc.fields.clone();
            all.extend(&svc.optional);
            return Err(Error::usage(format!("{kind} {store} has no secret `{f}`"))
                .with_hint(format!("its secrets: {}", all.join(", "))));
        }
        None => svc.fields.clone(),
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
        let lines: Vec<String> = if fields.len() == 1 {
            // One secret: all of stdin, so a PEM private key keeps its lines.
            Some(s.trim().to_string()).filter(|v| !v.is_empty()).into_iter().collect()
        } else {
            s.lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect()
        };
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
                    .with_prompt(format!("{field} for {kind} {store} (input hidden)"))
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
        eprintln!("Stored {field} for {kind} {store} (profile {}) in the {source}.", ctx.profile_name);
        if std::env::var(id.env_var()).is_ok_and(|v| !v.is_empty()) {
            eprintln!("note: {} is set and takes precedence over the keyring.", id.env_var());
        }
    }
    Ok(())
}

#[derive(serde::Serialize)]
struct StatusRow {
    /// `store`, `gateway`, `carrier`, `crm` or `analytics`.
    kind: &'static str,
    /// Its name in the profile.
    service: String,
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
    for svc in services(&profile)? {
        let name = &svc.name;
        let rotate = svc.rotate_after_days.or(profile.rotate_after_days).unwrap_or(90);
        for field in svc.fields.iter().chain(&svc.optional) {
            let st =
                ctx.credentials.status(&ctx.secret_id(name, field), svc.credential_command.as_deref()).await;
            if st.source.is_none() && st.problem.is_none() && svc.optional.contains(field) {
                continue; // an optional secret that is not there is not worth a row
            }
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
                kind: svc.kind,
                service: name.clone(),
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
                    format!("{} {}", r.kind, r.service),
                    r.secret.clone(),
                    r.source.clone().unwrap_or_else(|| "—".into()),
                    r.age_days.map(|a| format!("{a} d")).unwrap_or_else(|| "—".into()),
                    r.warning.clone().unwrap_or_default(),
                ]
            })
            .collect();
        let t =
            table::grid(&["service", "secret", "source", "age", "note"], grid, ctx.out.color, ctx.out.tty);
        ctx.out.text(&format!("profile {}\n{t}", ctx.profile_name))
    } else {
        ctx.out.value(&rows, |_, _, _| String::new())
    }
}

async fn logout(ctx: &mut Ctx, store: &str) -> Result<()> {
    let svc = service(ctx, store)?;
    let kind = svc.kind;
    let mut any = false;
    for field in svc.fields.iter().chain(&svc.optional) {
        any |= ctx.credentials.delete(&ctx.secret_id(store, field)).await?;
    }
    if any {
        eprintln!("Removed the secrets of {kind} {store} (profile {}) from the keyring.", ctx.profile_name);
        Ok(())
    } else {
        Err(Error::not_found(format!("no secret for {kind} {store} in the keyring"))
            .with_hint("`shopdesk auth status` shows where secrets come from"))
    }
}
