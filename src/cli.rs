//! The command-line surface: nouns, verbs and flags. Doc comments here are the `--help` text
//! (and so the man pages and completions, which are generated from this tree).

use crate::domain::{FinancialStatus, FulfillmentStatus, OrderStatus};
use crate::output::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_CODES_HELP: &str = "\
Exit codes:
  0 ok · 1 error · 2 usage/config · 3 not found · 4 auth/permission · 5 rate-limited after retries
  6 conflict · 7 partial failure · 8 upstream unavailable/network
  9 watched shipment hit an exception (track --watch) · 130 interrupted

Try it without any setup:  shopdesk --sandbox order get 1001";

/// Look up orders, shipments and stores from the terminal — one fast, scriptable tool for
/// e-commerce support.
#[derive(Debug, Parser)]
#[command(name = "shopdesk", version, about, after_help = EXIT_CODES_HELP, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone)]
pub struct Global {
    /// Profile from the config file (default: `default_profile`).
    #[arg(long, global = true, env = "SHOPDESK_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,
    /// Store from the profile (required when the profile has several and no default_store);
    /// `all` queries every store concurrently (read commands).
    #[arg(long, global = true, env = "SHOPDESK_STORE", value_name = "NAME")]
    pub store: Option<String>,
    /// Run against a built-in sandbox with demo data (starts one in-process; no setup needed).
    #[arg(long, global = true)]
    pub sandbox: bool,
    /// Output format (default: table).
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<OutFormat>,
    /// Shorthand for --format json.
    #[arg(long, global = true, conflicts_with = "format")]
    pub json: bool,
    /// Filter JSON output with a jq expression (built in; no jq needed), e.g. '.line_items[].sku'.
    #[arg(long, global = true, value_name = "EXPR")]
    pub jq: Option<String>,
    /// Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// No colours (also honoured: the NO_COLOR environment variable).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Do not read or write the response cache.
    #[arg(long, global = true)]
    pub no_cache: bool,
}

/// Output formats. `junit` is for `test-connection` only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutFormat {
    Table,
    Json,
    Ndjson,
    Csv,
    Junit,
}

