//! `order get` and `order search`.

use super::{Merged, each_store};
use crate::adapters::commerce::{OrderQuery, OrderRef};
use crate::cli::{NoteCmd, OrderCmd, SearchArgs};
use crate::context::Ctx;
use crate::domain::{Money, Note, Order, OrderSummary};
use crate::error::{Error, Result};
use crate::output::{Row, table};

pub async fn run(ctx: &mut Ctx, cmd: OrderCmd) -> Result<()> {
    match cmd {
        OrderCmd::Get { reference } => get(ctx, &reference).await,
        OrderCmd::Search(args) => search(ctx, args).await,
        OrderCmd::Notes { reference } => notes(ctx, &reference).await,
        OrderCmd::Track { reference, watch } => track(ctx, &reference, &watch).await,
        OrderCmd::Note(NoteCmd::Add { reference, text, notify_customer }) => {
            add_note(ctx, &reference, &text, notify_customer).await
        }
    }
}

async fn get(ctx: &mut Ctx, reference: &str) -> Result<()> {
    let r = OrderRef::parse(reference)?;
    let many = ctx.all_stores();
    let results = each_store(ctx, |shop| {
        let r = r.clone();
        async move { shop.order(&r).await }
    })
    .await?;
    let merged = Merged::new(results)?;
    crate::analytics::emit(ctx, merged.items.iter().map(lookup_action).collect());
    if many {
        ctx.out.value(&merged.items, |orders, color, tty| {
            orders.iter().map(|o| render_order(o, color, tty)).collect::<Vec<_>>().join("\n\n")
        })?;
    } else if let Some(order) = merged.items.first() {
        ctx.out.value(order, render_order)?;
    }
    merged.finish()
}

