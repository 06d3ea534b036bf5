
use builtin;
use str;

set edit:completion:arg-completer[shopdesk] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'shopdesk'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'shopdesk'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand order 'Look up and search orders'
            cand fulfillment 'Shipments of an order: carrier, tracking numbers and links'
            cand customer 'Customers: one view across stores, payments, shipments and the CRM; sync to the CRM'
            cand payment 'Payments at a gateway (Stripe, PayPal): look up and refund'
            cand refund 'Refund an order in its store (lines, shipping or an amount), or a CSV batch of them'
            cand track 'Track parcels at their carrier (FedEx, UPS, DHL, USPS): status, delivery date and scan history'
            cand webhook 'Webhooks: register them on stores and gateways, receive and verify them, replay them'
            cand analytics 'Analytics: send support-action events (Mixpanel, GA4), run GA4 reports'
            cand audit 'The audit log of every mutation shopdesk made (refunds)'
            cand test-connection 'Check every configured service: reachable, credentials, scopes, API version, clock, latency'
            cand auth 'Store, inspect and remove credentials (OS keyring)'
            cand config 'Create, inspect and edit the config file'
            cand api 'Make a raw API call with the stored credentials (like `gh api`)'
            cand sandbox 'Run the built-in vendor emulators'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page, or write all man pages into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;order'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand get 'Show one order: status, customer, totals, items, address, shipments, refunds'
            cand track 'Track every parcel of an order: the tracking numbers on its shipments, at their carriers'
            cand notes 'Show an order''s notes (comments)'
            cand note 'Add a note to an order'
            cand search 'Search orders, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;order;get'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;order;track'= {
            cand --interval 'Time between checks with --watch: 5m, 30s, 1h'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --watch 'Keep checking until every parcel is delivered (exit 0) or one hits an exception or is returned (exit 9)'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;order;notes'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;order;note'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a note (comment) to an order'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;order;note;add'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --notify-customer 'Make the note visible to the customer (and emailed, where the platform does so)'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;order;note;help'= {
            cand add 'Add a note (comment) to an order'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;order;note;help;add'= {
        }
        &'shopdesk;order;note;help;help'= {
        }
        &'shopdesk;order;search'= {
            cand --email 'Customer email'
            cand --status 'Order status'
            cand --financial-status 'Payment status'
            cand --fulfillment-status 'Shipping status'
            cand --since 'Created at or after: YYYY-MM-DD, an RFC 3339 time, or an age like 7d / 12h'
            cand --until 'Created at or before: YYYY-MM-DD, an RFC 3339 time, or an age like 7d / 12h'
            cand --limit 'At most this many orders (per store with --store all)'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --all 'Every matching order (paged; streamed with --format ndjson or csv)'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;order;help'= {
            cand get 'Show one order: status, customer, totals, items, address, shipments, refunds'
            cand track 'Track every parcel of an order: the tracking numbers on its shipments, at their carriers'
            cand notes 'Show an order''s notes (comments)'
            cand note 'Add a note to an order'
            cand search 'Search orders, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;order;help;get'= {
        }
        &'shopdesk;order;help;track'= {
        }
        &'shopdesk;order;help;notes'= {
        }
        &'shopdesk;order;help;note'= {
            cand add 'Add a note (comment) to an order'
        }
        &'shopdesk;order;help;note;add'= {
        }
        &'shopdesk;order;help;search'= {
        }
        &'shopdesk;order;help;help'= {
        }
        &'shopdesk;fulfillment'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List an order''s shipments with carrier, tracking numbers and links, status and items'
            cand create 'Record a shipment with tracking for the order''s unfulfilled items'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;fulfillment;list'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;fulfillment;create'= {
            cand --tracking 'Tracking number'
            cand --carrier 'Carrier name (e.g. UPS, FedEx, DHL, USPS)'
            cand --url 'Tracking page URL'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --notify 'Email the customer about the shipment'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;fulfillment;help'= {
            cand list 'List an order''s shipments with carrier, tracking numbers and links, status and items'
            cand create 'Record a shipment with tracking for the order''s unfulfilled items'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;fulfillment;help;list'= {
        }
        &'shopdesk;fulfillment;help;create'= {
        }
        &'shopdesk;fulfillment;help;help'= {
        }
        &'shopdesk;customer'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand get 'Show a customer by email or id (every matching store customer with --store all)'
            cand sync 'Create or update the customer''s CRM contact from what the stores know'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;customer;get'= {
            cand --orders 'How many recent orders to show (newest first, across stores)'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;customer;sync'= {
            cand --to 'The CRM: its name in the profile, or its kind (hubspot, salesforce)'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --dry-run 'Show the plan; send nothing'
            cand --yes 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;customer;help'= {
            cand get 'Show a customer by email or id (every matching store customer with --store all)'
            cand sync 'Create or update the customer''s CRM contact from what the stores know'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;customer;help;get'= {
        }
        &'shopdesk;customer;help;sync'= {
        }
        &'shopdesk;customer;help;help'= {
        }
        &'shopdesk;payment'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand get 'Show a payment: amount, refunded, refundable, status, order'
            cand refunds 'List a payment''s refunds'
            cand refund 'Refund a payment (all that is left, or --amount), after a quote and a confirmation'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;payment;get'= {
            cand --gateway 'The gateway: a name under [payments] in the profile, or stripe|paypal'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;payment;refunds'= {
            cand --gateway 'The gateway: a name under [payments] in the profile, or stripe|paypal'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;payment;refund'= {
            cand --gateway 'The gateway: a name under [payments] in the profile, or stripe|paypal'
            cand --amount 'Amount in the payment''s currency (e.g. 5.00; 1200 for JPY); default: all that is left'
            cand --reason 'Why (Stripe''s reasons; PayPal gets it as the note to the payer)'
            cand --idempotency-key 'Idempotency key sent to the gateway (default: derived from the inputs)'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --dry-run 'Show the quote and stop: nothing is refunded'
            cand -y 'Do not ask for confirmation (required when not on a terminal)'
            cand --yes 'Do not ask for confirmation (required when not on a terminal)'
            cand --live 'Allow refunding live money'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;payment;help'= {
            cand get 'Show a payment: amount, refunded, refundable, status, order'
            cand refunds 'List a payment''s refunds'
            cand refund 'Refund a payment (all that is left, or --amount), after a quote and a confirmation'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;payment;help;get'= {
        }
        &'shopdesk;payment;help;refunds'= {
        }
        &'shopdesk;payment;help;refund'= {
        }
        &'shopdesk;payment;help;help'= {
        }
        &'shopdesk;refund'= {
            cand --amount 'Refund this amount, not tied to lines (an order-level refund)'
            cand --item 'Refund a line by SKU (or line item id), all of it or QTY units; repeatable'
            cand --shipping 'Refund shipping too: all that is left, or AMOUNT'
            cand --reason 'Why (stored with the refund; required when the profile sets require_reason)'
            cand --idempotency-key 'Idempotency key (default: derived from profile, store, order and the refund''s content)'
            cand --from-csv 'Refund every row of a CSV file (see below for the columns)'
            cand --concurrency 'How many orders of a batch are refunded at once (rows of one order always run in turn)'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --restock 'Put the refunded items back in stock'
            cand --notify 'Email the customer about the refund (where the store does)'
            cand --record-only 'Record the refund on the order without moving money through the payment gateway'
            cand --dry-run 'Show the quote and stop: nothing is refunded'
            cand -y 'Do not ask for confirmation (required when not on a terminal)'
            cand --yes 'Do not ask for confirmation (required when not on a terminal)'
            cand --live 'Allow refunding in a profile with environment = "production"'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;track'= {
            cand --from-file 'Also read numbers from a file, one per line (`-`: stdin)'
            cand --carrier 'The carrier: a name under [carriers] in the profile, or a carrier kind such as ups (default: detected from the number''s format and check digit)'
            cand --interval 'Time between checks with --watch: 5m, 30s, 1h'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --detect 'Show which carriers each number can belong to, ranked, and why; send nothing'
            cand --watch 'Keep checking until every parcel is delivered (exit 0) or one hits an exception or is returned (exit 9)'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;webhook'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand register 'Subscribe a URL to a topic on a store (Shopify, WooCommerce, BigCommerce) or a gateway (Stripe, PayPal)'
            cand list 'The webhook subscriptions of a store or gateway'
            cand delete 'Remove a webhook subscription (asks first; off a terminal it needs --yes)'
            cand sync 'Make the registered subscriptions match a TOML file (adds what is missing; --prune also removes what the file does not list)'
            cand listen 'Receive webhooks: verify, store durably, then forward / run a command / publish'
            cand log 'Received deliveries, newest first'
            cand replay 'Deliver stored events again (to --forward-to / --exec targets or a URL)'
            cand trigger 'Ask the sandbox to send a signed event for a topic to the registered URLs'
            cand verify 'Verify a captured delivery offline: body on stdin, headers as flags'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;webhook;register'= {
            cand --gateway 'A payment gateway in the profile (stripe, paypal) instead of the store (the global --store, default the profile''s default store)'
            cand --topic 'A portable topic (order.created, order.updated, fulfillment.created, refund.created, customer.created) or the vendor''s own topic verbatim'
            cand --url 'Where the vendor delivers (https://…; http://127.0.0.1 for the sandbox)'
            cand --secret-from 'Where the signing secret comes from when the vendor does not issue one: `env:VAR`, `generate` (WooCommerce default), or `keyring` (already stored)'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --dry-run 'Print what would be sent and send nothing that changes the vendor'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;webhook;list'= {
            cand --gateway 'A payment gateway in the profile (stripe, paypal) instead of the store (the global --store, default the profile''s default store)'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;webhook;delete'= {
            cand --gateway 'A payment gateway in the profile (stripe, paypal) instead of the store (the global --store, default the profile''s default store)'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --yes 'Do not ask for confirmation'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;webhook;sync'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --prune 'Also delete subscriptions the file does not list'
            cand --dry-run 'Print the plan and send nothing that changes the vendor'
            cand --yes 'Do not ask before deleting (--prune)'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;webhook;listen'= {
            cand --port 'Port to listen on (0: a free one, printed on the first line)'
            cand --bind 'Address to listen on (0.0.0.0 for every interface)'
            cand --forward-to 'Forward each verified event to this URL (at-least-once, in order per source)'
            cand --exec 'Run this command for each verified event, with the event on stdin'
            cand --sink 'Publish each verified event to a Redis Stream: redis://[:PASSWORD@]host[:port][/db][#stream] (default stream shopdesk:webhooks; better the password in $SHOPDESK_SINK_PASSWORD)'
            cand --max-attempts 'Tries before a forward goes to the dead-letter list'
            cand --max-body 'Largest body accepted (bytes; larger is 413 and counted)'
            cand --rate-limit 'Deliveries per second accepted from each source, also the burst (more: 429); 0: no limit'
            cand --backoff 'Wait before the first retry of a failed delivery; doubles each try (with jitter), at most 5m'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;webhook;log'= {
            cand --source 'Only this source (store or gateway name)'
            cand --since 'Since a date or age (2026-11-01, 7d)'
            cand --limit 'limit'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --failed 'Only deliveries whose forwarding failed (dead-lettered or still retrying) and rejections'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;webhook;replay'= {
            cand --since 'Every event received since a date or age'
            cand --to 'Deliver to this URL instead of the configured forward target'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;webhook;trigger'= {
            cand --gateway 'A payment gateway in the profile (stripe, paypal) instead of the store (the global --store, default the profile''s default store)'
            cand --topic 'topic'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;webhook;verify'= {
            cand --source 'source'
            cand --secret-env 'Environment variable holding the secret (never the secret itself on the command line)'
            cand -H 'A received header, `Name: value` (repeatable)'
            cand --header 'A received header, `Name: value` (repeatable)'
            cand --tolerance 'Accepted clock difference for timestamped schemes (Stripe, Standard Webhooks)'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;webhook;help'= {
            cand register 'Subscribe a URL to a topic on a store (Shopify, WooCommerce, BigCommerce) or a gateway (Stripe, PayPal)'
            cand list 'The webhook subscriptions of a store or gateway'
            cand delete 'Remove a webhook subscription (asks first; off a terminal it needs --yes)'
            cand sync 'Make the registered subscriptions match a TOML file (adds what is missing; --prune also removes what the file does not list)'
            cand listen 'Receive webhooks: verify, store durably, then forward / run a command / publish'
            cand log 'Received deliveries, newest first'
            cand replay 'Deliver stored events again (to --forward-to / --exec targets or a URL)'
            cand trigger 'Ask the sandbox to send a signed event for a topic to the registered URLs'
            cand verify 'Verify a captured delivery offline: body on stdin, headers as flags'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;webhook;help;register'= {
        }
        &'shopdesk;webhook;help;list'= {
        }
        &'shopdesk;webhook;help;delete'= {
        }
        &'shopdesk;webhook;help;sync'= {
        }
        &'shopdesk;webhook;help;listen'= {
        }
        &'shopdesk;webhook;help;log'= {
        }
        &'shopdesk;webhook;help;replay'= {
        }
        &'shopdesk;webhook;help;trigger'= {
        }
        &'shopdesk;webhook;help;verify'= {
        }
        &'shopdesk;webhook;help;help'= {
        }
        &'shopdesk;analytics'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand flush 'Send the queued support-action events now (normally sent in the background)'
            cand send 'Send one event (a check that a service is wired up), or validate it with --validate'
            cand report 'Run a GA4 report: metrics by dimensions over a date range'
            cand status 'Show the local event queue: how many events wait, the oldest, the last flush'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;analytics;flush'= {
            cand --to 'Only this service (its name in the profile)'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;analytics;send'= {
            cand --prop 'A property, KEY=VALUE (repeatable)'
            cand --to 'The service (its name in the profile); default: every service'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --validate 'Only validate (GA4''s /debug/mp/collect) and print the validation messages'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;analytics;report'= {
            cand --metric 'A metric (repeatable), e.g. activeUsers, transactions, purchaseRevenue'
            cand --dimension 'A dimension (repeatable), e.g. date, country, eventName'
            cand --since 'Start date'
            cand --until 'End date'
            cand --limit 'Most rows'
            cand --to 'The GA4 service (its name in the profile) when there are several'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;analytics;status'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;analytics;help'= {
            cand flush 'Send the queued support-action events now (normally sent in the background)'
            cand send 'Send one event (a check that a service is wired up), or validate it with --validate'
            cand report 'Run a GA4 report: metrics by dimensions over a date range'
            cand status 'Show the local event queue: how many events wait, the oldest, the last flush'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;analytics;help;flush'= {
        }
        &'shopdesk;analytics;help;send'= {
        }
        &'shopdesk;analytics;help;report'= {
        }
        &'shopdesk;analytics;help;status'= {
        }
        &'shopdesk;analytics;help;help'= {
        }
        &'shopdesk;audit'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Show the newest audit records: who, when, profile, service, action, amount, key, result'
            cand export 'Export audit records (all, or a time range) as CSV (default), JSON or NDJSON'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;audit;list'= {
            cand --limit 'How many of the newest records'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;audit;export'= {
            cand --since 'Records at or after this time'
            cand --until 'Records before this time (a date means the end of that day)'
            cand -o 'Write to this file (mode 0600) instead of stdout'
            cand --output 'Write to this file (mode 0600) instead of stdout'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;audit;help'= {
            cand list 'Show the newest audit records: who, when, profile, service, action, amount, key, result'
            cand export 'Export audit records (all, or a time range) as CSV (default), JSON or NDJSON'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;audit;help;list'= {
        }
        &'shopdesk;audit;help;export'= {
        }
        &'shopdesk;audit;help;help'= {
        }
        &'shopdesk;test-connection'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --all 'Check every store in the profile (default: the selected store)'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;auth'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand login 'Store the secrets of a store, payment gateway or carrier in the OS keyring (prompts on a terminal; reads stdin otherwise)'
            cand status 'Show where each secret comes from (keyring, env, command) and its age — never its value'
            cand logout 'Remove the secrets of a store, gateway or carrier from the OS keyring'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;auth;login'= {
            cand --field 'Store only this secret (e.g. consumer_secret)'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --with-token 'Read the secret from standard input instead of prompting (one line per secret when the store needs several, e.g. WooCommerce''s consumer key and secret)'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;auth;status'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;auth;logout'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;auth;help'= {
            cand login 'Store the secrets of a store, payment gateway or carrier in the OS keyring (prompts on a terminal; reads stdin otherwise)'
            cand status 'Show where each secret comes from (keyring, env, command) and its age — never its value'
            cand logout 'Remove the secrets of a store, gateway or carrier from the OS keyring'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;auth;help;login'= {
        }
        &'shopdesk;auth;help;status'= {
        }
        &'shopdesk;auth;help;logout'= {
        }
        &'shopdesk;auth;help;help'= {
        }
        &'shopdesk;config'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the config file interactively (or from the commented template off a terminal)'
            cand show 'Print the config file (or the commented default template)'
            cand path 'Print the config file''s path'
            cand set 'Set a value, keeping comments: `config set profiles.default.log_file ~/shopdesk.log`'
            cand edit 'Open the config file in $VISUAL / $EDITOR, then validate it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;config;init'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --force 'Overwrite an existing file'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;config;show'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --default 'Show the built-in template instead'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;config;path'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;config;set'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;config;edit'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;config;help'= {
            cand init 'Create the config file interactively (or from the commented template off a terminal)'
            cand show 'Print the config file (or the commented default template)'
            cand path 'Print the config file''s path'
            cand set 'Set a value, keeping comments: `config set profiles.default.log_file ~/shopdesk.log`'
            cand edit 'Open the config file in $VISUAL / $EDITOR, then validate it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;config;help;init'= {
        }
        &'shopdesk;config;help;show'= {
        }
        &'shopdesk;config;help;path'= {
        }
        &'shopdesk;config;help;set'= {
        }
        &'shopdesk;config;help;edit'= {
        }
        &'shopdesk;config;help;help'= {
        }
        &'shopdesk;api'= {
            cand --input 'Request body from a file (`-` for stdin)'
            cand -f 'Add a string field to a JSON body, or a query parameter for GET (repeatable): -f key=value'
            cand --field 'Add a string field to a JSON body, or a query parameter for GET (repeatable): -f key=value'
            cand -H 'Add a header (repeatable): -H ''Name: value'''
            cand --header 'Add a header (repeatable): -H ''Name: value'''
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand -i 'Print the status line and response headers before the body'
            cand --include 'Print the status line and response headers before the body'
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;sandbox'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Serve every emulated vendor on one loopback port until Ctrl-C'
            cand parcels 'List the tracking numbers the carrier emulators know (tab-separated: number, carrier, store, order, stage), for scripts and CI'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;sandbox;serve'= {
            cand --port 'Port (0 picks a free one)'
            cand --bind 'Address to bind (loopback by default)'
            cand --seed 'Seed for the demo data (same seed, same data)'
            cand --faults 'Inject faults, e.g. 429=5%,503=2%,reset=1%,latency=20ms'
            cand --token-ttl 'Lifetime of tokens from the client-credentials grant, in seconds'
            cand --orders 'Orders in the Shopify demo store, numbered from #1001 (default 260; the other stores always have the default data set)'
            cand --throttle-bucket 'Size of the Shopify GraphQL query-cost bucket, per token (a huge value: effectively no throttling)'
            cand --throttle-restore 'Points the bucket regains per second'
            cand --dhl-daily-quota 'Requests the DHL emulator answers per UTC day before it answers 429 (its quota)'
            cand --dhl-min-interval 'Shortest gap the DHL emulator accepts between two requests (DHL''s free tier: 5s); a faster one gets 429 with Retry-After. The demo profile paces itself to match'
            cand --deliver-after 'A parcel out for delivery is delivered this long after its first lookup, so `track --watch` sees a delivery'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;sandbox;parcels'= {
            cand --carrier 'Only this carrier: ups, fedex, usps, dhl'
            cand --store 'Only parcels of this store''s orders: shopify, woocommerce, magento, bigcommerce'
            cand --stage 'Only parcels at this stage: pre_transit, in_transit, out_for_delivery, delivered, exception'
            cand --seed 'The seed `sandbox serve` uses (`--sandbox` uses 0)'
            cand --orders 'Orders in the Shopify store (as `sandbox serve --orders`)'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;sandbox;help'= {
            cand serve 'Serve every emulated vendor on one loopback port until Ctrl-C'
            cand parcels 'List the tracking numbers the carrier emulators know (tab-separated: number, carrier, store, order, stage), for scripts and CI'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;sandbox;help;serve'= {
        }
        &'shopdesk;sandbox;help;parcels'= {
        }
        &'shopdesk;sandbox;help;help'= {
        }
        &'shopdesk;completions'= {
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;man'= {
            cand --out-dir 'Write shopdesk.1 and one page per command into this directory'
            cand --profile 'Profile from the config file (default: `default_profile`)'
            cand --store 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)'
            cand --format 'Output format (default: table)'
            cand --jq 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku'''
            cand --sandbox 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
            cand --json 'Shorthand for --format json'
            cand -v 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --verbose 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
            cand --no-color 'No colours (also honoured: the NO_COLOR environment variable)'
            cand --no-cache 'Do not read or write the response cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shopdesk;help'= {
            cand order 'Look up and search orders'
            cand fulfillment 'Shipments of an order: carrier, tracking numbers and links'
            cand customer 'Customers: one view across stores, payments, shipments and the CRM; sync to the CRM'
            cand payment 'Payments at a gateway (Stripe, PayPal): look up and refund'
            cand refund 'Refund an order in its store (lines, shipping or an amount), or a CSV batch of them'
            cand track 'Track parcels at their carrier (FedEx, UPS, DHL, USPS): status, delivery date and scan history'
            cand webhook 'Webhooks: register them on stores and gateways, receive and verify them, replay them'
            cand analytics 'Analytics: send support-action events (Mixpanel, GA4), run GA4 reports'
            cand audit 'The audit log of every mutation shopdesk made (refunds)'
            cand test-connection 'Check every configured service: reachable, credentials, scopes, API version, clock, latency'
            cand auth 'Store, inspect and remove credentials (OS keyring)'
            cand config 'Create, inspect and edit the config file'
            cand api 'Make a raw API call with the stored credentials (like `gh api`)'
            cand sandbox 'Run the built-in vendor emulators'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page, or write all man pages into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shopdesk;help;order'= {
            cand get 'Show one order: status, customer, totals, items, address, shipments, refunds'
            cand track 'Track every parcel of an order: the tracking numbers on its shipments, at their carriers'
            cand notes 'Show an order''s notes (comments)'
            cand note 'Add a note to an order'
            cand search 'Search orders, newest first'
        }
        &'shopdesk;help;order;get'= {
        }
        &'shopdesk;help;order;track'= {
        }
        &'shopdesk;help;order;notes'= {
        }
        &'shopdesk;help;order;note'= {
            cand add 'Add a note (comment) to an order'
        }
        &'shopdesk;help;order;note;add'= {
        }
        &'shopdesk;help;order;search'= {
        }
        &'shopdesk;help;fulfillment'= {
            cand list 'List an order''s shipments with carrier, tracking numbers and links, status and items'
            cand create 'Record a shipment with tracking for the order''s unfulfilled items'
        }
        &'shopdesk;help;fulfillment;list'= {
        }
        &'shopdesk;help;fulfillment;create'= {
        }
        &'shopdesk;help;customer'= {
            cand get 'Show a customer by email or id (every matching store customer with --store all)'
            cand sync 'Create or update the customer''s CRM contact from what the stores know'
        }
        &'shopdesk;help;customer;get'= {
        }
        &'shopdesk;help;customer;sync'= {
        }
        &'shopdesk;help;payment'= {
            cand get 'Show a payment: amount, refunded, refundable, status, order'
            cand refunds 'List a payment''s refunds'
            cand refund 'Refund a payment (all that is left, or --amount), after a quote and a confirmation'
        }
        &'shopdesk;help;payment;get'= {
        }
        &'shopdesk;help;payment;refunds'= {
        }
        &'shopdesk;help;payment;refund'= {
        }
        &'shopdesk;help;refund'= {
        }
        &'shopdesk;help;track'= {
        }
        &'shopdesk;help;webhook'= {
            cand register 'Subscribe a URL to a topic on a store (Shopify, WooCommerce, BigCommerce) or a gateway (Stripe, PayPal)'
            cand list 'The webhook subscriptions of a store or gateway'
            cand delete 'Remove a webhook subscription (asks first; off a terminal it needs --yes)'
            cand sync 'Make the registered subscriptions match a TOML file (adds what is missing; --prune also removes what the file does not list)'
            cand listen 'Receive webhooks: verify, store durably, then forward / run a command / publish'
            cand log 'Received deliveries, newest first'
            cand replay 'Deliver stored events again (to --forward-to / --exec targets or a URL)'
            cand trigger 'Ask the sandbox to send a signed event for a topic to the registered URLs'
            cand verify 'Verify a captured delivery offline: body on stdin, headers as flags'
        }
        &'shopdesk;help;webhook;register'= {
        }
        &'shopdesk;help;webhook;list'= {
        }
        &'shopdesk;help;webhook;delete'= {
        }
        &'shopdesk;help;webhook;sync'= {
        }
        &'shopdesk;help;webhook;listen'= {
        }
        &'shopdesk;help;webhook;log'= {
        }
        &'shopdesk;help;webhook;replay'= {
        }
        &'shopdesk;help;webhook;trigger'= {
        }
        &'shopdesk;help;webhook;verify'= {
        }
        &'shopdesk;help;analytics'= {
            cand flush 'Send the queued support-action events now (normally sent in the background)'
            cand send 'Send one event (a check that a service is wired up), or validate it with --validate'
            cand report 'Run a GA4 report: metrics by dimensions over a date range'
            cand status 'Show the local event queue: how many events wait, the oldest, the last flush'
        }
        &'shopdesk;help;analytics;flush'= {
        }
        &'shopdesk;help;analytics;send'= {
        }
        &'shopdesk;help;analytics;report'= {
        }
        &'shopdesk;help;analytics;status'= {
        }
        &'shopdesk;help;audit'= {
            cand list 'Show the newest audit records: who, when, profile, service, action, amount, key, result'
            cand export 'Export audit records (all, or a time range) as CSV (default), JSON or NDJSON'
        }
        &'shopdesk;help;audit;list'= {
        }
        &'shopdesk;help;audit;export'= {
        }
        &'shopdesk;help;test-connection'= {
        }
        &'shopdesk;help;auth'= {
            cand login 'Store the secrets of a store, payment gateway or carrier in the OS keyring (prompts on a terminal; reads stdin otherwise)'
            cand status 'Show where each secret comes from (keyring, env, command) and its age — never its value'
            cand logout 'Remove the secrets of a store, gateway or carrier from the OS keyring'
        }
        &'shopdesk;help;auth;login'= {
        }
        &'shopdesk;help;auth;status'= {
        }
        &'shopdesk;help;auth;logout'= {
        }
        &'shopdesk;help;config'= {
            cand init 'Create the config file interactively (or from the commented template off a terminal)'
            cand show 'Print the config file (or the commented default template)'
            cand path 'Print the config file''s path'
            cand set 'Set a value, keeping comments: `config set profiles.default.log_file ~/shopdesk.log`'
            cand edit 'Open the config file in $VISUAL / $EDITOR, then validate it'
        }
        &'shopdesk;help;config;init'= {
        }
        &'shopdesk;help;config;show'= {
        }
        &'shopdesk;help;config;path'= {
        }
        &'shopdesk;help;config;set'= {
        }
        &'shopdesk;help;config;edit'= {
        }
        &'shopdesk;help;api'= {
        }
        &'shopdesk;help;sandbox'= {
            cand serve 'Serve every emulated vendor on one loopback port until Ctrl-C'
            cand parcels 'List the tracking numbers the carrier emulators know (tab-separated: number, carrier, store, order, stage), for scripts and CI'
        }
        &'shopdesk;help;sandbox;serve'= {
        }
        &'shopdesk;help;sandbox;parcels'= {
        }
        &'shopdesk;help;completions'= {
        }
        &'shopdesk;help;man'= {
        }
        &'shopdesk;help;help'= {
        }
    ]
    $completions[$command]
}