impl OutFormat {
    pub fn data_format(self) -> Option<Format> {
        match self {
            OutFormat::Table => Some(Format::Table),
            OutFormat::Json => Some(Format::Json),
            OutFormat::Ndjson => Some(Format::Ndjson),
            OutFormat::Csv => Some(Format::Csv),
            OutFormat::Junit => None,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Look up and search orders.
    #[command(subcommand)]
    Order(OrderCmd),
    /// Shipments of an order: carrier, tracking numbers and links.
    #[command(subcommand)]
    Fulfillment(FulfillmentCmd),
    /// Customers: one view across stores, payments, shipments and the CRM; sync to the CRM.
    #[command(subcommand)]
    Customer(CustomerCmd),
    /// Payments at a gateway (Stripe, PayPal): look up and refund.
    #[command(subcommand)]
    Payment(PaymentCmd),
    /// Refund an order in its store (lines, shipping or an amount), or a CSV batch of them.
    #[command(
        after_help = "The quote (lines, shipping, tax, total, currency, gateway) is shown first and never exceeds what\nis refundable. On a terminal you confirm by typing the order number; elsewhere --yes is required.\n--dry-run shows the quote and sends nothing. Each refund carries an idempotency key derived from\nthe inputs and is journaled before it is sent, so running the same command again never refunds\ntwice: it reports the refund that was made.\n\nCSV batches (--from-csv): a header row naming the columns order (required), store, amount,\nitems (SKU[:QTY] separated by spaces), shipping (`full` or an amount), restock, notify,\nrecord_only (true/false), reason, idempotency_key. Every row is checked before any is sent; results\nare NDJSON, one line per row; a rerun skips the rows already done. Exit 7 when some rows failed.\n\nExamples:\n  shopdesk refund 1001 --item TSHIRT-M:1 --shipping --reason \"wrong size\" --dry-run\n  shopdesk refund '#1001' --amount 5.00 --reason goodwill --yes\n  shopdesk refund --from-csv refunds.csv --concurrency 8 --yes > results.ndjson"
    )]
    Refund(RefundArgs),
    /// Track parcels at their carrier (FedEx, UPS, DHL, USPS): status, delivery date and scan history.
    #[command(
        after_help = "Numbers may contain spaces and dashes (ignored) and any case; --from-file reads one per line\n(`-` for stdin; blank lines and # comments skipped). Without --carrier each number goes to the\ncarrier detected from its format and check digit (see --detect). Each carrier's numbers go out in\nbatches of what its API takes; carriers are asked concurrently. The table shows the newest event;\n--json and --format ndjson carry every event. A number the carrier does not know is reported on\nits own line (exit 7). A carrier that stops early (its daily quota used up) leaves the rest as\n`not_tracked` rows and the command exits 5.\n\n--watch checks again every --interval (default 5m) and prints each number whose status changed,\nuntil all are delivered (exit 0) or one hits an exception or is returned (exit 9).\n\nExamples:\n  shopdesk track 1Z5R89390357567127\n  shopdesk track '1Z 5R8 939 0357 5671 27' 7777777770 --json\n  shopdesk track --from-file parcels.txt --format ndjson\n  shopdesk track 1Z5R89390357567127 --watch --interval 10m\n  shopdesk --sandbox track 3318810025 --carrier dhl"
    )]
    Track(TrackArgs),
    /// Webhooks: register them on stores and gateways, receive and verify them, replay them.
    #[command(subcommand)]
    Webhook(WebhookCmd),
    /// Analytics: send support-action events (Mixpanel, GA4), run GA4 reports.
    #[command(subcommand)]
    Analytics(AnalyticsCmd),
    /// The audit log of every mutation shopdesk made (refunds).
    #[command(subcommand)]
    Audit(AuditCmd),
    /// Check every configured service: reachable, credentials, scopes, API version, clock, latency.
    #[command(
        after_help = "Exit 0 when every check passes, 7 when some fail, 4 when credentials are missing.\n\nExamples:\n  shopdesk test-connection --all\n  shopdesk test-connection --all --format junit > connection.xml"
    )]
    TestConnection(TestConnectionArgs),
    /// Store, inspect and remove credentials (OS keyring).
    #[command(subcommand)]
    Auth(AuthCmd),
    /// Create, inspect and edit the config file.
    #[command(subcommand)]
    Config(ConfigCmd),
    /// Make a raw API call with the stored credentials (like `gh api`).
    #[command(
        after_help = "Examples:\n  shopdesk api shopify POST graphql.json --input query.json\n  echo '{\"query\":\"{ shop { name } }\"}' | shopdesk api main POST graphql.json --input -"
    )]
    Api(ApiArgs),
    /// Run the built-in vendor emulators.
    #[command(subcommand)]
    Sandbox(SandboxCmd),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  shopdesk completions bash > ~/.local/share/bash-completion/completions/shopdesk\n  shopdesk completions zsh > ~/.zfunc/_shopdesk"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page, or write all man pages into a directory.
    Man {
        /// Write shopdesk.1 and one page per command into this directory.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum OrderCmd {
    /// Show one order: status, customer, totals, items, address, shipments, refunds.
    #[command(
        after_help = "REF is the order number (1001 or #1001), the internal id (450789469) or a\ngid://shopify/Order/… id.\n\nExamples:\n  shopdesk order get 1001\n  shopdesk order get '#1001' --json --jq '.line_items[].sku'"
    )]
    Get {
        /// Order number, internal id or global id.
        #[arg(value_name = "REF")]
        reference: String,
    },
    /// Track every parcel of an order: the tracking numbers on its shipments, at their carriers.
    #[command(
        after_help = "Each number goes to the carrier detected from it (see `shopdesk track`); a number whose\ncarrier the profile lacks is reported on its own row (exit 7), the others are still tracked.\n--watch works as for `shopdesk track`.\n\nExamples:\n  shopdesk order track 1001\n  shopdesk order track 1001 --watch --interval 15m\n  shopdesk --sandbox order track 1001 --json"
    )]
    Track {
        /// Order number, internal id or global id.
        #[arg(value_name = "REF")]
        reference: String,
        #[command(flatten)]
        watch: WatchArgs,
    },
    /// Show an order's notes (comments).
    #[command(after_help = "Example:\n  shopdesk order notes 1001")]
    Notes {
        /// Order number, internal id or global id.
        #[arg(value_name = "REF")]
        reference: String,
    },
    /// Add a note to an order.
    #[command(subcommand)]
    Note(NoteCmd),
    /// Search orders, newest first.
    #[command(
        after_help = "Examples:\n  shopdesk order search --email jane@example.com\n  shopdesk order search --financial-status paid --since 2026-11-01 --all --format ndjson"
    )]
    Search(SearchArgs),
}

#[derive(Debug, Subcommand)]
pub enum NoteCmd {
    /// Add a note (comment) to an order.
    #[command(after_help = "Example:\n  shopdesk order note add 1001 'Customer called about delivery'")]
    Add {
        /// Order number, internal id or global id.
        #[arg(value_name = "REF")]
        reference: String,
        /// The note text.
        text: String,
        /// Make the note visible to the customer (and emailed, where the platform does so).
        #[arg(long)]
        notify_customer: bool,
    },
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Customer email.
    #[arg(long)]
    pub email: Option<String>,
    /// Order status.
    #[arg(long, value_enum)]
    pub status: Option<OrderStatus>,
    /// Payment status.
    #[arg(long, value_enum)]
    pub financial_status: Option<FinancialStatus>,
    /// Shipping status.
    #[arg(long, value_enum)]
    pub fulfillment_status: Option<FulfillmentStatus>,
    /// Created at or after: YYYY-MM-DD, an RFC 3339 time, or an age like 7d / 12h.
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Created at or before: YYYY-MM-DD, an RFC 3339 time, or an age like 7d / 12h.
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
    /// At most this many orders (per store with --store all).
    #[arg(long, default_value_t = 50, conflicts_with = "all")]
    pub limit: usize,
    /// Every matching order (paged; streamed with --format ndjson or csv).
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Subcommand)]
pub enum FulfillmentCmd {
    /// List an order's shipments with carrier, tracking numbers and links, status and items.
    #[command(after_help = "Example:\n  shopdesk fulfillment list 1001")]
    List {
        /// Order number, internal id or global id.
        #[arg(value_name = "REF")]
        reference: String,
    },
    /// Record a shipment with tracking for the order's unfulfilled items.
    #[command(
        after_help = "Example:\n  shopdesk fulfillment create 1001 --tracking 1Z999AA10123456784 --carrier UPS --notify"
    )]
    Create {
        /// Order number, internal id or global id.
        #[arg(value_name = "REF")]
        reference: String,
        /// Tracking number.
        #[arg(long, value_name = "NUMBER")]
        tracking: String,
        /// Carrier name (e.g. UPS, FedEx, DHL, USPS).
        #[arg(long, value_name = "NAME")]
        carrier: Option<String>,
        /// Tracking page URL.
        #[arg(long, value_name = "URL")]
        url: Option<String>,
        /// Email the customer about the shipment.
        #[arg(long)]
        notify: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CustomerCmd {
    /// Show a customer by email or id (every matching store customer with --store all).
    #[command(
        after_help = "Examples:\n  shopdesk customer get jane@example.com\n  shopdesk --store all customer get jane@example.com"
    )]
    Get {
        /// Email address or customer id.
        #[arg(value_name = "EMAIL|ID")]
        key: String,
        /// How many recent orders to show (newest first, across stores).
        #[arg(long, value_name = "N", default_value_t = 5)]
        orders: usize,
    },
    /// Create or update the customer's CRM contact from what the stores know.
    #[command(
        after_help = "Reads the customer and their orders from every store of the profile (or --store), shows the