/// The `order_lookup` event of an order: store, platform, number, status and total; the
/// customer's email and name only as PII.
fn lookup_action(o: &Order) -> crate::analytics::Action {
    use serde_json::json;
    crate::analytics::Action {
        name: "order_lookup",
        props: [
            ("store", json!(o.source.store)),
            ("platform", json!(o.source.platform)),
            ("order", json!(o.number)),
            ("financial_status", serde_json::to_value(o.financial_status).unwrap_or_default()),
            ("total", json!(o.totals.total.amount.to_string())),
            ("currency", json!(o.currency.to_string())),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect(),
        pii: [
            ("customer_email", json!(o.email)),
            ("customer_name", json!(o.customer.as_ref().and_then(|c| c.name.clone()))),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect(),
    }
}

async fn notes(ctx: &mut Ctx, reference: &str) -> Result<()> {
    let r = OrderRef::parse(reference)?;
    let results = each_store(ctx, |shop| {
        let r = r.clone();
        async move {
            let store = shop.store().name.clone();
            Ok(shop
                .notes(&r)
                .await?
                .into_iter()
                .map(|n| NoteRow { store: store.clone(), order: r.to_string(), note: n })
                .collect::<Vec<_>>())
        }
    })
    .await?;
    let merged = Merged::new(results)?;
    let mut list = ctx.out.list::<NoteRow>();
    for n in merged.items.iter().flatten() {
        list.push(n)?;
    }
    list.finish()?;
    merged.finish()
}

async fn add_note(ctx: &mut Ctx, reference: &str, text: &str, notify_customer: bool) -> Result<()> {
    let r = OrderRef::parse(reference)?;
    if text.trim().is_empty() {
        return Err(Error::usage("the note is empty").with_hint("give the text as the last argument"));
    }
    let store = ctx.selected_store()?;
    let shop = ctx.open_store(&store).await?;
    let note = shop.add_note(&r, text, notify_customer).await?;
    let row = NoteRow { store, order: r.to_string(), note };
    ctx.out.value(&row, |n, _, _| format!("Added a note to order {} in store {}.", n.order, n.store))
}

/// A note with the store and order it belongs to.
#[derive(serde::Serialize)]
struct NoteRow {
    store: String,
    order: String,
    #[serde(flatten)]
    note: Note,
}

impl Row for NoteRow {
    fn headers() -> &'static [&'static str] {
        &["store", "order", "date", "author", "visible to customer", "note"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.store.clone(),
            self.order.clone(),
            self.note.created_at.as_deref().map(short_date).unwrap_or_default(),
            self.note.author.clone().unwrap_or_default(),
            if self.note.customer_visible { "yes".into() } else { "no".into() },
            self.note.text.clone(),
        ]
    }
}

async fn search(ctx: &mut Ctx, a: SearchArgs) -> Result<()> {
    let q = OrderQuery {
        email: a.email,
        status: a.status,
        financial_status: a.financial_status,
        fulfillment_status: a.fulfillment_status,
        since: a.since.as_deref().map(|s| parse_when(s, false)).transpose()?,
        until: a.until.as_deref().map(|s| parse_when(s, true)).transpose()?,
    };
    if let (Some(s), Some(u)) = (q.since, q.until)
        && s > u
    {
        return Err(Error::usage("--since is after --until").with_hint("swap them"));
    }
    if !a.all && a.limit == 0 {
        return Err(Error::usage("--limit must be at least 1").with_hint("or use --all"));
    }
    let names = ctx.selected_stores()?;
    let many = ctx.all_stores();
    let limit = if a.all { usize::MAX } else { a.limit };
    // One page stream per store, polled together: rows are written as any store's page
    // arrives, so memory stays flat and the slowest store sets the pace, not the sum.
    let mut streams = Vec::new();
    let mut failures: Vec<(String, Error)> = Vec::new();
    for name in &names {
        match ctx.open_store(name).await {
            Ok(shop) => streams.push(page_stream(name.clone(), shop, q.clone(), limit)),
            Err(e) if !many => return Err(e),
            Err(e) => failures.push((name.clone(), e)),
        }
    }
    let mut pages = futures_util::stream::select_all(streams);
    let mut totals: std::collections::BTreeMap<String, Money> = Default::default();
    let mut list = ctx.out.list::<OrderSummary>();
    while let Some((store, page)) = futures_util::StreamExt::next(&mut pages).await {
        match page {
            Ok(rows) => {
                for o in &rows {
                    list.push(o)?;
                    let t = totals
                        .entry(o.total.currency.code().to_string())
                        .or_insert_with(|| Money::zero(o.total.currency.clone()));
                    t.amount += o.total.amount;
                }
                list.page_done()?;
            }
            Err(e) if !many => return Err(e),
            Err(e) => failures.push((store, e)),
        }
    }
    let count = list.finish()?;
    if many && ctx.out.format == crate::output::Format::Table {
        // Totals per currency, never summed across currencies.
        let t = totals.values().map(|m| m.to_string()).collect::<Vec<_>>().join(" · ");
        eprintln!("{count} orders from {} stores; totals by currency: {t}", names.len());
    }
    for (store, e) in &failures {
        eprintln!("shopdesk: store {store} failed: {}", e.message);
    }
    if failures.is_empty() {
        Ok(())
    } else {
        let names = failures.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>().join(", ");
        Err(Error::partial(format!("{} store(s) failed: {names}", failures.len()))
            .with_hint("the other stores' orders are shown; see the messages above"))
    }
}

/// Pages of one store's search, tagged with the store name.
type PageStream =
    std::pin::Pin<Box<dyn futures_util::Stream<Item = (String, Result<Vec<OrderSummary>>)> + Send>>;

/// A store's search as a stream of pages, stopping at the limit or the last page.
fn page_stream(
    store: String,
    shop: Box<dyn crate::adapters::commerce::Commerce>,
    q: OrderQuery,
    limit: usize,
) -> PageStream {
    struct State {
        shop: Box<dyn crate::adapters::commerce::Commerce>,
        q: OrderQuery,
        cursor: Option<String>,
        remaining: usize,
        done: bool,
        store: String,
    }
    let st = State { shop, q, cursor: None, remaining: limit, done: false, store };
    Box::pin(futures_util::stream::unfold(st, |mut st| async move {
        if st.done || st.remaining == 0 {
            return None;
        }
        let size = st.remaining.min(st.shop.info().max_page_size as usize) as u32;
        match st.shop.search_page(&st.q, st.cursor.as_deref(), size).await {
            Ok(page) => {
                let rows: Vec<OrderSummary> = page.items.into_iter().take(st.remaining).collect();
                st.remaining -= rows.len();
                match page.next {
                    Some(n) if st.remaining > 0 && !rows.is_empty() => st.cursor = Some(n),
                    _ => st.done = true,
                }
                let store = st.store.clone();
                Some(((store, Ok(rows)), st))
            }
            Err(e) => {
                st.done = true;
                let store = st.store.clone();
                Some(((store, Err(e)), st))
            }
        }
    }))
}

/// `YYYY-MM-DD`, an RFC 3339 time, or an age (`7d`, `12h`, `30m`).
pub fn parse_when(s: &str, end_of_day: bool) -> Result<jiff::Timestamp> {
    let t = s.trim();
    let bad = || {
        Error::usage(format!("`{s}` is not a date"))
            .with_hint("use YYYY-MM-DD, an RFC 3339 time like 2026-11-01T09:00:00Z, or an age like 7d, 12h")
    };
    if let Some(num) = t.strip_suffix(['d', 'h', 'm'])
        && let Ok(n) = num.parse::<i64>()
    {
        let unit = match t.chars().last() {
            Some('d') => 86_400,
            Some('h') => 3_600,
            _ => 60,
        };
        // An age of billions of days is no date either (and must not overflow the multiplication).
        let secs = n.checked_mul(unit).ok_or_else(bad)?;
        return jiff::Timestamp::now().checked_sub(jiff::SignedDuration::from_secs(secs)).map_err(|_| bad());
    }
    if let Ok(ts) = t.parse::<jiff::Timestamp>() {
        return Ok(ts);
    }
    if let Ok(d) = t.parse::<jiff::civil::Date>() {
        let time = if end_of_day { jiff::civil::time(23, 59, 59, 0) } else { jiff::civil::time(0, 0, 0, 0) };
        return d
            .to_datetime(time)
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp())
            .map_err(|_| bad());
    }
    Err(bad())
}

