//! `webhook register | list | delete | sync`: subscriptions on the vendors, through the adapters.
//!
//! The vendor calls live in the adapters (`Commerce::webhooks…`, `Payments::webhooks…`); this
//! file decides what to send. Every write is planned first: the target's subscriptions are read,
//! the wanted ones compared with them (same vendor topic and URL = already there), and only the
//! difference is sent — so `register` twice and `sync` twice change nothing the second time, and
//! `--dry-run` prints the plan after sending only reads. Topics are checked against the one table
//! in [`super::topics`] before anything is sent (exit 2 names what the vendor offers).
//!
//! Secrets (the contract with `webhook listen`): the signing secret is the credential field
//! `webhook_secret` of the store or gateway. WooCommerce gets the store's existing one (so
//! earlier subscriptions keep verifying), else 32 random bytes in hex, or `--secret-from
//! env:VAR`; it is stored *before* the subscription is created, so a failure never leaves a
//! subscription whose secret is lost. Stripe's `whsec_…` is stored from the answer to the
//! create. Under `--sandbox` they stay in memory for the run. Shopify and BigCommerce sign with
//! the app's client secret; PayPal is verified by webhook id, written to the gateway's
//! `webhook_id` in the config (or printed when the file cannot be written). No secret is ever
//! printed.
//!
//! Deletes (`delete`, `sync --prune`) ask for confirmation on a terminal and need `--yes`
//! elsewhere; creates and deletes are appended to the audit log.

use super::topics::{self, Signing, Vendor};
use crate::adapters::commerce::{self, Commerce};
use crate::adapters::payments::Payments;
use crate::cli::{WebhookRegisterArgs, WebhookTargetArgs};
use crate::context::Ctx;
use crate::domain::WebhookSubscription;
use crate::error::{Error, Kind, Result};
use crate::journal::AuditRecord;
use crate::output::table;
use crate::secret::Secret;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The credential field the signing secret lives under (shared with `webhook listen`).
pub const SECRET_FIELD: &str = "webhook_secret";

/// A store or gateway of the profile, by name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    Store(String),
    Gateway(String),
}

impl Target {
    fn name(&self) -> &str {
        match self {
            Target::Store(n) | Target::Gateway(n) => n,
        }
    }
    fn what(&self) -> &'static str {
        match self {
            Target::Store(_) => "store",
            Target::Gateway(_) => "gateway",
        }
    }

    /// `--gateway NAME` (a gateway name or kind in the profile), else the store (`--store`).
    fn from_args(ctx: &Ctx, t: &WebhookTargetArgs) -> Result<Target> {
        match &t.gateway {
            Some(g) => Ok(Target::Gateway(ctx.select_gateway("(webhooks)", Some(g))?)),
            None => Ok(Target::Store(ctx.selected_store()?)),
        }
    }

    /// The platform or gateway kind, and its row of the topic table (`None`: no webhooks).
    fn vendor(&self, ctx: &Ctx) -> Result<(String, Option<&'static Vendor>)> {
        let kind = match self {
            Target::Store(n) => ctx.store_config(n)?.platform.clone(),
            Target::Gateway(n) => {
                ctx.profile()?.payments.get(n).map(|g| g.gateway.clone()).ok_or_else(|| {
                    Error::usage(format!("unknown gateway `{n}` in profile `{}`", ctx.profile_name))
                })?
            }
        };
        let v = topics::vendor(&kind);
        Ok((kind, v))
    }

    /// The table row, or the "no webhooks" error (Magento), before anything is sent.
    fn require_vendor(&self, ctx: &Ctx) -> Result<&'static Vendor> {
        let (kind, v) = self.vendor(ctx)?;
        v.ok_or_else(|| {
            let display = commerce::info(&kind).map_or(kind.as_str(), |i| i.display);
            commerce::no_webhooks(display).context(format!("{} {}", self.what(), self.name()))
        })
    }

    async fn open(&self, ctx: &Ctx) -> Result<Opened> {
        Ok(match self {
            Target::Store(n) => Opened::Store(ctx.open_store(n).await?),
            Target::Gateway(n) => Opened::Gateway(ctx.open_gateway(n).await?),
        })
    }
}

enum Opened {
    Store(Box<dyn Commerce>),
    Gateway(Box<dyn Payments>),
}