contact as it will be written and what changes, then asks for confirmation (--yes in scripts).
--dry-run shows the plan and sends nothing. The upsert is keyed by email (HubSpot: search then
create or update; Salesforce: PATCH by the external id field) and journaled in the audit log.

Examples:
  shopdesk customer sync jane@example.com --to hubspot --dry-run
  shopdesk customer sync jane@example.com --to salesforce --yes"
    )]
    Sync {
        /// Email address.
        #[arg(value_name = "EMAIL")]
        email: String,
        /// The CRM: its name in the profile, or its kind (hubspot, salesforce).
        #[arg(long, value_name = "CRM")]
        to: String,
        /// Show the plan; send nothing.
        #[arg(long)]
        dry_run: bool,
        /// Do not ask for confirmation (required when stdin is not a terminal).
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AnalyticsCmd {
    /// Send the queued support-action events now (normally sent in the background).
    #[command(
        after_help = "Events are queued locally by order lookups, refunds and tracking checks when the profile has
[analytics] track_actions = true, and sent in the background after the command. flush sends
what is queued to every analytics service of the profile (or --to), in batches the service
accepts; events a service refuses are reported and dropped, a failure to reach it keeps them
queued. Exit 0 when the queue is empty afterwards.

Examples:
  shopdesk analytics flush
  shopdesk analytics flush --to mixpanel --json"
    )]
    Flush {
        /// Only this service (its name in the profile).
        #[arg(long, value_name = "NAME")]
        to: Option<String>,
        /// Run as the detached flush a command starts: print nothing, exit 0.
        #[arg(long, hide = true)]
        background: bool,
    },
    /// Send one event (a check that a service is wired up), or validate it with --validate.
    #[command(after_help = "Examples:
  shopdesk analytics send shopdesk_test --to mixpanel
  shopdesk analytics send refund --prop amount=5.00 --prop currency=USD --to ga4 --validate")]
    Send {
        /// Event name.
        #[arg(value_name = "EVENT")]
        event: String,
        /// A property, KEY=VALUE (repeatable).
        #[arg(long = "prop", value_name = "KEY=VALUE")]
        props: Vec<String>,
        /// The service (its name in the profile); default: every service.
        #[arg(long, value_name = "NAME")]
        to: Option<String>,
        /// Only validate (GA4's /debug/mp/collect) and print the validation messages.
        #[arg(long)]
        validate: bool,
    },
    /// Run a GA4 report: metrics by dimensions over a date range.
    #[command(
        after_help = "Dates are YYYY-MM-DD, today, yesterday or NdaysAgo; --since alone ends today. Rows are paged
from the Data API until --limit or the end.

Examples:
  shopdesk analytics report --metric activeUsers --dimension date --since 7daysAgo
  shopdesk analytics report --metric purchaseRevenue --metric transactions --dimension country --since 2026-11-01 --until 2026-11-26 --json"
    )]
    Report {
        /// A metric (repeatable), e.g. activeUsers, transactions, purchaseRevenue.
        #[arg(long = "metric", value_name = "NAME", required = true)]
        metrics: Vec<String>,
        /// A dimension (repeatable), e.g. date, country, eventName.
        #[arg(long = "dimension", value_name = "NAME")]
        dimensions: Vec<String>,
        /// Start date.
        #[arg(long, value_name = "DATE", default_value = "7daysAgo")]
        since: String,
        /// End date.
        #[arg(long, value_name = "DATE", default_value = "today")]
        until: String,
        /// Most rows.
        #[arg(long, value_name = "N")]
        limit: Option<u64>,
        /// The GA4 service (its name in the profile) when there are several.
        #[arg(long, value_name = "NAME")]
        to: Option<String>,
    },
    /// Show the local event queue: how many events wait, the oldest, the last flush.
    Status,
}

