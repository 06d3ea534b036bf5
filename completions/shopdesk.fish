# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_shopdesk_global_optspecs
    string join \n profile= store= sandbox format= json jq= v/verbose no-color no-cache h/help V/version
end

function __fish_shopdesk_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_shopdesk_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_shopdesk_using_subcommand
    set -l cmd (__fish_shopdesk_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c shopdesk -n "__fish_shopdesk_needs_command" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_needs_command" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_needs_command" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_needs_command" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_needs_command" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -f -a "order" -d 'Look up and search orders'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -f -a "fulfillment" -d 'Shipments of an order: carrier, tracking numbers and links'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -f -a "customer" -d 'Customers: one view across stores, payments, shipments and the CRM; sync to the CRM'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -f -a "payment" -d 'Payments at a gateway (Stripe, PayPal): look up and refund'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -f -a "refund" -d 'Refund an order in its store (lines, shipping or an amount), or a CSV batch of them'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -f -a "track" -d 'Track parcels at their carrier (FedEx, UPS, DHL, USPS): status, delivery date and scan history'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -f -a "webhook" -d 'Webhooks: register them on stores and gateways, receive and verify them, replay them'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -f -a "analytics" -d 'Analytics: send support-action events (Mixpanel, GA4), run GA4 reports'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -f -a "audit" -d 'The audit log of every mutation shopdesk made (refunds)'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -f -a "test-connection" -d 'Check every configured service: reachable, credentials, scopes, API version, clock, latency'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -f -a "auth" -d 'Store, inspect and remove credentials (OS keyring)'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -f -a "config" -d 'Create, inspect and edit the config file'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -f -a "api" -d 'Make a raw API call with the stored credentials (like `gh api`)'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -f -a "sandbox" -d 'Run the built-in vendor emulators'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -f -a "man" -d 'Print the man page, or write all man pages into a directory'
complete -c shopdesk -n "__fish_shopdesk_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and not __fish_seen_subcommand_from get track notes note search help" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and not __fish_seen_subcommand_from get track notes note search help" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and not __fish_seen_subcommand_from get track notes note search help" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and not __fish_seen_subcommand_from get track notes note search help" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and not __fish_seen_subcommand_from get track notes note search help" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and not __fish_seen_subcommand_from get track notes note search help" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and not __fish_seen_subcommand_from get track notes note search help" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and not __fish_seen_subcommand_from get track notes note search help" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and not __fish_seen_subcommand_from get track notes note search help" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and not __fish_seen_subcommand_from get track notes note search help" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and not __fish_seen_subcommand_from get track notes note search help" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and not __fish_seen_subcommand_from get track notes note search help" -f -a "get" -d 'Show one order: status, customer, totals, items, address, shipments, refunds'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and not __fish_seen_subcommand_from get track notes note search help" -f -a "track" -d 'Track every parcel of an order: the tracking numbers on its shipments, at their carriers'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and not __fish_seen_subcommand_from get track notes note search help" -f -a "notes" -d 'Show an order\'s notes (comments)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and not __fish_seen_subcommand_from get track notes note search help" -f -a "note" -d 'Add a note to an order'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and not __fish_seen_subcommand_from get track notes note search help" -f -a "search" -d 'Search orders, newest first'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and not __fish_seen_subcommand_from get track notes note search help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from get" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from get" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from get" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from get" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from get" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from get" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from get" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from get" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from track" -l interval -d 'Time between checks with --watch: 5m, 30s, 1h' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from track" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from track" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from track" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from track" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from track" -l watch -d 'Keep checking until every parcel is delivered (exit 0) or one hits an exception or is returned (exit 9)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from track" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from track" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from track" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from track" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from track" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from track" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from track" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from notes" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from notes" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from notes" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from notes" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from notes" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from notes" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from notes" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from notes" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from notes" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from notes" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from notes" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from note" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from note" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from note" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from note" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from note" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from note" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from note" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from note" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from note" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from note" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from note" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from note" -f -a "add" -d 'Add a note (comment) to an order'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from note" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -l email -d 'Customer email' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -l status -d 'Order status' -r -f -a "open\t''
closed\t''
cancelled\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -l financial-status -d 'Payment status' -r -f -a "pending\t''
authorized\t''
partially-paid\t''
paid\t''
partially-refunded\t''
refunded\t''
voided\t''
expired\t''
unknown\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -l fulfillment-status -d 'Shipping status' -r -f -a "unfulfilled\t''
partial\t''
fulfilled\t''
restocked\t''
on-hold\t''
not-required\t''
unknown\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -l since -d 'Created at or after: YYYY-MM-DD, an RFC 3339 time, or an age like 7d / 12h' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -l until -d 'Created at or before: YYYY-MM-DD, an RFC 3339 time, or an age like 7d / 12h' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -l limit -d 'At most this many orders (per store with --store all)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -l all -d 'Every matching order (paged; streamed with --format ndjson or csv)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from search" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show one order: status, customer, totals, items, address, shipments, refunds'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "track" -d 'Track every parcel of an order: the tracking numbers on its shipments, at their carriers'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "notes" -d 'Show an order\'s notes (comments)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "note" -d 'Add a note to an order'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "search" -d 'Search orders, newest first'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and not __fish_seen_subcommand_from list create help" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and not __fish_seen_subcommand_from list create help" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and not __fish_seen_subcommand_from list create help" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and not __fish_seen_subcommand_from list create help" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and not __fish_seen_subcommand_from list create help" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and not __fish_seen_subcommand_from list create help" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and not __fish_seen_subcommand_from list create help" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and not __fish_seen_subcommand_from list create help" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and not __fish_seen_subcommand_from list create help" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and not __fish_seen_subcommand_from list create help" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and not __fish_seen_subcommand_from list create help" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and not __fish_seen_subcommand_from list create help" -f -a "list" -d 'List an order\'s shipments with carrier, tracking numbers and links, status and items'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and not __fish_seen_subcommand_from list create help" -f -a "create" -d 'Record a shipment with tracking for the order\'s unfulfilled items'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and not __fish_seen_subcommand_from list create help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from list" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from list" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from list" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from list" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from list" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from list" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from list" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from list" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from create" -l tracking -d 'Tracking number' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from create" -l carrier -d 'Carrier name (e.g. UPS, FedEx, DHL, USPS)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from create" -l url -d 'Tracking page URL' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from create" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from create" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from create" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from create" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from create" -l notify -d 'Email the customer about the shipment'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from create" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from create" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from create" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from create" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from help" -f -a "list" -d 'List an order\'s shipments with carrier, tracking numbers and links, status and items'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from help" -f -a "create" -d 'Record a shipment with tracking for the order\'s unfulfilled items'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand fulfillment; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and not __fish_seen_subcommand_from get sync help" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and not __fish_seen_subcommand_from get sync help" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and not __fish_seen_subcommand_from get sync help" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and not __fish_seen_subcommand_from get sync help" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and not __fish_seen_subcommand_from get sync help" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and not __fish_seen_subcommand_from get sync help" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and not __fish_seen_subcommand_from get sync help" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and not __fish_seen_subcommand_from get sync help" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and not __fish_seen_subcommand_from get sync help" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and not __fish_seen_subcommand_from get sync help" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and not __fish_seen_subcommand_from get sync help" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and not __fish_seen_subcommand_from get sync help" -f -a "get" -d 'Show a customer by email or id (every matching store customer with --store all)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and not __fish_seen_subcommand_from get sync help" -f -a "sync" -d 'Create or update the customer\'s CRM contact from what the stores know'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and not __fish_seen_subcommand_from get sync help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from get" -l orders -d 'How many recent orders to show (newest first, across stores)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from get" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from get" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from get" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from get" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from get" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from get" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from get" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from get" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from sync" -l to -d 'The CRM: its name in the profile, or its kind (hubspot, salesforce)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from sync" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from sync" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from sync" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from sync" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from sync" -l dry-run -d 'Show the plan; send nothing'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from sync" -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from sync" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from sync" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from sync" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from sync" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from sync" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from sync" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from sync" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show a customer by email or id (every matching store customer with --store all)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "sync" -d 'Create or update the customer\'s CRM contact from what the stores know'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and not __fish_seen_subcommand_from get refunds refund help" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and not __fish_seen_subcommand_from get refunds refund help" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and not __fish_seen_subcommand_from get refunds refund help" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and not __fish_seen_subcommand_from get refunds refund help" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and not __fish_seen_subcommand_from get refunds refund help" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and not __fish_seen_subcommand_from get refunds refund help" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and not __fish_seen_subcommand_from get refunds refund help" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and not __fish_seen_subcommand_from get refunds refund help" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and not __fish_seen_subcommand_from get refunds refund help" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and not __fish_seen_subcommand_from get refunds refund help" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and not __fish_seen_subcommand_from get refunds refund help" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and not __fish_seen_subcommand_from get refunds refund help" -f -a "get" -d 'Show a payment: amount, refunded, refundable, status, order'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and not __fish_seen_subcommand_from get refunds refund help" -f -a "refunds" -d 'List a payment\'s refunds'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and not __fish_seen_subcommand_from get refunds refund help" -f -a "refund" -d 'Refund a payment (all that is left, or --amount), after a quote and a confirmation'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and not __fish_seen_subcommand_from get refunds refund help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from get" -l gateway -d 'The gateway: a name under [payments] in the profile, or stripe|paypal' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from get" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from get" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from get" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from get" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from get" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from get" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from get" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from get" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refunds" -l gateway -d 'The gateway: a name under [payments] in the profile, or stripe|paypal' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refunds" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refunds" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refunds" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refunds" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refunds" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refunds" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refunds" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refunds" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refunds" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refunds" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refunds" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -l gateway -d 'The gateway: a name under [payments] in the profile, or stripe|paypal' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -l amount -d 'Amount in the payment\'s currency (e.g. 5.00; 1200 for JPY); default: all that is left' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -l reason -d 'Why (Stripe\'s reasons; PayPal gets it as the note to the payer)' -r -f -a "duplicate\t''
fraudulent\t''
requested_by_customer\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -l idempotency-key -d 'Idempotency key sent to the gateway (default: derived from the inputs)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -l dry-run -d 'Show the quote and stop: nothing is refunded'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -s y -l yes -d 'Do not ask for confirmation (required when not on a terminal)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -l live -d 'Allow refunding live money'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from refund" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show a payment: amount, refunded, refundable, status, order'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from help" -f -a "refunds" -d 'List a payment\'s refunds'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from help" -f -a "refund" -d 'Refund a payment (all that is left, or --amount), after a quote and a confirmation'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand payment; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l amount -d 'Refund this amount, not tied to lines (an order-level refund)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l item -d 'Refund a line by SKU (or line item id), all of it or QTY units; repeatable' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l shipping -d 'Refund shipping too: all that is left, or AMOUNT' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l reason -d 'Why (stored with the refund; required when the profile sets require_reason)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l idempotency-key -d 'Idempotency key (default: derived from profile, store, order and the refund\'s content)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l from-csv -d 'Refund every row of a CSV file (see below for the columns)' -r -F
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l concurrency -d 'How many orders of a batch are refunded at once (rows of one order always run in turn)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l restock -d 'Put the refunded items back in stock'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l notify -d 'Email the customer about the refund (where the store does)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l record-only -d 'Record the refund on the order without moving money through the payment gateway'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l dry-run -d 'Show the quote and stop: nothing is refunded'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -s y -l yes -d 'Do not ask for confirmation (required when not on a terminal)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l live -d 'Allow refunding in a profile with environment = "production"'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand refund" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand track" -l from-file -d 'Also read numbers from a file, one per line (`-`: stdin)' -r -F
complete -c shopdesk -n "__fish_shopdesk_using_subcommand track" -l carrier -d 'The carrier: a name under [carriers] in the profile, or a carrier kind such as ups (default: detected from the number\'s format and check digit)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand track" -l interval -d 'Time between checks with --watch: 5m, 30s, 1h' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand track" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand track" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand track" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand track" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand track" -l detect -d 'Show which carriers each number can belong to, ranked, and why; send nothing'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand track" -l watch -d 'Keep checking until every parcel is delivered (exit 0) or one hits an exception or is returned (exit 9)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand track" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand track" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand track" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand track" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand track" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand track" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand track" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -f -a "register" -d 'Subscribe a URL to a topic on a store (Shopify, WooCommerce, BigCommerce) or a gateway (Stripe, PayPal)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -f -a "list" -d 'The webhook subscriptions of a store or gateway'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -f -a "delete" -d 'Remove a webhook subscription (asks first; off a terminal it needs --yes)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -f -a "sync" -d 'Make the registered subscriptions match a TOML file (adds what is missing; --prune also removes what the file does not list)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -f -a "listen" -d 'Receive webhooks: verify, store durably, then forward / run a command / publish'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -f -a "log" -d 'Received deliveries, newest first'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -f -a "replay" -d 'Deliver stored events again (to --forward-to / --exec targets or a URL)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -f -a "trigger" -d 'Ask the sandbox to send a signed event for a topic to the registered URLs'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -f -a "verify" -d 'Verify a captured delivery offline: body on stdin, headers as flags'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and not __fish_seen_subcommand_from register list delete sync listen log replay trigger verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from register" -l gateway -d 'A payment gateway in the profile (stripe, paypal) instead of the store (the global --store, default the profile\'s default store)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from register" -l topic -d 'A portable topic (order.created, order.updated, fulfillment.created, refund.created, customer.created) or the vendor\'s own topic verbatim' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from register" -l url -d 'Where the vendor delivers (https://…; http://127.0.0.1 for the sandbox)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from register" -l secret-from -d 'Where the signing secret comes from when the vendor does not issue one: `env:VAR`, `generate` (WooCommerce default), or `keyring` (already stored)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from register" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from register" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from register" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from register" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from register" -l dry-run -d 'Print what would be sent and send nothing that changes the vendor'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from register" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from register" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from register" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from register" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from register" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from register" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from register" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from list" -l gateway -d 'A payment gateway in the profile (stripe, paypal) instead of the store (the global --store, default the profile\'s default store)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from list" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from list" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from list" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from list" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from list" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from list" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from list" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from list" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from delete" -l gateway -d 'A payment gateway in the profile (stripe, paypal) instead of the store (the global --store, default the profile\'s default store)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from delete" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from delete" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from delete" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from delete" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from delete" -l yes -d 'Do not ask for confirmation'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from delete" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from delete" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from delete" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from delete" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from sync" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from sync" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from sync" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from sync" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from sync" -l prune -d 'Also delete subscriptions the file does not list'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from sync" -l dry-run -d 'Print the plan and send nothing that changes the vendor'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from sync" -l yes -d 'Do not ask before deleting (--prune)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from sync" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from sync" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from sync" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from sync" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from sync" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from sync" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from sync" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l port -d 'Port to listen on (0: a free one, printed on the first line)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l bind -d 'Address to listen on (0.0.0.0 for every interface)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l forward-to -d 'Forward each verified event to this URL (at-least-once, in order per source)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l exec -d 'Run this command for each verified event, with the event on stdin' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l sink -d 'Publish each verified event to a Redis Stream: redis://[:PASSWORD@]host[:port][/db][#stream] (default stream shopdesk:webhooks; better the password in $SHOPDESK_SINK_PASSWORD)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l max-attempts -d 'Tries before a forward goes to the dead-letter list' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l max-body -d 'Largest body accepted (bytes; larger is 413 and counted)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l rate-limit -d 'Deliveries per second accepted from each source, also the burst (more: 429); 0: no limit' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l backoff -d 'Wait before the first retry of a failed delivery; doubles each try (with jitter), at most 5m' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from listen" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from log" -l source -d 'Only this source (store or gateway name)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from log" -l since -d 'Since a date or age (2026-11-01, 7d)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from log" -l limit -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from log" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from log" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from log" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from log" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from log" -l failed -d 'Only deliveries whose forwarding failed (dead-lettered or still retrying) and rejections'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from log" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from log" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from log" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from log" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from log" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from log" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from log" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from replay" -l since -d 'Every event received since a date or age' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from replay" -l to -d 'Deliver to this URL instead of the configured forward target' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from replay" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from replay" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from replay" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from replay" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from replay" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from replay" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from replay" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from replay" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from replay" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from replay" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from replay" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from trigger" -l gateway -d 'A payment gateway in the profile (stripe, paypal) instead of the store (the global --store, default the profile\'s default store)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from trigger" -l topic -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from trigger" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from trigger" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from trigger" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from trigger" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from trigger" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from trigger" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from trigger" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from trigger" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from trigger" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from trigger" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from trigger" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l source -r -f -a "shopify\t''
woocommerce\t''
bigcommerce\t''
stripe\t''
standard\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l secret-env -d 'Environment variable holding the secret (never the secret itself on the command line)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from verify" -s H -l header -d 'A received header, `Name: value` (repeatable)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l tolerance -d 'Accepted clock difference for timestamped schemes (Stripe, Standard Webhooks)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "register" -d 'Subscribe a URL to a topic on a store (Shopify, WooCommerce, BigCommerce) or a gateway (Stripe, PayPal)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "list" -d 'The webhook subscriptions of a store or gateway'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Remove a webhook subscription (asks first; off a terminal it needs --yes)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "sync" -d 'Make the registered subscriptions match a TOML file (adds what is missing; --prune also removes what the file does not list)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "listen" -d 'Receive webhooks: verify, store durably, then forward / run a command / publish'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "log" -d 'Received deliveries, newest first'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "replay" -d 'Deliver stored events again (to --forward-to / --exec targets or a URL)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "trigger" -d 'Ask the sandbox to send a signed event for a topic to the registered URLs'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Verify a captured delivery offline: body on stdin, headers as flags'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and not __fish_seen_subcommand_from flush send report status help" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and not __fish_seen_subcommand_from flush send report status help" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and not __fish_seen_subcommand_from flush send report status help" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and not __fish_seen_subcommand_from flush send report status help" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and not __fish_seen_subcommand_from flush send report status help" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and not __fish_seen_subcommand_from flush send report status help" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and not __fish_seen_subcommand_from flush send report status help" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and not __fish_seen_subcommand_from flush send report status help" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and not __fish_seen_subcommand_from flush send report status help" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and not __fish_seen_subcommand_from flush send report status help" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and not __fish_seen_subcommand_from flush send report status help" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and not __fish_seen_subcommand_from flush send report status help" -f -a "flush" -d 'Send the queued support-action events now (normally sent in the background)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and not __fish_seen_subcommand_from flush send report status help" -f -a "send" -d 'Send one event (a check that a service is wired up), or validate it with --validate'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and not __fish_seen_subcommand_from flush send report status help" -f -a "report" -d 'Run a GA4 report: metrics by dimensions over a date range'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and not __fish_seen_subcommand_from flush send report status help" -f -a "status" -d 'Show the local event queue: how many events wait, the oldest, the last flush'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and not __fish_seen_subcommand_from flush send report status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from flush" -l to -d 'Only this service (its name in the profile)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from flush" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from flush" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from flush" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from flush" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from flush" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from flush" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from flush" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from flush" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from flush" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from flush" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from flush" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from send" -l prop -d 'A property, KEY=VALUE (repeatable)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from send" -l to -d 'The service (its name in the profile); default: every service' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from send" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from send" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from send" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from send" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from send" -l validate -d 'Only validate (GA4\'s /debug/mp/collect) and print the validation messages'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from send" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from send" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from send" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from send" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from send" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from send" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from report" -l metric -d 'A metric (repeatable), e.g. activeUsers, transactions, purchaseRevenue' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from report" -l dimension -d 'A dimension (repeatable), e.g. date, country, eventName' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from report" -l since -d 'Start date' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from report" -l until -d 'End date' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from report" -l limit -d 'Most rows' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from report" -l to -d 'The GA4 service (its name in the profile) when there are several' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from report" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from report" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from report" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from report" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from report" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from report" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from report" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from report" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from report" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from report" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from report" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from status" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from status" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from status" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from status" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from status" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from status" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from status" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from status" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from help" -f -a "flush" -d 'Send the queued support-action events now (normally sent in the background)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from help" -f -a "send" -d 'Send one event (a check that a service is wired up), or validate it with --validate'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from help" -f -a "report" -d 'Run a GA4 report: metrics by dimensions over a date range'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the local event queue: how many events wait, the oldest, the last flush'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand analytics; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and not __fish_seen_subcommand_from list export help" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and not __fish_seen_subcommand_from list export help" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and not __fish_seen_subcommand_from list export help" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and not __fish_seen_subcommand_from list export help" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and not __fish_seen_subcommand_from list export help" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and not __fish_seen_subcommand_from list export help" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and not __fish_seen_subcommand_from list export help" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and not __fish_seen_subcommand_from list export help" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and not __fish_seen_subcommand_from list export help" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and not __fish_seen_subcommand_from list export help" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and not __fish_seen_subcommand_from list export help" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and not __fish_seen_subcommand_from list export help" -f -a "list" -d 'Show the newest audit records: who, when, profile, service, action, amount, key, result'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and not __fish_seen_subcommand_from list export help" -f -a "export" -d 'Export audit records (all, or a time range) as CSV (default), JSON or NDJSON'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and not __fish_seen_subcommand_from list export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from list" -l limit -d 'How many of the newest records' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from list" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from list" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from list" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from list" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from list" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from list" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from list" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from list" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from export" -l since -d 'Records at or after this time' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from export" -l until -d 'Records before this time (a date means the end of that day)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to this file (mode 0600) instead of stdout' -r -F
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from export" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from export" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from export" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from export" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from export" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from export" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from export" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from export" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "list" -d 'Show the newest audit records: who, when, profile, service, action, amount, key, result'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export audit records (all, or a time range) as CSV (default), JSON or NDJSON'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand test-connection" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand test-connection" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand test-connection" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand test-connection" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand test-connection" -l all -d 'Check every store in the profile (default: the selected store)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand test-connection" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand test-connection" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand test-connection" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand test-connection" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand test-connection" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand test-connection" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand test-connection" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "login" -d 'Store the secrets of a store, payment gateway or carrier in the OS keyring (prompts on a terminal; reads stdin otherwise)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "status" -d 'Show where each secret comes from (keyring, env, command) and its age — never its value'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "logout" -d 'Remove the secrets of a store, gateway or carrier from the OS keyring'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from login" -l field -d 'Store only this secret (e.g. consumer_secret)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from login" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from login" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from login" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from login" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from login" -l with-token -d 'Read the secret from standard input instead of prompting (one line per secret when the store needs several, e.g. WooCommerce\'s consumer key and secret)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from login" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from login" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from login" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from login" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from status" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from status" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from status" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from status" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from status" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from logout" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from logout" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from logout" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from logout" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from logout" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from logout" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from logout" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "login" -d 'Store the secrets of a store, payment gateway or carrier in the OS keyring (prompts on a terminal; reads stdin otherwise)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show where each secret comes from (keyring, env, command) and its age — never its value'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "logout" -d 'Remove the secrets of a store, gateway or carrier from the OS keyring'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and not __fish_seen_subcommand_from init show path set edit help" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and not __fish_seen_subcommand_from init show path set edit help" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and not __fish_seen_subcommand_from init show path set edit help" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and not __fish_seen_subcommand_from init show path set edit help" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and not __fish_seen_subcommand_from init show path set edit help" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and not __fish_seen_subcommand_from init show path set edit help" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and not __fish_seen_subcommand_from init show path set edit help" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and not __fish_seen_subcommand_from init show path set edit help" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and not __fish_seen_subcommand_from init show path set edit help" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and not __fish_seen_subcommand_from init show path set edit help" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and not __fish_seen_subcommand_from init show path set edit help" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and not __fish_seen_subcommand_from init show path set edit help" -f -a "init" -d 'Create the config file interactively (or from the commented template off a terminal)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and not __fish_seen_subcommand_from init show path set edit help" -f -a "show" -d 'Print the config file (or the commented default template)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and not __fish_seen_subcommand_from init show path set edit help" -f -a "path" -d 'Print the config file\'s path'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and not __fish_seen_subcommand_from init show path set edit help" -f -a "set" -d 'Set a value, keeping comments: `config set profiles.default.log_file ~/shopdesk.log`'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and not __fish_seen_subcommand_from init show path set edit help" -f -a "edit" -d 'Open the config file in $VISUAL / $EDITOR, then validate it'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and not __fish_seen_subcommand_from init show path set edit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from init" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from init" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from init" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from init" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from init" -l force -d 'Overwrite an existing file'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from init" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from init" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from init" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from init" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from show" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from show" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from show" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from show" -l default -d 'Show the built-in template instead'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from show" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from show" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from show" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from path" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from path" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from path" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from path" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from path" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from path" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from path" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from set" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from set" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from set" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from set" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from set" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from set" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from set" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from set" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from edit" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from edit" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from edit" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from edit" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from edit" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from edit" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from edit" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from edit" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from edit" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Create the config file interactively (or from the commented template off a terminal)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the config file (or the commented default template)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the config file\'s path'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set a value, keeping comments: `config set profiles.default.log_file ~/shopdesk.log`'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Open the config file in $VISUAL / $EDITOR, then validate it'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand api" -l input -d 'Request body from a file (`-` for stdin)' -r -F
complete -c shopdesk -n "__fish_shopdesk_using_subcommand api" -s f -l field -d 'Add a string field to a JSON body, or a query parameter for GET (repeatable): -f key=value' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand api" -s H -l header -d 'Add a header (repeatable): -H \'Name: value\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand api" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand api" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand api" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand api" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand api" -s i -l include -d 'Print the status line and response headers before the body'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand api" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand api" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand api" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand api" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand api" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand api" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand api" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and not __fish_seen_subcommand_from serve parcels help" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and not __fish_seen_subcommand_from serve parcels help" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and not __fish_seen_subcommand_from serve parcels help" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and not __fish_seen_subcommand_from serve parcels help" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and not __fish_seen_subcommand_from serve parcels help" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and not __fish_seen_subcommand_from serve parcels help" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and not __fish_seen_subcommand_from serve parcels help" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and not __fish_seen_subcommand_from serve parcels help" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and not __fish_seen_subcommand_from serve parcels help" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and not __fish_seen_subcommand_from serve parcels help" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and not __fish_seen_subcommand_from serve parcels help" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and not __fish_seen_subcommand_from serve parcels help" -f -a "serve" -d 'Serve every emulated vendor on one loopback port until Ctrl-C'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and not __fish_seen_subcommand_from serve parcels help" -f -a "parcels" -d 'List the tracking numbers the carrier emulators know (tab-separated: number, carrier, store, order, stage), for scripts and CI'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and not __fish_seen_subcommand_from serve parcels help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l port -d 'Port (0 picks a free one)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l bind -d 'Address to bind (loopback by default)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l seed -d 'Seed for the demo data (same seed, same data)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l faults -d 'Inject faults, e.g. 429=5%,503=2%,reset=1%,latency=20ms' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l token-ttl -d 'Lifetime of tokens from the client-credentials grant, in seconds' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l orders -d 'Orders in the Shopify demo store, numbered from #1001 (default 260; the other stores always have the default data set)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l throttle-bucket -d 'Size of the Shopify GraphQL query-cost bucket, per token (a huge value: effectively no throttling)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l throttle-restore -d 'Points the bucket regains per second' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l dhl-daily-quota -d 'Requests the DHL emulator answers per UTC day before it answers 429 (its quota)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l dhl-min-interval -d 'Shortest gap the DHL emulator accepts between two requests (DHL\'s free tier: 5s); a faster one gets 429 with Retry-After. The demo profile paces itself to match' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l deliver-after -d 'A parcel out for delivery is delivered this long after its first lookup, so `track --watch` sees a delivery' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from parcels" -l carrier -d 'Only this carrier: ups, fedex, usps, dhl' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from parcels" -l store -d 'Only parcels of this store\'s orders: shopify, woocommerce, magento, bigcommerce' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from parcels" -l stage -d 'Only parcels at this stage: pre_transit, in_transit, out_for_delivery, delivered, exception' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from parcels" -l seed -d 'The seed `sandbox serve` uses (`--sandbox` uses 0)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from parcels" -l orders -d 'Orders in the Shopify store (as `sandbox serve --orders`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from parcels" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from parcels" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from parcels" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from parcels" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from parcels" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from parcels" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from parcels" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from parcels" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from parcels" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from parcels" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Serve every emulated vendor on one loopback port until Ctrl-C'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "parcels" -d 'List the tracking numbers the carrier emulators know (tab-separated: number, carrier, store, order, stage), for scripts and CI'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand completions" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand completions" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand completions" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand completions" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand completions" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand completions" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand completions" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand completions" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand completions" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand completions" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand completions" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand man" -l out-dir -d 'Write shopdesk.1 and one page per command into this directory' -r -F
complete -c shopdesk -n "__fish_shopdesk_using_subcommand man" -l profile -d 'Profile from the config file (default: `default_profile`)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand man" -l store -d 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand man" -l format -d 'Output format (default: table)' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''
junit\t''"
complete -c shopdesk -n "__fish_shopdesk_using_subcommand man" -l jq -d 'Filter JSON output with a jq expression (built in; no jq needed), e.g. \'.line_items[].sku\'' -r
complete -c shopdesk -n "__fish_shopdesk_using_subcommand man" -l sandbox -d 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand man" -l json -d 'Shorthand for --format json'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand man" -s v -l verbose -d 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand man" -l no-color -d 'No colours (also honoured: the NO_COLOR environment variable)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand man" -l no-cache -d 'Do not read or write the response cache'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand man" -s h -l help -d 'Print help'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand man" -s V -l version -d 'Print version'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and not __fish_seen_subcommand_from order fulfillment customer payment refund track webhook analytics audit test-connection auth config api sandbox completions man help" -f -a "order" -d 'Look up and search orders'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and not __fish_seen_subcommand_from order fulfillment customer payment refund track webhook analytics audit test-connection auth config api sandbox completions man help" -f -a "fulfillment" -d 'Shipments of an order: carrier, tracking numbers and links'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and not __fish_seen_subcommand_from order fulfillment customer payment refund track webhook analytics audit test-connection auth config api sandbox completions man help" -f -a "customer" -d 'Customers: one view across stores, payments, shipments and the CRM; sync to the CRM'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and not __fish_seen_subcommand_from order fulfillment customer payment refund track webhook analytics audit test-connection auth config api sandbox completions man help" -f -a "payment" -d 'Payments at a gateway (Stripe, PayPal): look up and refund'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and not __fish_seen_subcommand_from order fulfillment customer payment refund track webhook analytics audit test-connection auth config api sandbox completions man help" -f -a "refund" -d 'Refund an order in its store (lines, shipping or an amount), or a CSV batch of them'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and not __fish_seen_subcommand_from order fulfillment customer payment refund track webhook analytics audit test-connection auth config api sandbox completions man help" -f -a "track" -d 'Track parcels at their carrier (FedEx, UPS, DHL, USPS): status, delivery date and scan history'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and not __fish_seen_subcommand_from order fulfillment customer payment refund track webhook analytics audit test-connection auth config api sandbox completions man help" -f -a "webhook" -d 'Webhooks: register them on stores and gateways, receive and verify them, replay them'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and not __fish_seen_subcommand_from order fulfillment customer payment refund track webhook analytics audit test-connection auth config api sandbox completions man help" -f -a "analytics" -d 'Analytics: send support-action events (Mixpanel, GA4), run GA4 reports'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and not __fish_seen_subcommand_from order fulfillment customer payment refund track webhook analytics audit test-connection auth config api sandbox completions man help" -f -a "audit" -d 'The audit log of every mutation shopdesk made (refunds)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and not __fish_seen_subcommand_from order fulfillment customer payment refund track webhook analytics audit test-connection auth config api sandbox completions man help" -f -a "test-connection" -d 'Check every configured service: reachable, credentials, scopes, API version, clock, latency'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and not __fish_seen_subcommand_from order fulfillment customer payment refund track webhook analytics audit test-connection auth config api sandbox completions man help" -f -a "auth" -d 'Store, inspect and remove credentials (OS keyring)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and not __fish_seen_subcommand_from order fulfillment customer payment refund track webhook analytics audit test-connection auth config api sandbox completions man help" -f -a "config" -d 'Create, inspect and edit the config file'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and not __fish_seen_subcommand_from order fulfillment customer payment refund track webhook analytics audit test-connection auth config api sandbox completions man help" -f -a "api" -d 'Make a raw API call with the stored credentials (like `gh api`)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and not __fish_seen_subcommand_from order fulfillment customer payment refund track webhook analytics audit test-connection auth config api sandbox completions man help" -f -a "sandbox" -d 'Run the built-in vendor emulators'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and not __fish_seen_subcommand_from order fulfillment customer payment refund track webhook analytics audit test-connection auth config api sandbox completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and not __fish_seen_subcommand_from order fulfillment customer payment refund track webhook analytics audit test-connection auth config api sandbox completions man help" -f -a "man" -d 'Print the man page, or write all man pages into a directory'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and not __fish_seen_subcommand_from order fulfillment customer payment refund track webhook analytics audit test-connection auth config api sandbox completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "get" -d 'Show one order: status, customer, totals, items, address, shipments, refunds'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "track" -d 'Track every parcel of an order: the tracking numbers on its shipments, at their carriers'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "notes" -d 'Show an order\'s notes (comments)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "note" -d 'Add a note to an order'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "search" -d 'Search orders, newest first'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from fulfillment" -f -a "list" -d 'List an order\'s shipments with carrier, tracking numbers and links, status and items'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from fulfillment" -f -a "create" -d 'Record a shipment with tracking for the order\'s unfulfilled items'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "get" -d 'Show a customer by email or id (every matching store customer with --store all)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "sync" -d 'Create or update the customer\'s CRM contact from what the stores know'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from payment" -f -a "get" -d 'Show a payment: amount, refunded, refundable, status, order'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from payment" -f -a "refunds" -d 'List a payment\'s refunds'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from payment" -f -a "refund" -d 'Refund a payment (all that is left, or --amount), after a quote and a confirmation'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "register" -d 'Subscribe a URL to a topic on a store (Shopify, WooCommerce, BigCommerce) or a gateway (Stripe, PayPal)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "list" -d 'The webhook subscriptions of a store or gateway'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "delete" -d 'Remove a webhook subscription (asks first; off a terminal it needs --yes)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "sync" -d 'Make the registered subscriptions match a TOML file (adds what is missing; --prune also removes what the file does not list)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "listen" -d 'Receive webhooks: verify, store durably, then forward / run a command / publish'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "log" -d 'Received deliveries, newest first'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "replay" -d 'Deliver stored events again (to --forward-to / --exec targets or a URL)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "trigger" -d 'Ask the sandbox to send a signed event for a topic to the registered URLs'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "verify" -d 'Verify a captured delivery offline: body on stdin, headers as flags'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from analytics" -f -a "flush" -d 'Send the queued support-action events now (normally sent in the background)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from analytics" -f -a "send" -d 'Send one event (a check that a service is wired up), or validate it with --validate'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from analytics" -f -a "report" -d 'Run a GA4 report: metrics by dimensions over a date range'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from analytics" -f -a "status" -d 'Show the local event queue: how many events wait, the oldest, the last flush'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "list" -d 'Show the newest audit records: who, when, profile, service, action, amount, key, result'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "export" -d 'Export audit records (all, or a time range) as CSV (default), JSON or NDJSON'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "login" -d 'Store the secrets of a store, payment gateway or carrier in the OS keyring (prompts on a terminal; reads stdin otherwise)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Show where each secret comes from (keyring, env, command) and its age — never its value'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "logout" -d 'Remove the secrets of a store, gateway or carrier from the OS keyring'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Create the config file interactively (or from the commented template off a terminal)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the config file (or the commented default template)'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the config file\'s path'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set a value, keeping comments: `config set profiles.default.log_file ~/shopdesk.log`'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "edit" -d 'Open the config file in $VISUAL / $EDITOR, then validate it'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "serve" -d 'Serve every emulated vendor on one loopback port until Ctrl-C'
complete -c shopdesk -n "__fish_shopdesk_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "parcels" -d 'List the tracking numbers the carrier emulators know (tab-separated: number, carrier, store, order, stage), for scripts and CI'