impl Opened {
    async fn list(&self) -> Result<Vec<WebhookSubscription>> {
        match self {
            Opened::Store(s) => s.webhooks().await,
            Opened::Gateway(g) => g.webhooks().await,
        }
    }
    async fn delete(&self, id: &str) -> Result<()> {
        match self {
            Opened::Store(s) => s.webhook_delete(id).await,
            Opened::Gateway(g) => g.webhook_delete(id).await,
        }
    }
}

/// One line of a plan.
#[derive(Debug, Clone, Serialize)]
struct PlanRow {
    /// `create`, `keep` or `delete`.
    action: &'static str,
    source: String,
    topic: String,
    vendor_topic: String,
    url: String,
    /// The subscription id (`keep`, `delete`, and `create` once done).
    id: Option<String>,
}

fn plan_table(rows: &[PlanRow], color: bool, tty: bool) -> String {
    let grid = rows
        .iter()
        .map(|r| {
            vec![
                r.action.to_string(),
                r.source.clone(),
                r.topic.clone(),
                r.vendor_topic.clone(),
                r.url.clone(),
                r.id.clone().unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    table::grid(&["action", "source", "topic", "vendor topic", "url", "id"], grid, color, tty)
}

/// A URL the vendors can deliver to: absolute http(s).
fn check_url(u: &str) -> Result<()> {
    match url::Url::parse(u) {
        Ok(p) if matches!(p.scheme(), "https" | "http") && p.host().is_some() => Ok(()),
        _ => Err(Error::usage(format!("`{u}` is not an http(s) URL; nothing was sent"))
            .with_hint("give the receiver's full address, e.g. https://hooks.example.com/webhooks/main")),
    }
}

/// What one target should end up with: (vendor topic, url) pairs, in file/flag order.
struct Wanted {
    target: Target,
    vendor: &'static Vendor,
    items: Vec<(String, String)>,
}

/// Compare with what the vendor has: rows to create, to keep, and (for prune) ids to delete.
fn diff(w: &Wanted, existing: &[WebhookSubscription], prune: bool) -> (Vec<PlanRow>, Vec<String>) {
    let row = |action, vt: &str, url: &str, id: Option<String>| PlanRow {
        action,
        source: w.target.name().to_string(),
        topic: w.vendor.portable(vt),
        vendor_topic: vt.to_string(),
        url: url.to_string(),
        id,
    };
    let mut rows = Vec::new();
    for (vt, url) in &w.items {
        match existing.iter().find(|e| &e.vendor_topic == vt && &e.url == url) {
            Some(e) => rows.push(row("keep", vt, url, Some(e.id.clone()))),
            None => rows.push(row("create", vt, url, None)),
        }
    }
    let mut doomed = Vec::new();
    if prune {
        let wanted =
            |e: &WebhookSubscription| w.items.iter().any(|(vt, u)| *vt == e.vendor_topic && *u == e.url);
        // A gateway endpoint is one id with several event types: it goes only when none is wanted.
        let mut by_id: BTreeMap<&str, Vec<&WebhookSubscription>> = BTreeMap::new();
        for e in existing {
            by_id.entry(e.id.as_str()).or_default().push(e);
        }
        for (id, subs) in by_id {
            if subs.iter().any(|e| wanted(e)) {
                for e in subs.iter().filter(|e| !wanted(e)) {
                    eprintln!(
                        "warning: {} endpoint {id} also delivers {} (not in the file); kept, since it delivers listed topics too",
                        w.target.name(),
                        e.vendor_topic
                    );
                }
                continue;
            }
            for e in subs {
                rows.push(row("delete", &e.vendor_topic, &e.url, Some(e.id.clone())));
            }
            doomed.push(id.to_string());
        }
    }
    (rows, doomed)
}

/// Map vendor topics of listed subscriptions to portable ones.
fn portable(v: Option<&Vendor>, subs: Vec<WebhookSubscription>) -> Vec<WebhookSubscription> {
    subs.into_iter()
        .map(|mut s| {
            if let Some(v) = v {
                s.topic = v.portable(&s.vendor_topic);
            }
            s
        })
        .collect()
}

// ---- secrets --------------------------------------------------------------------------------

/// Store `secret` as the target's `webhook_secret`: the keyring, or memory under `--sandbox`.
async fn store_secret(ctx: &mut Ctx, target: &Target, secret: &Secret) -> Result<String> {
    let id = ctx.secret_id(target.name(), SECRET_FIELD);
    if ctx.sandbox.is_some() {
        ctx.credentials = ctx.credentials.clone().with_override(id, secret.clone());
        return Ok("sandbox's memory (this run only)".into());
    }
    // The receiver reads the environment first: when the variable already holds this very
    // secret (the sandbox's fixed demo one), the keyring is neither needed nor touched.
    if std::env::var(id.env_var()).is_ok_and(|v| secret.same_as(v.trim())) {
        return Ok(format!("environment ({} already holds it; the keyring was not used)", id.env_var()));
    }
    let source = ctx.credentials.set(&id, secret).await.map_err(|e| {
        e.context(format!("{} {}: cannot store the webhook signing secret", target.what(), target.name()))
    })?;
    if std::env::var(id.env_var()).is_ok_and(|v| !v.is_empty()) {
        eprintln!(
            "note: {} is set and takes precedence over the keyring for `webhook listen`.",
            id.env_var()
        );
    }
    Ok(source.to_string())
}

fn credential_command(ctx: &Ctx, target: &Target) -> Option<String> {
    let p = ctx.profile().ok()?;
    match target {
        Target::Store(n) => p.stores.get(n)?.credential_command.clone(),
        Target::Gateway(n) => p.payments.get(n)?.credential_command.clone(),
    }
}

/// The secret a WooCommerce subscription is created with, per `--secret-from`, and whether it
/// must be stored (a new one) before the create.
async fn woo_secret(ctx: &Ctx, target: &Target, from: Option<&str>) -> Result<(Secret, bool)> {
    let id = ctx.secret_id(target.name(), SECRET_FIELD);
    let existing = || async {
        ctx.credentials.get(&id, credential_command(ctx, target).as_deref()).await.map(|(s, _)| s)
    };
    // The sandbox's secrets live in memory for one run: there is none from before, and the
    // real keyring must not be touched.
    if ctx.sandbox.is_some() && matches!(from, None | Some("keyring")) {
        return match ctx.credentials.has_override(&id) {
            true => existing().await.map(|s| (s, false)),
            false if from.is_none() => Ok((generate(), true)),
            _ => Err(Error::usage("--secret-from keyring: the sandbox keeps no secrets between runs")
                .with_hint("leave --secret-from out to generate one")),
        };
    }
    match from {
        None => match existing().await {
            Ok(s) => Ok((s, false)),
            Err(e) if e.kind == Kind::Auth && e.message.starts_with("no secret") => Ok((generate(), true)),
            Err(e) => Err(e),
        },
        Some("generate") => Ok((generate(), true)),
        Some("keyring") => existing().await.map(|s| (s, false)),
        Some(s) if s.starts_with("env:") => {
            let var = &s[4..];
            let v = std::env::var(var).ok().filter(|v| !v.trim().is_empty()).ok_or_else(|| {
                Error::usage(format!(
                    "--secret-from {s}: the environment variable {var} is not set; nothing was sent"
                ))
            })?;
            // The receiver reads this variable itself; anything else is copied to the keyring.
            Ok((Secret::new(v.trim().to_string()), var != id.env_var()))
        }
        Some(s) => Err(Error::usage(format!("--secret-from `{s}` is not a secret source"))
            .with_hint("use env:VAR (the secret in an environment variable), generate, or keyring")),
    }
}

/// 32 random bytes, hex.
fn generate() -> Secret {
    let bytes: [u8; 32] = rand::random();
    Secret::new(bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

/// Write PayPal's webhook id to the gateway's `webhook_id` (or say what to add).
fn save_webhook_id(ctx: &mut Ctx, gateway: &str, id: &str) -> Result<()> {
    let key = format!("profiles.{}.payments.{gateway}.webhook_id", ctx.profile_name);
    if ctx.sandbox.is_some() {
        if let Some(g) = ctx
            .config
            .as_mut()
            .and_then(|c| c.profiles.get_mut(&ctx.profile_name))
            .and_then(|p| p.payments.get_mut(gateway))
        {
            g.webhook_id = Some(id.to_string());
        }
        eprintln!("PayPal webhook id {id} kept as {gateway}'s webhook_id for this run (sandbox).");
        return Ok(());
    }
    let path = ctx.config_path.clone();
    let written = std::fs::read_to_string(&path)
        .map_err(|e| Error::general(format!("cannot read {}: {e}", path.display())))
        .and_then(|text| crate::config::edit::set_key(&text, &key, &format!("\"{id}\"")))
        .and_then(|text| crate::config::edit::write(&path, &text));
    match written {
        Ok(()) => eprintln!(
            "Set {key} = \"{id}\" in {} (webhook listen verifies PayPal deliveries with it).",
            path.display()
        ),
        Err(e) => eprintln!(
            "warning: could not write {} ({}); add this line under [profiles.{}.payments.{gateway}] yourself:\n  webhook_id = \"{id}\"",
            path.display(),
            e.message,
            ctx.profile_name
        ),
    }
    Ok(())
}

/// What the user should know about how deliveries from this target are signed.
fn signing_note(target: &Target, v: &Vendor) -> Option<String> {
    match v.signing {
        Signing::AppClientSecret => Some(format!(
            "{} signs deliveries with the app's client secret: `webhook listen` verifies {} {} with its client_secret (or a webhook_secret, if you store one).",
            v.display,
            target.what(),
            target.name()
        )),
        _ => None,
    }
}

// ---- audit ------------------------------------------------------------------------------------

async fn audit(ctx: &Ctx, target: &Target, action: &str, what: &str, vendor_id: Option<&str>, result: &str) {
    let record = AuditRecord {
        at: jiff::Timestamp::now().to_string(),
        who: crate::journal::who(),
        profile: ctx.profile_name.clone(),
        service: target.name().to_string(),
        action: action.to_string(),
        target: what.to_string(),
        amount: None,
        currency: None,
        key: crate::safety::derive_key(&[&ctx.profile_name, target.name(), action, what]),
        vendor_ids: vendor_id.map(str::to_string),
        result: result.to_string(),
    };
    let written = match ctx.journal() {
        Ok(j) => j.audit(&record).await,
        Err(e) => Err(e),
    };
    if let Err(e) = written {
        eprintln!("warning: could not write the audit log: {}", e.message);
    }
}

// ---- apply --------------------------------------------------------------------------------------

/// Create the `create` rows of one target's plan (filling in their ids); secrets and PayPal's
/// webhook id handled as the module docs say.
async fn apply_creates(
    ctx: &mut Ctx,
    w: &Wanted,
    opened: &Opened,
    rows: &mut [PlanRow],
    secret_from: Option<&str>,
) -> Result<()> {
    let todo: Vec<usize> =
        rows.iter().enumerate().filter(|(_, r)| r.action == "create").map(|(i, _)| i).collect();
    if todo.is_empty() {
        return Ok(());
    }
    let target = &w.target;
    match opened {
        Opened::Store(store) => {
            let secret = if w.vendor.signing == Signing::GivenAtCreation {
                let (s, new) = woo_secret(ctx, target, secret_from).await?;
                if new {
                    let place = store_secret(ctx, target, &s).await?;
                    eprintln!(
                        "Stored a new webhook signing secret for {} {} in the {place}.",
                        target.what(),
                        target.name()
                    );
                }
                Some(s)
            } else {
                None
            };
            for i in todo {
                let (vt, url) = (rows[i].vendor_topic.clone(), rows[i].url.clone());
                let what = format!("{vt} {url}");
                match store.webhook_create(&vt, &url, secret.as_ref()).await {
                    Ok(sub) => {
                        audit(ctx, target, "webhook.register", &what, Some(&sub.id), "done").await;
                        rows[i].id = Some(sub.id);
                    }
                    Err(e) => {
                        audit(
                            ctx,
                            target,
                            "webhook.register",
                            &what,
                            None,
                            &format!("failed: {}", e.message),
                        )
                        .await;
                        return Err(e);
                    }
                }
            }
        }
        Opened::Gateway(gw) => {
            // One endpoint per URL, carrying every missing event type for it.
            let mut by_url: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            for i in todo {
                by_url.entry(rows[i].url.clone()).or_default().push(i);
            }
            for (url, idx) in by_url {
                let events: Vec<String> = idx.iter().map(|&i| rows[i].vendor_topic.clone()).collect();
                let what = format!("{} {url}", events.join(","));
                let created = match gw.webhook_create(&events, &url).await {
                    Ok(c) => c,
                    Err(e) => {
                        audit(
                            ctx,
                            target,
                            "webhook.register",
                            &what,
                            None,
                            &format!("failed: {}", e.message),
                        )
                        .await;
                        return Err(e);
                    }
                };
                let id = created.rows.first().map(|r| r.id.clone()).unwrap_or_default();
                audit(ctx, target, "webhook.register", &what, Some(&id), "done").await;
                for &i in &idx {
                    rows[i].id = Some(id.clone());
                }
                if let Some(secret) = created.secret {
                    let place = store_secret(ctx, target, &secret).await.map_err(|e| {
                        e.with_hint(format!(
                            "endpoint {id} was created but its signing secret could not be stored: delete it (`shopdesk webhook delete {id} --gateway {}`) and register again once the keyring works, or set {}",
                            target.name(),
                            ctx.secret_id(target.name(), SECRET_FIELD).env_var()
                        ))
                    })?;
                    eprintln!(
                        "Stored the signing secret of endpoint {id} for gateway {} in the {place}.",
                        target.name()
                    );
                }
                if w.vendor.signing == Signing::VerifiedById {
                    save_webhook_id(ctx, target.name(), &id)?;
                }
            }
        }
    }
    Ok(())
}

async fn delete_ids(ctx: &Ctx, target: &Target, opened: &Opened, ids: &[String]) -> Result<()> {
    for id in ids {
        match opened.delete(id).await {
            Ok(()) => audit(ctx, target, "webhook.delete", id, Some(id), "done").await,
            Err(e) => {
                audit(ctx, target, "webhook.delete", id, None, &format!("failed: {}", e.message)).await;
                return Err(explain_not_found(e, target));
            }
        }
    }
    Ok(())
}

fn explain_not_found(e: Error, target: &Target) -> Error {
    if e.kind != Kind::NotFound {
        return e;
    }
    let flag = match target {
        Target::Gateway(n) => format!(" --gateway {n}"),
        Target::Store(n) => format!(" (store {n})"),
    };
    Error::not_found(e.message).with_hint(format!("`shopdesk webhook list{flag}` shows the ids"))
}

/// Print a plan (stdout: it is the command's data).
fn print_plan(ctx: &mut Ctx, rows: &[PlanRow]) -> Result<()> {
    let rows = rows.to_vec();
    ctx.out.value(&rows, |r, color, tty| plan_table(r, color, tty))
}

// ---- the verbs ---------------------------------------------------------------------------------

pub async fn register(ctx: &mut Ctx, a: WebhookRegisterArgs) -> Result<()> {
    ctx.fresh_reads = true;
    let target = Target::from_args(ctx, &a.target)?;
    let vendor = target.require_vendor(ctx)?;
    check_url(&a.url)?;
    let mut items = Vec::new();
    for t in &a.topic {
        let vt = vendor.resolve(t)?;
        if !items.iter().any(|(x, _)| x == &vt) {
            items.push((vt, a.url.clone()));
        }
    }
    if a.secret_from.is_some() && vendor.signing != Signing::GivenAtCreation {
        return Err(Error::usage(format!(
            "--secret-from does not apply to {}: {}; nothing was sent",
            vendor.display,
            match vendor.signing {
                Signing::IssuedAtCreation => "it issues the signing secret itself (stored for you)",
                Signing::VerifiedById => "it signs with its certificate (verified by webhook id)",
                _ => "it signs with the app's client secret",
            }
        )));
    }
    let wanted = Wanted { target: target.clone(), vendor, items };
    let opened = target.open(ctx).await?;
    let existing = opened.list().await?;
    let (mut rows, _) = diff(&wanted, &existing, false);
    if a.dry_run {
        print_plan(ctx, &rows)?;
        eprintln!(
            "Dry run: nothing was sent to {} {} beyond reading its subscriptions.",
            target.what(),
            target.name()
        );
        return Ok(());
    }
    apply_creates(ctx, &wanted, &opened, &mut rows, a.secret_from.as_deref()).await?;
    print_plan(ctx, &rows)?;
    if rows.iter().all(|r| r.action == "keep") {
        eprintln!("Already registered: nothing was changed.");
    }
    if let Some(n) = signing_note(&target, vendor) {
        eprintln!("{n}");
    }
    Ok(())
}

pub async fn list(ctx: &mut Ctx, t: WebhookTargetArgs) -> Result<()> {
    ctx.fresh_reads = true;
    let target = Target::from_args(ctx, &t)?;
    let vendor = target.require_vendor(ctx)?;
    let opened = target.open(ctx).await?;
    let subs = portable(Some(vendor), opened.list().await?);
    ctx.out.value(&subs, |subs, color, tty| {
        let grid = subs
            .iter()
            .map(|s| {
                vec![
                    s.id.clone(),
                    s.topic.clone(),
                    s.vendor_topic.clone(),
                    s.url.clone(),
                    if s.active { "active".into() } else { "inactive".into() },
                    s.created_at.map(|t| t.to_string()).unwrap_or_else(|| "—".into()),
                ]
            })
            .collect();
        table::grid(&["id", "topic", "vendor topic", "url", "status", "created"], grid, color, tty)
    })
}

pub async fn delete(ctx: &mut Ctx, id: &str, t: WebhookTargetArgs, yes: bool) -> Result<()> {
    let target = Target::from_args(ctx, &t)?;
    target.require_vendor(ctx)?;
    crate::safety::confirm_to(
        ctx,
        yes,
        (
            "delete webhooks",
            "check the id with `shopdesk webhook list`, then add --yes",
            "nothing was deleted",
        ),
        &format!("Delete webhook {id} on {} {}", target.what(), target.name()),
        id,
    )?;
    let opened = target.open(ctx).await?;
    delete_ids(ctx, &target, &opened, &[id.to_string()]).await?;
    eprintln!("Deleted webhook {id} on {} {}.", target.what(), target.name());
    Ok(())
}

/// One `[[webhook]]` of a sync file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileEntry {
    store: Option<String>,
    gateway: Option<String>,
    topic: String,
    url: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SyncFile {
    #[serde(default)]
    webhook: Vec<FileEntry>,
}

/// Read and check the whole file (targets, topics, URLs) before anything is sent.
fn read_sync_file(ctx: &Ctx, file: &Path) -> Result<Vec<Wanted>> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Error::usage(format!("cannot read {}: {e}", file.display())))?;
    let parsed: SyncFile = toml::from_str(&text).map_err(|e| {
        Error::usage(format!("{} is not a webhook sync file: {e}", file.display())).with_hint(
            "it lists [[webhook]] tables with store = \"NAME\" (or gateway = \"NAME\"), topic and url; see `shopdesk webhook sync --help`",
        )
    })?;
    let mut wanted: Vec<Wanted> = Vec::new();
    for (n, e) in parsed.webhook.iter().enumerate() {
        let at = |m: String| Error::usage(format!("{}: webhook #{}: {m}", file.display(), n + 1));
        let target = match (&e.store, &e.gateway) {
            (Some(s), None) => {
                ctx.store_config(s).map_err(|x| at(x.message))?;
                Target::Store(s.clone())
            }
            (None, Some(g)) => {
                Target::Gateway(ctx.select_gateway("(webhooks)", Some(g)).map_err(|x| at(x.message))?)
            }
            _ => return Err(at("give exactly one of store = \"NAME\" or gateway = \"NAME\"".into())),
        };
        let vendor = target.require_vendor(ctx).map_err(|x| at(x.message))?;
        check_url(&e.url).map_err(|x| at(x.message))?;
        let vt = vendor.resolve(&e.topic).map_err(|x| {
            let hint = x.hint.clone();
            let err = at(x.message);
            match hint {
                Some(h) => err.with_hint(h),
                None => err,
            }
        })?;
        let item = (vt, e.url.clone());
        match wanted.iter_mut().find(|w| w.target == target) {
            Some(w) if w.items.contains(&item) => {}
            Some(w) => w.items.push(item),
            None => wanted.push(Wanted { target, vendor, items: vec![item] }),
        }
    }
    if wanted.is_empty() {
        return Err(Error::usage(format!("{} lists no [[webhook]]", file.display()))
            .with_hint("see `shopdesk webhook sync --help` for the format"));
    }
    Ok(wanted)
}

pub async fn sync(ctx: &mut Ctx, file: &Path, prune: bool, dry_run: bool, yes: bool) -> Result<()> {
    ctx.fresh_reads = true;
    let wanted = read_sync_file(ctx, file)?;
    let mut plans = Vec::new();
    for w in wanted {
        let opened = w.target.open(ctx).await?;
        let existing = opened.list().await?;
        let (rows, doomed) = diff(&w, &existing, prune);
        plans.push((w, opened, rows, doomed));
    }
    let all: Vec<PlanRow> = plans.iter().flat_map(|(_, _, r, _)| r.clone()).collect();
    let creates = all.iter().filter(|r| r.action == "create").count();
    let deletes: usize = plans.iter().map(|(_, _, _, d)| d.len()).sum();
    if dry_run || (creates == 0 && deletes == 0) {
        print_plan(ctx, &all)?;
        eprintln!(
            "{}",
            if creates == 0 && deletes == 0 {
                "In sync: nothing to change.".to_string()
            } else {
                format!(
                    "Dry run: {creates} to create, {deletes} to delete; nothing was sent beyond reading subscriptions."
                )
            }
        );
        return Ok(());
    }
    if deletes > 0 {
        eprint!("{}", plan_table(&all, false, false));
        eprintln!();
        crate::safety::confirm_to(
            ctx,
            yes,
            (
                "delete webhooks",
                "check the plan above (or use --dry-run), then add --yes",
                "nothing was changed",
            ),
            &format!("Delete {deletes} webhook subscription(s) not in {}", file.display()),
            &deletes.to_string(),
        )?;
    }
    let mut out = Vec::new();
    for (w, opened, mut rows, doomed) in plans {
        apply_creates(ctx, &w, &opened, &mut rows, None).await?;
        delete_ids(ctx, &w.target, &opened, &doomed).await?;
        if let Some(n) =
            signing_note(&w.target, w.vendor).filter(|_| rows.iter().any(|r| r.action == "create"))
        {
            eprintln!("{n}");
        }
        out.extend(rows);
    }
    print_plan(ctx, &out)?;
    eprintln!("Synced: {creates} created, {deletes} deleted.");
    Ok(())
}

pub async fn trigger(ctx: &mut Ctx, target: WebhookTargetArgs, topic: &str) -> Result<()> {
    super::trigger::run(ctx, target, topic).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(id: &str, vt: &str, url: &str) -> WebhookSubscription {
        WebhookSubscription {
            id: id.into(),
            source: "s".into(),
            topic: vt.into(),
            vendor_topic: vt.into(),
            url: url.into(),
            active: true,
            created_at: None,
        }
    }

    #[test]
    fn the_diff_creates_what_is_missing_and_prunes_only_whole_endpoints() {
        let w = Wanted {
            target: Target::Gateway("stripe".into()),
            vendor: topics::vendor("stripe").unwrap(),
            items: vec![
                ("refund.created".into(), "https://a/x".into()),
                ("customer.created".into(), "https://a/x".into()),
            ],
        };
        let existing = vec![
            sub("we_1", "refund.created", "https://a/x"),
            sub("we_1", "charge.refunded", "https://a/x"),
            sub("we_2", "charge.refunded", "https://b/y"),
        ];
        let (rows, doomed) = diff(&w, &existing, true);
        let acts: Vec<(&str, &str)> = rows.iter().map(|r| (r.action, r.vendor_topic.as_str())).collect();
        assert_eq!(
            acts,
            [("keep", "refund.created"), ("create", "customer.created"), ("delete", "charge.refunded")]
        );
        assert_eq!(doomed, ["we_2"]);
        let (_, doomed) = diff(&w, &existing, false);
        assert!(doomed.is_empty());
    }

    #[test]
    fn generated_secrets_are_32_random_bytes_in_hex() {
        let (a, b) = (generate(), generate());
        assert_eq!(a.expose().len(), 64);
        assert!(a.expose().chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a.expose(), b.expose());
    }

    #[test]
    fn urls_must_be_absolute_http() {
        assert!(check_url("https://hooks.example.com/x").is_ok());
        assert!(check_url("http://127.0.0.1:8788/webhooks/main").is_ok());
        for bad in ["hooks.example.com", "ftp://x/y", "/webhooks"] {
            assert_eq!(check_url(bad).unwrap_err().exit_code(), 2, "{bad}");
        }
    }
}