#[derive(Debug, Subcommand)]
pub enum PaymentCmd {
    /// Show a payment: amount, refunded, refundable, status, order.
    #[command(
        after_help = "ID is a Stripe PaymentIntent (pi_…) or Charge (ch_…), or a PayPal order or capture id;\nthe gateway is inferred from the id's shape unless --gateway is given.\n\nExamples:\n  shopdesk payment get pi_3Sbx…\n  shopdesk payment get 5O190127TN364715T --gateway paypal --json"
    )]
    Get {
        #[arg(value_name = "ID")]
        id: String,
        /// The gateway: a name under [payments] in the profile, or stripe|paypal.
        #[arg(long, value_name = "NAME")]
        gateway: Option<String>,
    },
    /// List a payment's refunds.
    #[command(after_help = "Example:\n  shopdesk payment refunds pi_3Sbx…")]
    Refunds {
        #[arg(value_name = "ID")]
        id: String,
        /// The gateway: a name under [payments] in the profile, or stripe|paypal.
        #[arg(long, value_name = "NAME")]
        gateway: Option<String>,
    },
    /// Refund a payment (all that is left, or --amount), after a quote and a confirmation.
    #[command(
        after_help = "The quote (amount, currency, gateway) is shown first. On a terminal you confirm by typing\nthe payment id; elsewhere --yes is required (exit 2, nothing sent). Every refund carries an\nidempotency key (default: derived from profile, gateway, payment, amount and reason), so\nrunning the same command again never refunds twice. Live money (a live Stripe key, PayPal\nlive) also needs --live.\n\nExamples:\n  shopdesk payment refund pi_3Sbx… --amount 5.00 --reason requested_by_customer --dry-run\n  shopdesk payment refund pi_3Sbx… --amount 5.00 --yes"
    )]
    Refund(PaymentRefundArgs),
}

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// Show the newest audit records: who, when, profile, service, action, amount, key, result.
    #[command(
        after_help = "Examples:\n  shopdesk audit list\n  shopdesk audit list --limit 500 --format csv > audit.csv"
    )]
    List {
        /// How many of the newest records.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Export audit records (all, or a time range) as CSV (default), JSON or NDJSON.
    #[command(
        after_help = "--since/--until take a date (2026-11-01), a time (2026-11-01T09:00:00Z) or an age (7d, 12h).\nThe file written with --output is created with mode 0600: it names customers' orders and payments.\n\nExamples:\n  shopdesk audit export --since 30d --output audit-november.csv\n  shopdesk audit export --format ndjson | jq 'select(.result | startswith(\"failed\"))'"
    )]
    Export {
        /// Records at or after this time.
        #[arg(long, value_name = "WHEN")]
        since: Option<String>,
        /// Records before this time (a date means the end of that day).
        #[arg(long, value_name = "WHEN")]
        until: Option<String>,
        /// Write to this file (mode 0600) instead of stdout.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<std::path::PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct RefundArgs {
    /// The order: number (1001 or #1001), internal id, or gid://…
    #[arg(value_name = "REF", required_unless_present = "from_csv", conflicts_with = "from_csv")]
    pub reference: Option<String>,
    /// Refund this amount, not tied to lines (an order-level refund).
    #[arg(long, value_name = "AMOUNT", conflicts_with = "items")]
    pub amount: Option<String>,
    /// Refund a line by SKU (or line item id), all of it or QTY units; repeatable.
    #[arg(long = "item", value_name = "SKU[:QTY]")]
    pub items: Vec<String>,
    /// Refund shipping too: all that is left, or AMOUNT.
    #[arg(long, value_name = "AMOUNT", num_args = 0..=1, default_missing_value = "full")]
    pub shipping: Option<String>,
    /// Put the refunded items back in stock.
    #[arg(long)]
    pub restock: bool,
    /// Why (stored with the refund; required when the profile sets require_reason).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Email the customer about the refund (where the store does).
    #[arg(long)]
    pub notify: bool,
    /// Record the refund on the order without moving money through the payment gateway.
    #[arg(long)]
    pub record_only: bool,
    /// Show the quote and stop: nothing is refunded.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not ask for confirmation (required when not on a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Allow refunding in a profile with environment = "production".
    #[arg(long)]
    pub live: bool,
    /// Idempotency key (default: derived from profile, store, order and the refund's content).
    #[arg(long, value_name = "KEY", conflicts_with = "from_csv")]
    pub idempotency_key: Option<String>,
    /// Refund every row of a CSV file (see below for the columns).
    #[arg(long, value_name = "FILE")]
    pub from_csv: Option<std::path::PathBuf>,
    /// How many orders of a batch are refunded at once (rows of one order always run in turn).
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,
}

#[derive(Debug, Args)]
pub struct TrackArgs {
    /// Tracking numbers (spaces and dashes are ignored; case does not matter).
    #[arg(value_name = "NUMBER", required_unless_present = "from_file")]
    pub numbers: Vec<String>,
    /// Also read numbers from a file, one per line (`-`: stdin).
    #[arg(long, value_name = "FILE")]
    pub from_file: Option<PathBuf>,
    /// The carrier: a name under [carriers] in the profile, or a carrier kind such as ups
    /// (default: detected from the number's format and check digit).
    #[arg(long, value_name = "NAME")]
    pub carrier: Option<String>,
    /// Show which carriers each number can belong to, ranked, and why; send nothing.
    #[arg(long, conflicts_with_all = ["carrier", "watch"])]
    pub detect: bool,
    #[command(flatten)]
    pub watch: WatchArgs,
}