impl Row for OrderSummary {
    fn headers() -> &'static [&'static str] {
        &["store", "order", "created", "status", "payment", "shipping", "customer", "email", "items", "total"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.source.store.clone(),
            self.number.clone(),
            short_date(&self.created_at),
            self.status.to_string(),
            self.financial_status.to_string(),
            self.fulfillment_status.to_string(),
            self.customer_name.clone().unwrap_or_default(),
            self.email.clone().unwrap_or_default(),
            self.items.to_string(),
            self.total.to_string(),
        ]
    }
}

pub fn short_date(s: &str) -> String {
    s.get(..10).unwrap_or(s).to_string()
}

/// The readable summary `order get` prints on a terminal.
pub fn render_order(o: &Order, color: bool, tty: bool) -> String {
    let mut s = String::new();
    let title = format!("Order {}  ·  {} ({})", o.number, o.source.store, o.source.platform);
    s.push_str(&if color { format!("\x1b[1m{title}\x1b[0m") } else { title });
    s.push('\n');
    let customer = match &o.customer {
        Some(c) => {
            let email = c.email.clone().or(o.email.clone()).map(|e| format!(" <{e}>")).unwrap_or_default();
            format!("{}{email}", c.name.clone().unwrap_or_default())
        }
        None => o.email.clone().unwrap_or_default(),
    };
    let t = &o.totals;
    let mut rows = vec![
        ("Id", o.source.platform_id.clone()),
        ("Created", o.created_at.clone()),
        (
            "Status",
            format!("{} · payment {} · shipping {}", o.status, o.financial_status, o.fulfillment_status),
        ),
        ("Cancelled", o.cancel_reason.clone().map(|r| format!("reason: {r}")).unwrap_or_default()),
        ("Customer", customer),
        ("Phone", o.phone.clone().unwrap_or_default()),
        ("Ship to", o.shipping_address.as_ref().map(|a| a.one_line()).unwrap_or_default()),
        ("Subtotal", t.subtotal.to_string()),
        ("Shipping", t.shipping.to_string()),
        ("Tax", t.tax.to_string()),
    ];
    if !t.discounts.amount.is_zero() {
        rows.push(("Discounts", format!("-{}", t.discounts)));
    }
    rows.push(("Total", t.total.to_string()));
    if !t.refunded.amount.is_zero() {
        rows.push(("Refunded", t.refunded.to_string()));
    }
    if !t.outstanding.amount.is_zero() {
        rows.push(("Outstanding", t.outstanding.to_string()));
    }
    rows.push(("Gateways", o.gateways.join(", ")));
    rows.push(("Tags", o.tags.join(", ")));
    rows.push(("Note", o.note.clone().unwrap_or_default()));
    s.push_str(&table::pairs(&rows));
    s.push_str("\n\nItems\n");
    let items = o
        .line_items
        .iter()
        .map(|l| {
            vec![
                l.sku.clone().unwrap_or_default(),
                match &l.variant {
                    Some(v) => format!("{} – {v}", l.title),
                    None => l.title.clone(),
                },
                l.quantity.to_string(),
                l.unit_price.to_string(),
                l.total.to_string(),
            ]
        })
        .collect();
    s.push_str(&table::grid(&["sku", "item", "qty", "unit", "total"], items, color, true));
    if !o.fulfillments.is_empty() {
        s.push_str("\n\nShipments\n");
        s.push_str(&table::grid(
            crate::domain::Fulfillment::headers(),
            o.fulfillments.iter().map(Row::cells).collect(),
            color,
            tty,
        ));
    }
    if !o.refunds.is_empty() {
        s.push_str("\n\nRefunds\n");
        let rows = o
            .refunds
            .iter()
            .map(|r| {
                vec![
                    r.created_at.as_deref().map(short_date).unwrap_or_default(),
                    r.amount.to_string(),
                    r.lines
                        .iter()
                        .map(|l| format!("{}× {}", l.quantity, l.title))
                        .collect::<Vec<_>>()
                        .join(", "),
                    r.note.clone().unwrap_or_default(),
                ]
            })
            .collect();
        s.push_str(&table::grid(&["date", "amount", "items", "note"], rows, color, tty));
    }
    s
}

