//! `analytics flush | send | report | status`: the event queue by hand, one-off events, and GA4
//! reports. The queue and the background flush are in [`crate::analytics`].

use crate::analytics::{self as queue, Flushed};
use crate::cli::AnalyticsCmd;
use crate::context::Ctx;
use crate::domain::ReportQuery;
use crate::error::{Error, Result};
use crate::output::{Row, table};
use std::collections::BTreeMap;

pub async fn run(ctx: &mut Ctx, cmd: AnalyticsCmd) -> Result<()> {
    match cmd {
        AnalyticsCmd::Flush { to, background } => {
            let result = queue::flush(ctx, to.as_deref()).await;
            if background {
                // Nobody reads a detached flush's output; what failed stays queued.
                return Ok(());
            }
            let done = result?;
            let mut list = ctx.out.list::<Flushed>();
            for f in &done {
                list.push(f)?;
            }
            list.finish()?;
            summarize(&done)
        }
        AnalyticsCmd::Send { event, props, to, validate } => send(ctx, &event, &props, to, validate).await,
        AnalyticsCmd::Report { metrics, dimensions, since, until, limit, to } => {
            let name = pick_reporter(ctx, to)?;
            let service = ctx.open_analytics(&name).await?;
            let q = ReportQuery { metrics, dimensions, start_date: since, end_date: until, limit };
            let report = service.report(&q).await?;
            ctx.out.value(&report, |r, color, tty| {
                if r.rows.is_empty() {
                    return "no rows".into();
                }
                let headers: Vec<&str> = r.dimensions.iter().chain(&r.metrics).map(String::as_str).collect();
                let mut s = table::grid(&headers, r.rows.clone(), color, tty);
                if r.row_count > r.rows.len() as u64 {
                    s.push_str(&format!("\n{} of {} rows", r.rows.len(), r.row_count));
                }
                s
            })
        }
        AnalyticsCmd::Status => {
            let q = queue::Queue::open(&queue::queue_path(ctx.sandbox.is_some()))?;
            let backlog = q.backlog(&ctx.profile_name)?;
            if !queue::tracking(ctx) {
                eprintln!(
                    "note: profile `{}` does not emit support-action events (set [profiles.{}.analytics] track_actions = true and add a service)",
                    ctx.profile_name, ctx.profile_name
                );
            }
            let mut list = ctx.out.list::<queue::Backlog>();
            for b in &backlog {
                list.push(b)?;
            }
            list.finish()?;
            Ok(())
        }
    }
}

/// Exit 0 when everything went; 7 when some events were refused; the services' own error
/// (credentials 4, unreachable 8, …) when one could not take its events.
fn summarize(done: &[Flushed]) -> Result<()> {
    if let Some(f) = done.iter().find(|f| f.error.is_some()) {
        return Err(Error::unavailable(format!(
            "analytics {}: {} event(s) stay queued: {}",
            f.service,
            f.left,
            f.error.as_deref().unwrap_or_default()
        ))
        .with_hint("they are sent by the next flush; `shopdesk analytics status` shows the queue"));
    }
    if let Some(f) = done.iter().find(|f| f.left > 0) {
        return Err(Error::unavailable(format!(
            "analytics {}: {} event(s) are still queued: another flush is sending them",
            f.service, f.left
        ))
        .with_hint("`shopdesk analytics status` shows the queue; flush again in a minute"));
    }
    let rejected: usize = done.iter().map(|f| f.rejected.len()).sum();
    if rejected > 0 {
        return Err(Error::partial(format!("{rejected} event(s) were refused and dropped (see the output)")));
    }
    Ok(())
}