/// `--watch` for `track` and `order track`.
#[derive(Debug, Args, Clone)]
pub struct WatchArgs {
    /// Keep checking until every parcel is delivered (exit 0) or one hits an exception or is
    /// returned (exit 9).
    #[arg(long)]
    pub watch: bool,
    /// Time between checks with --watch: 5m, 30s, 1h.
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = positive_duration, requires = "watch")]
    pub interval: std::time::Duration,
}

#[derive(Debug, Args)]
pub struct PaymentRefundArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    /// The gateway: a name under [payments] in the profile, or stripe|paypal.
    #[arg(long, value_name = "NAME")]
    pub gateway: Option<String>,
    /// Amount in the payment's currency (e.g. 5.00; 1200 for JPY); default: all that is left.
    #[arg(long, value_name = "AMOUNT")]
    pub amount: Option<String>,
    /// Why (Stripe's reasons; PayPal gets it as the note to the payer).
    #[arg(long, value_enum)]
    pub reason: Option<crate::domain::RefundReason>,
    /// Show the quote and stop: nothing is refunded.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not ask for confirmation (required when not on a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Allow refunding live money.
    #[arg(long)]
    pub live: bool,
    /// Idempotency key sent to the gateway (default: derived from the inputs).
    #[arg(long, value_name = "KEY")]
    pub idempotency_key: Option<String>,
}