/// `order track`: the tracking numbers on the order's shipments, tracked at their carriers.
async fn track(ctx: &mut Ctx, reference: &str, watch: &crate::cli::WatchArgs) -> Result<()> {
    let r = OrderRef::parse(reference)?;
    let store = ctx.selected_store()?;
    let shop = ctx.open_store(&store).await?;
    let mut numbers: Vec<String> = Vec::new();
    for f in shop.fulfillments(&r).await? {
        for t in f.tracking {
            // A number the store holds in an odd shape is still shown, as a row with an error.
            if let Some(raw) = t.number.as_deref() {
                let n = super::track::normalize(raw).unwrap_or_else(|_| raw.trim().to_string());
                if !numbers.contains(&n) {
                    numbers.push(n);
                }
            }
        }
    }
    if numbers.is_empty() {
        eprintln!("order {r} in store {store} has no tracking numbers yet (no shipments with tracking)");
        return Ok(());
    }
    super::track::track_numbers(ctx, &numbers, None, true, watch).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_ages_and_errors() {
        let d = parse_when("2026-01-02", false).unwrap();
        assert_eq!(d.to_string(), "2026-01-02T00:00:00Z");
        let d = parse_when("2026-01-02", true).unwrap();
        assert_eq!(d.to_string(), "2026-01-02T23:59:59Z");
        assert_eq!(parse_when("2026-01-02T10:00:00Z", false).unwrap().to_string(), "2026-01-02T10:00:00Z");
        let week = parse_when("7d", false).unwrap();
        let diff = jiff::Timestamp::now().duration_since(week).as_secs();
        assert!((7 * 86_400 - 5..=7 * 86_400 + 5).contains(&diff));
        assert_eq!(parse_when("yesterday", false).unwrap_err().exit_code(), 2);
        assert_eq!(parse_when("9223372036854775807d", false).unwrap_err().exit_code(), 2);
        assert_eq!(parse_when("-9223372036854775808m", false).unwrap_err().exit_code(), 2);
    }
}