/// `analytics send`: one event to each service (or `--to`), or only validated.
async fn send(ctx: &mut Ctx, name: &str, props: &[String], to: Option<String>, validate: bool) -> Result<()> {
    let mut properties = BTreeMap::new();
    for p in props {
        let (k, v) = p.split_once('=').filter(|(k, _)| !k.trim().is_empty()).ok_or_else(|| {
            Error::usage(format!("--prop `{p}` is not KEY=VALUE")).with_hint("e.g. --prop currency=USD")
        })?;
        properties.insert(k.trim().to_string(), serde_json::Value::String(v.to_string()));
    }
    let names = match to {
        Some(n) => vec![n],
        None => ctx.analytics_names()?,
    };
    if names.is_empty() {
        return Err(Error::usage(format!("profile `{}` has no analytics service", ctx.profile_name))
            .with_hint(format!(
                "add one: [profiles.{}.analytics.mixpanel] service = \"mixpanel\" (see README, Analytics)",
                ctx.profile_name
            )));
    }
    let event = queue::event(name, queue::install_id(), properties, BTreeMap::new(), false);
    let mut rows = Vec::new();
    for n in &names {
        let service = ctx.open_analytics(n).await?;
        if validate {
            for m in service.validate(std::slice::from_ref(&event)).await? {
                rows.push(Sent {
                    service: n.clone(),
                    result: m.code,
                    field: m.field,
                    message: Some(m.description),
                });
            }
            if !rows.iter().any(|r| &r.service == n) {
                rows.push(Sent { service: n.clone(), result: "valid".into(), field: None, message: None });
            }
        } else {
            let report = service.send(std::slice::from_ref(&event)).await?;
            if report.rejected.is_empty() {
                rows.push(Sent { service: n.clone(), result: "accepted".into(), field: None, message: None });
            }
            for f in report.rejected {
                rows.push(Sent {
                    service: n.clone(),
                    result: "rejected".into(),
                    field: f.field,
                    message: Some(f.message),
                });
            }
        }
    }
    let mut list = ctx.out.list::<Sent>();
    for r in &rows {
        list.push(r)?;
    }
    list.finish()?;
    let bad = rows.iter().filter(|r| !matches!(r.result.as_str(), "accepted" | "valid")).count();
    if bad > 0 {
        return Err(Error::partial(format!("{bad} problem(s) with event `{name}` (see the output)")));
    }
    Ok(())
}

/// The service `analytics report` runs on: `--to`, else the profile's only GA4 service.
fn pick_reporter(ctx: &Ctx, to: Option<String>) -> Result<String> {
    if let Some(n) = to {
        return Ok(n);
    }
    let p = ctx.profile()?;
    let ga4: Vec<&String> =
        p.analytics.services.iter().filter(|(_, s)| s.service == "ga4").map(|(n, _)| n).collect();
    match ga4.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::usage(format!("profile `{}` has no GA4 service to report on", ctx.profile_name))
            .with_hint(format!(
                "add one: [profiles.{}.analytics.ga4] service = \"ga4\", property_id = \"…\" (see README, Analytics)",
                ctx.profile_name
            ))),
        many => Err(Error::usage("several GA4 services: pick one with --to").with_hint(
            many.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
        )),
    }
}

/// One line of `analytics send`'s result.
#[derive(serde::Serialize)]
struct Sent {
    service: String,
    /// `accepted`, `rejected`, `valid`, or a validation code.
    result: String,
    field: Option<String>,
    message: Option<String>,
}

impl Row for Sent {
    fn headers() -> &'static [&'static str] {
        &["service", "result", "field", "message"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.service.clone(),
            self.result.clone(),
            self.field.clone().unwrap_or_default(),
            self.message.clone().unwrap_or_default(),
        ]
    }
}

impl Row for Flushed {
    fn headers() -> &'static [&'static str] {
        &["service", "sent", "rejected", "left", "error"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.service.clone(),
            self.sent.to_string(),
            self.rejected.len().to_string(),
            self.left.to_string(),
            self.error.clone().unwrap_or_default(),
        ]
    }
}

impl Row for queue::Backlog {
    fn headers() -> &'static [&'static str] {
        &["service", "pending", "oldest", "attempts", "last_error"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.service.clone(),
            self.pending.to_string(),
            self.oldest.clone().unwrap_or_default(),
            self.attempts.to_string(),
            self.last_error.clone().unwrap_or_default(),
        ]
    }
}