#[derive(Debug, Args)]
pub struct TestConnectionArgs {
    /// Check every store in the profile (default: the selected store).
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Subcommand)]
pub enum AuthCmd {
    /// Store the secrets of a store, payment gateway or carrier in the OS keyring (prompts on a
    /// terminal; reads stdin otherwise).
    #[command(
        after_help = "A store's secret is its access token, or its client secret when the store uses\nauth = \"client_credentials\"; a gateway's or carrier's are what its kind needs (Stripe secret_key,\nPayPal/UPS/FedEx/USPS client_secret, DHL api_key). Stores and gateways may also hold a\nwebhook_secret (--field webhook_secret), which `webhook listen` verifies deliveries with.\n\nExamples:\n  shopdesk auth login main\n  printenv SHOP_TOKEN | shopdesk auth login main --with-token\n  shopdesk auth login ups\n  printenv WH_SECRET | shopdesk auth login main --field webhook_secret --with-token"
    )]
    Login {
        /// The store, gateway or carrier (its name in the profile).
        #[arg(value_name = "STORE")]
        service: String,
        /// Read the secret from standard input instead of prompting (one line per secret when
        /// the store needs several, e.g. WooCommerce's consumer key and secret).
        #[arg(long)]
        with_token: bool,
        /// Store only this secret (e.g. consumer_secret).
        #[arg(long, value_name = "NAME")]
        field: Option<String>,
    },
    /// Show where each secret comes from (keyring, env, command) and its age — never its value.
    Status,
    /// Remove the secrets of a store, gateway or carrier from the OS keyring.
    Logout {
        /// The store, gateway or carrier (its name in the profile).
        #[arg(value_name = "STORE")]
        service: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum WebhookCmd {
    /// Subscribe a URL to a topic on a store (Shopify, WooCommerce, BigCommerce) or a gateway
    /// (Stripe, PayPal).
    #[command(
        after_help = "Topics: order.created, order.updated, fulfillment.created, refund.created, customer.created\n(mapped to each vendor's own), or the vendor's own topic verbatim (ORDERS_PAID,\nstore/order/archived, charge.refunded). A topic already subscribed at the URL is kept, not\nduplicated. Signing secrets: WooCommerce gets one (the store's webhook_secret if stored, else\n32 random bytes) and Stripe issues one; both are stored as webhook_secret in the keyring and\nnever printed. Shopify and BigCommerce sign with the app's client secret. PayPal's webhook\nid is written to the gateway's webhook_id in the config.\n\nExamples:\n  shopdesk webhook register --topic order.created --url https://hooks.example.com/shopify\n  shopdesk --store woo webhook register --topic order.created --topic order.updated --url https://hooks.example.com/woo\n  shopdesk webhook register --gateway stripe --topic refund.created --url https://hooks.example.com/stripe --dry-run"
    )]
    Register(WebhookRegisterArgs),
    /// The webhook subscriptions of a store or gateway.
    #[command(
        after_help = "Examples:\n  shopdesk webhook list\n  shopdesk webhook list --gateway paypal --json"
    )]
    List(WebhookTargetArgs),
    /// Remove a webhook subscription (asks first; off a terminal it needs --yes).
    #[command(
        after_help = "Examples:\n  shopdesk webhook delete gid://shopify/WebhookSubscription/7 --yes\n  shopdesk webhook delete we_1Pq2 --gateway stripe"
    )]
    Delete {
        /// The subscription's id (as `webhook list` shows it).
        #[arg(value_name = "ID")]
        id: String,
        #[command(flatten)]
        target: WebhookTargetArgs,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Make the registered subscriptions match a TOML file (adds what is missing; --prune also
    /// removes what the file does not list).
    #[command(
        after_help = "The file lists [[webhook]] tables, each with `store` or `gateway` (a name in the profile),\n`topic` and `url`:\n\n  [[webhook]]\n  store = \"main\"\n  topic = \"order.created\"\n  url = \"https://hooks.example.com/shopify\"\n\nThe plan (create / keep / delete) is printed, then applied; a second run changes nothing.\n--prune deletes the subscriptions of the listed stores and gateways that the file does not\nlist (asks first; off a terminal it needs --yes).\n\nExamples:\n  shopdesk webhook sync webhooks.toml --dry-run\n  shopdesk webhook sync webhooks.toml --prune --yes"
    )]
    Sync {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Also delete subscriptions the file does not list.
        #[arg(long)]
        prune: bool,
        /// Print the plan and send nothing that changes the vendor.
        #[arg(long)]
        dry_run: bool,
        /// Do not ask before deleting (--prune).
        #[arg(long)]
        yes: bool,
    },
    /// Receive webhooks: verify, store durably, then forward / run a command / publish.
    #[command(
        after_help = "Serves POST /webhooks/NAME for every store and gateway of the profile (NAME is its name there),\nGET /healthz and GET /stats (accepted, duplicate and rejected counts by reason). The first line on\nstdout is the base URL (with the bound port when --port 0), then one line per route.\n\nEach delivery is checked with its platform's scheme before anything reads it (Shopify and\nWooCommerce HMAC, BigCommerce Standard Webhooks, Stripe-Signature; timestamps within 5 minutes)\nand committed to the store (webhooks.sqlite3 in the state dir, or SHOPDESK_WEBHOOK_DB) before the\n200. A delivery id seen before is answered 200 and not stored again. Refusals: 401 bad or\nmissing signature or stale timestamp, 400 malformed, 413 over --max-body, 429 over --rate-limit,\n404 unknown source or one without a secret; all counted and logged (webhook log --failed).\n\nSigning secrets: the credential webhook_secret of each store or gateway (keyring, env\nSHOPDESK_<PROFILE>_<NAME>_WEBHOOK_SECRET, or credential_command); Shopify and BigCommerce fall back\nto the app's client_secret. PayPal deliveries are verified through PayPal's\nverify-webhook-signature API (the gateway's webhook_id, written by `webhook register`, and its\nclient credentials; read at start, so restart after registering). Magento has no webhooks.\n\nOutputs, at least once and in order per source: --forward-to POSTs the raw body with the vendor's\nheaders and X-Shopdesk-Event-Id; --exec runs `sh -c CMD` with {id, source, delivery_id, topic,\nheaders, body} as JSON on stdin (non-zero exit = failure); --sink XADDs {id, source, topic,\ndelivery_id, received_at, headers, body} to a Redis Stream (password: SHOPDESK_SINK_PASSWORD).\nFailures are retried with exponential backoff and jitter, then dead-lettered after\n--max-attempts. Pending deliveries resume at the next start. Ctrl-C or SIGTERM: stops accepting,\nanswers requests in flight, finishes the current deliveries, exits 0.\n\nExamples:\n  shopdesk webhook listen --port 8788 --forward-to http://127.0.0.1:3000/hooks\n  shopdesk webhook listen --port 0 --exec 'jq -c .topic >> topics.log'\n  SHOPDESK_SINK_PASSWORD=… shopdesk webhook listen --sink 'redis://127.0.0.1:6379/0#shopdesk:webhooks'\n  SHOPDESK_DEFAULT_MAIN_WEBHOOK_SECRET=… shopdesk webhook listen --bind 0.0.0.0"
    )]
    Listen(WebhookListenArgs),
    /// Received deliveries, newest first.
    #[command(
        after_help = "States: stored (no output was configured), pending (waiting or retrying), done, dead (gave up after\n--max-attempts), rejected (--failed only: refused deliveries with the reason and remote address).\n\nExamples:\n  shopdesk webhook log --source main --since 1d\n  shopdesk webhook log --failed --json"
    )]
    Log(WebhookLogArgs),
    /// Deliver stored events again (to --forward-to / --exec targets or a URL).
    #[command(
        after_help = "With --to URL the events are POSTed now, one by one in the order received, exactly as --forward-to\ndoes (raw body, vendor headers, X-Shopdesk-Event-Id); exit 7 when some fail. Without --to they are\nput back in the delivery queue, and a running (or the next) `webhook listen` with --forward-to or\n--exec delivers them.\n\nExamples:\n  shopdesk webhook replay 42 --to http://127.0.0.1:3000/hooks\n  shopdesk webhook replay --since 2h"
    )]
    Replay(WebhookReplayArgs),
    /// Ask the sandbox to send a signed event for a topic to the registered URLs.
    Trigger {
        #[command(flatten)]
        target: WebhookTargetArgs,
        #[arg(long, value_name = "TOPIC")]
        topic: String,
    },
    /// Verify a captured delivery offline: body on stdin, headers as flags.
    #[command(
        after_help = "Exit 0 when the signature is valid (prints the scheme, delivery id and topic), 4 when it is not\n(with the reason: missing header, no matching signature, timestamp out of tolerance, malformed),\n2 for usage errors. The body must be byte for byte what was received.\n\nSecrets: shopify and bigcommerce use the app's client secret (or the webhook's own secret),\nwoocommerce the webhook's secret, stripe the endpoint's whsec_… string, standard a whsec_ base64\nkey. SHOPDESK_NOW=<unix seconds> pins the clock for the timestamp check (captures, test vectors).\n\nExamples:\n  shopdesk webhook verify --source shopify --secret-env SHOPIFY_SECRET \\\n    -H 'X-Shopify-Hmac-Sha256: …' -H 'X-Shopify-Webhook-Id: …' < body.json\n  shopdesk webhook verify --source stripe --secret-env STRIPE_WHSEC -H \"Stripe-Signature: $SIG\" < evt.json"
    )]
    Verify(WebhookVerifyArgs),
}

/// Which store or gateway a webhook command acts on.
#[derive(Debug, Args, Clone)]
pub struct WebhookTargetArgs {
    /// A payment gateway in the profile (stripe, paypal) instead of the store (the global
    /// --store, default the profile's default store).
    #[arg(long, value_name = "NAME")]
    pub gateway: Option<String>,
}

#[derive(Debug, Args)]
pub struct WebhookRegisterArgs {
    #[command(flatten)]
    pub target: WebhookTargetArgs,
    /// A portable topic (order.created, order.updated, fulfillment.created, refund.created,
    /// customer.created) or the vendor's own topic verbatim.
    #[arg(long, value_name = "TOPIC", required = true)]
    pub topic: Vec<String>,
    /// Where the vendor delivers (https://…; http://127.0.0.1 for the sandbox).
    #[arg(long, value_name = "URL")]
    pub url: String,
    /// Where the signing secret comes from when the vendor does not issue one: `env:VAR`,
    /// `generate` (WooCommerce default), or `keyring` (already stored).
    #[arg(long, value_name = "SOURCE")]
    pub secret_from: Option<String>,
    /// Print what would be sent and send nothing that changes the vendor.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct WebhookListenArgs {
    /// Port to listen on (0: a free one, printed on the first line).
    #[arg(long, default_value_t = 8788)]
    pub port: u16,
    /// Address to listen on (0.0.0.0 for every interface).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Forward each verified event to this URL (at-least-once, in order per source).
    #[arg(long, value_name = "URL")]
    pub forward_to: Option<String>,
    /// Run this command for each verified event, with the event on stdin.
    #[arg(long, value_name = "CMD")]
    pub exec: Option<String>,
    /// Publish each verified event to a Redis Stream: redis://[:PASSWORD@]host[:port][/db][#stream]
    /// (default stream shopdesk:webhooks; better the password in $SHOPDESK_SINK_PASSWORD).
    #[arg(long, value_name = "URL")]
    pub sink: Option<String>,
    /// Tries before a forward goes to the dead-letter list.
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub max_attempts: u32,
    /// Largest body accepted (bytes; larger is 413 and counted).
    #[arg(long, value_name = "BYTES", default_value_t = 1_048_576)]
    pub max_body: usize,
    /// Deliveries per second accepted from each source, also the burst (more: 429); 0: no limit.
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub rate_limit: u32,
    /// Wait before the first retry of a failed delivery; doubles each try (with jitter), at most 5m.
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = duration_arg)]
    pub backoff: std::time::Duration,
}

#[derive(Debug, Args)]
pub struct WebhookLogArgs {
    /// Only deliveries whose forwarding failed (dead-lettered or still retrying) and rejections.
    #[arg(long)]
    pub failed: bool,
    /// Only this source (store or gateway name).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// Since a date or age (2026-11-01, 7d).
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct WebhookReplayArgs {
    /// An event id from `webhook log`.
    #[arg(value_name = "ID", required_unless_present = "since")]
    pub id: Option<String>,
    /// Every event received since a date or age.
    #[arg(long, value_name = "WHEN", conflicts_with = "id")]
    pub since: Option<String>,
    /// Deliver to this URL instead of the configured forward target.
    #[arg(long, value_name = "URL")]
    pub to: Option<String>,
}

#[derive(Debug, Args)]
pub struct WebhookVerifyArgs {
    #[arg(long, value_enum)]
    pub source: VerifySource,
    /// Environment variable holding the secret (never the secret itself on the command line).
    #[arg(long, value_name = "VAR")]
    pub secret_env: String,
    /// A received header, `Name: value` (repeatable).
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// Accepted clock difference for timestamped schemes (Stripe, Standard Webhooks).
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = duration_arg)]
    pub tolerance: std::time::Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerifySource {
    Shopify,
    Woocommerce,
    Bigcommerce,
    Stripe,
    Standard,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCmd {
    /// Create the config file interactively (or from the commented template off a terminal).
    Init {
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Print the config file (or the commented default template).
    Show {
        /// Show the built-in template instead.
        #[arg(long)]
        default: bool,
    },
    /// Print the config file's path.
    Path,
    /// Set a value, keeping comments: `config set profiles.default.log_file ~/shopdesk.log`.
    Set {
        /// Dotted key, e.g. profiles.default.stores.main.api_version.
        key: String,
        /// New value (TOML literal, or a plain string).
        value: String,
    },
    /// Open the config file in $VISUAL / $EDITOR, then validate it.
    Edit,
}

#[derive(Debug, Args)]
pub struct ApiArgs {
    /// Store name or platform (e.g. `shopify` when the profile has one Shopify store).
    #[arg(value_name = "SERVICE")]
    pub service: String,
    /// HTTP method.
    #[arg(value_name = "METHOD")]
    pub method: String,
    /// Path relative to the API root (e.g. graphql.json), or absolute from the store URL (/admin/…).
    #[arg(value_name = "PATH")]
    pub path: String,
    /// Request body from a file (`-` for stdin).
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Add a string field to a JSON body, or a query parameter for GET (repeatable): -f key=value.
    #[arg(short = 'f', long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,
    /// Add a header (repeatable): -H 'Name: value'.
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,
    /// Print the status line and response headers before the body.
    #[arg(short, long)]
    pub include: bool,
}

#[derive(Debug, Subcommand)]
pub enum SandboxCmd {
    /// Serve every emulated vendor on one loopback port until Ctrl-C.
    #[command(
        after_help = "Examples:\n  shopdesk sandbox serve --port 8787\n  shopdesk sandbox serve --faults 429=5%,503=2%,reset=1%,latency=20ms\n  shopdesk sandbox serve --orders 10000 --throttle-bucket 1000 --throttle-restore 50"
    )]
    Serve(SandboxServeArgs),
    /// List the tracking numbers the carrier emulators know (tab-separated: number, carrier,
    /// store, order, stage), for scripts and CI.
    #[command(
        after_help = "The same seed and --orders as `sandbox serve` give the same parcels. A parcel out for delivery\nis delivered --deliver-after its first lookup (30s by default).\n\nExamples:\n  shopdesk sandbox parcels --carrier fedex | head\n  shopdesk sandbox parcels --stage out_for_delivery --store woocommerce\n  shopdesk sandbox parcels | cut -f1 > numbers.txt && shopdesk --sandbox track --from-file numbers.txt"
    )]
    Parcels {
        /// Only this carrier: ups, fedex, usps, dhl.
        #[arg(long, value_name = "CARRIER")]
        carrier: Option<String>,
        /// Only parcels of this store's orders: shopify, woocommerce, magento, bigcommerce.
        #[arg(long, value_name = "STORE")]
        store: Option<String>,
        /// Only parcels at this stage: pre_transit, in_transit, out_for_delivery, delivered, exception.
        #[arg(long, value_name = "STAGE")]
        stage: Option<String>,
        /// The seed `sandbox serve` uses (`--sandbox` uses 0).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Orders in the Shopify store (as `sandbox serve --orders`).
        #[arg(long, value_name = "N", default_value_t = crate::sandbox::seed::DEFAULT_ORDERS as u32)]
        orders: u32,
    },
}

#[derive(Debug, Args)]
pub struct SandboxServeArgs {
    /// Port (0 picks a free one).
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// Address to bind (loopback by default).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Seed for the demo data (same seed, same data).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Inject faults, e.g. 429=5%,503=2%,reset=1%,latency=20ms.
    #[arg(long, value_name = "SPEC")]
    pub faults: Option<String>,
    /// Lifetime of tokens from the client-credentials grant, in seconds.
    #[arg(long, default_value_t = 86_400)]
    pub token_ttl: u64,
    /// Orders in the Shopify demo store, numbered from #1001 (default 260; the other stores always
    /// have the default data set).
    #[arg(long, value_name = "N", default_value_t = crate::sandbox::seed::DEFAULT_ORDERS as u32,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub orders: u32,
    /// Size of the Shopify GraphQL query-cost bucket, per token (a huge value: effectively no throttling).
    #[arg(long, value_name = "POINTS", default_value_t = crate::sandbox::ThrottleSpec::default().maximum_available,
          value_parser = positive_points)]
    pub throttle_bucket: f64,
    /// Points the bucket regains per second.
    #[arg(long, value_name = "POINTS_PER_SEC", default_value_t = crate::sandbox::ThrottleSpec::default().restore_rate,
          value_parser = positive_points)]
    pub throttle_restore: f64,
    /// Requests the DHL emulator answers per UTC day before it answers 429 (its quota).
    #[arg(long, value_name = "N", default_value_t = crate::sandbox::Options::default().dhl_daily_quota)]
    pub dhl_daily_quota: u64,
    /// Shortest gap the DHL emulator accepts between two requests (DHL's free tier: 5s); a
    /// faster one gets 429 with Retry-After. The demo profile paces itself to match.
    #[arg(long, value_name = "DURATION", default_value = "0s", value_parser = duration_arg)]
    pub dhl_min_interval: std::time::Duration,
    /// A parcel out for delivery is delivered this long after its first lookup, so
    /// `track --watch` sees a delivery.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = duration_arg)]
    pub deliver_after: std::time::Duration,
    /// How much faster than the vendors' own schedules webhook retries run (their gaps are
    /// multiplied by this): 0.001 (default) makes BigCommerce's 48 h schedule about 3 minutes;
    /// 1 is real time.
    #[arg(long, value_name = "FACTOR", default_value_t = crate::sandbox::Options::default().webhook_retry_scale,
          value_parser = retry_scale)]
    pub webhook_retry_scale: f64,
}

/// A retry-scale factor: a number above 0, at most 1.
fn retry_scale(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(f) if f > 0.0 && f <= 1.0 => Ok(f),
        _ => Err(format!("`{s}` is not a factor in (0, 1], e.g. 0.001 or 1")),
    }
}

/// A duration flag: `5s`, `1m 30s`, `500ms`, `PT5S`.
fn duration_arg(s: &str) -> Result<std::time::Duration, String> {
    crate::config::parse_duration(s)
}

/// A duration flag that must be more than zero.
fn positive_duration(s: &str) -> Result<std::time::Duration, String> {
    match crate::config::parse_duration(s)? {
        d if d.is_zero() => Err("must be more than zero".into()),
        d => Ok(d),
    }
}

/// A finite, positive number of query-cost points.
fn positive_points(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!("expected a positive number of points, got {s:?}")),
    }
}
