
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'shopdesk' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'shopdesk'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'shopdesk' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('order', 'order', [CompletionResultType]::ParameterValue, 'Look up and search orders')
            [CompletionResult]::new('fulfillment', 'fulfillment', [CompletionResultType]::ParameterValue, 'Shipments of an order: carrier, tracking numbers and links')
            [CompletionResult]::new('customer', 'customer', [CompletionResultType]::ParameterValue, 'Customers: one view across stores, payments, shipments and the CRM; sync to the CRM')
            [CompletionResult]::new('payment', 'payment', [CompletionResultType]::ParameterValue, 'Payments at a gateway (Stripe, PayPal): look up and refund')
            [CompletionResult]::new('refund', 'refund', [CompletionResultType]::ParameterValue, 'Refund an order in its store (lines, shipping or an amount), or a CSV batch of them')
            [CompletionResult]::new('track', 'track', [CompletionResultType]::ParameterValue, 'Track parcels at their carrier (FedEx, UPS, DHL, USPS): status, delivery date and scan history')
            [CompletionResult]::new('webhook', 'webhook', [CompletionResultType]::ParameterValue, 'Webhooks: register them on stores and gateways, receive and verify them, replay them')
            [CompletionResult]::new('analytics', 'analytics', [CompletionResultType]::ParameterValue, 'Analytics: send support-action events (Mixpanel, GA4), run GA4 reports')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit log of every mutation shopdesk made (refunds)')
            [CompletionResult]::new('test-connection', 'test-connection', [CompletionResultType]::ParameterValue, 'Check every configured service: reachable, credentials, scopes, API version, clock, latency')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Store, inspect and remove credentials (OS keyring)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Create, inspect and edit the config file')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Make a raw API call with the stored credentials (like `gh api`)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run the built-in vendor emulators')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page, or write all man pages into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;order' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one order: status, customer, totals, items, address, shipments, refunds')
            [CompletionResult]::new('track', 'track', [CompletionResultType]::ParameterValue, 'Track every parcel of an order: the tracking numbers on its shipments, at their carriers')
            [CompletionResult]::new('notes', 'notes', [CompletionResultType]::ParameterValue, 'Show an order''s notes (comments)')
            [CompletionResult]::new('note', 'note', [CompletionResultType]::ParameterValue, 'Add a note to an order')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search orders, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;order;get' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;order;track' {
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between checks with --watch: 5m, 30s, 1h')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep checking until every parcel is delivered (exit 0) or one hits an exception or is returned (exit 9)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;order;notes' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;order;note' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a note (comment) to an order')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;order;note;add' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--notify-customer', '--notify-customer', [CompletionResultType]::ParameterName, 'Make the note visible to the customer (and emailed, where the platform does so)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;order;note;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a note (comment) to an order')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;order;note;help;add' {
            break
        }
        'shopdesk;order;note;help;help' {
            break
        }
        'shopdesk;order;search' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Customer email')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Order status')
            [CompletionResult]::new('--financial-status', '--financial-status', [CompletionResultType]::ParameterName, 'Payment status')
            [CompletionResult]::new('--fulfillment-status', '--fulfillment-status', [CompletionResultType]::ParameterName, 'Shipping status')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Created at or after: YYYY-MM-DD, an RFC 3339 time, or an age like 7d / 12h')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Created at or before: YYYY-MM-DD, an RFC 3339 time, or an age like 7d / 12h')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many orders (per store with --store all)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every matching order (paged; streamed with --format ndjson or csv)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;order;help' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one order: status, customer, totals, items, address, shipments, refunds')
            [CompletionResult]::new('track', 'track', [CompletionResultType]::ParameterValue, 'Track every parcel of an order: the tracking numbers on its shipments, at their carriers')
            [CompletionResult]::new('notes', 'notes', [CompletionResultType]::ParameterValue, 'Show an order''s notes (comments)')
            [CompletionResult]::new('note', 'note', [CompletionResultType]::ParameterValue, 'Add a note to an order')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search orders, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;order;help;get' {
            break
        }
        'shopdesk;order;help;track' {
            break
        }
        'shopdesk;order;help;notes' {
            break
        }
        'shopdesk;order;help;note' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a note (comment) to an order')
            break
        }
        'shopdesk;order;help;note;add' {
            break
        }
        'shopdesk;order;help;search' {
            break
        }
        'shopdesk;order;help;help' {
            break
        }
        'shopdesk;fulfillment' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List an order''s shipments with carrier, tracking numbers and links, status and items')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Record a shipment with tracking for the order''s unfulfilled items')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;fulfillment;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;fulfillment;create' {
            [CompletionResult]::new('--tracking', '--tracking', [CompletionResultType]::ParameterName, 'Tracking number')
            [CompletionResult]::new('--carrier', '--carrier', [CompletionResultType]::ParameterName, 'Carrier name (e.g. UPS, FedEx, DHL, USPS)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Tracking page URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--notify', '--notify', [CompletionResultType]::ParameterName, 'Email the customer about the shipment')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;fulfillment;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List an order''s shipments with carrier, tracking numbers and links, status and items')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Record a shipment with tracking for the order''s unfulfilled items')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;fulfillment;help;list' {
            break
        }
        'shopdesk;fulfillment;help;create' {
            break
        }
        'shopdesk;fulfillment;help;help' {
            break
        }
        'shopdesk;customer' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a customer by email or id (every matching store customer with --store all)')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Create or update the customer''s CRM contact from what the stores know')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;customer;get' {
            [CompletionResult]::new('--orders', '--orders', [CompletionResultType]::ParameterName, 'How many recent orders to show (newest first, across stores)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;customer;sync' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The CRM: its name in the profile, or its kind (hubspot, salesforce)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the plan; send nothing')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;customer;help' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a customer by email or id (every matching store customer with --store all)')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Create or update the customer''s CRM contact from what the stores know')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;customer;help;get' {
            break
        }
        'shopdesk;customer;help;sync' {
            break
        }
        'shopdesk;customer;help;help' {
            break
        }
        'shopdesk;payment' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a payment: amount, refunded, refundable, status, order')
            [CompletionResult]::new('refunds', 'refunds', [CompletionResultType]::ParameterValue, 'List a payment''s refunds')
            [CompletionResult]::new('refund', 'refund', [CompletionResultType]::ParameterValue, 'Refund a payment (all that is left, or --amount), after a quote and a confirmation')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;payment;get' {
            [CompletionResult]::new('--gateway', '--gateway', [CompletionResultType]::ParameterName, 'The gateway: a name under [payments] in the profile, or stripe|paypal')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;payment;refunds' {
            [CompletionResult]::new('--gateway', '--gateway', [CompletionResultType]::ParameterName, 'The gateway: a name under [payments] in the profile, or stripe|paypal')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;payment;refund' {
            [CompletionResult]::new('--gateway', '--gateway', [CompletionResultType]::ParameterName, 'The gateway: a name under [payments] in the profile, or stripe|paypal')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'Amount in the payment''s currency (e.g. 5.00; 1200 for JPY); default: all that is left')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (Stripe''s reasons; PayPal gets it as the note to the payer)')
            [CompletionResult]::new('--idempotency-key', '--idempotency-key', [CompletionResultType]::ParameterName, 'Idempotency key sent to the gateway (default: derived from the inputs)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the quote and stop: nothing is refunded')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when not on a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when not on a terminal)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Allow refunding live money')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;payment;help' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a payment: amount, refunded, refundable, status, order')
            [CompletionResult]::new('refunds', 'refunds', [CompletionResultType]::ParameterValue, 'List a payment''s refunds')
            [CompletionResult]::new('refund', 'refund', [CompletionResultType]::ParameterValue, 'Refund a payment (all that is left, or --amount), after a quote and a confirmation')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;payment;help;get' {
            break
        }
        'shopdesk;payment;help;refunds' {
            break
        }
        'shopdesk;payment;help;refund' {
            break
        }
        'shopdesk;payment;help;help' {
            break
        }
        'shopdesk;refund' {
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'Refund this amount, not tied to lines (an order-level refund)')
            [CompletionResult]::new('--item', '--item', [CompletionResultType]::ParameterName, 'Refund a line by SKU (or line item id), all of it or QTY units; repeatable')
            [CompletionResult]::new('--shipping', '--shipping', [CompletionResultType]::ParameterName, 'Refund shipping too: all that is left, or AMOUNT')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (stored with the refund; required when the profile sets require_reason)')
            [CompletionResult]::new('--idempotency-key', '--idempotency-key', [CompletionResultType]::ParameterName, 'Idempotency key (default: derived from profile, store, order and the refund''s content)')
            [CompletionResult]::new('--from-csv', '--from-csv', [CompletionResultType]::ParameterName, 'Refund every row of a CSV file (see below for the columns)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'How many orders of a batch are refunded at once (rows of one order always run in turn)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--restock', '--restock', [CompletionResultType]::ParameterName, 'Put the refunded items back in stock')
            [CompletionResult]::new('--notify', '--notify', [CompletionResultType]::ParameterName, 'Email the customer about the refund (where the store does)')
            [CompletionResult]::new('--record-only', '--record-only', [CompletionResultType]::ParameterName, 'Record the refund on the order without moving money through the payment gateway')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the quote and stop: nothing is refunded')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when not on a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when not on a terminal)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Allow refunding in a profile with environment = "production"')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;track' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Also read numbers from a file, one per line (`-`: stdin)')
            [CompletionResult]::new('--carrier', '--carrier', [CompletionResultType]::ParameterName, 'The carrier: a name under [carriers] in the profile, or a carrier kind such as ups (default: detected from the number''s format and check digit)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between checks with --watch: 5m, 30s, 1h')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--detect', '--detect', [CompletionResultType]::ParameterName, 'Show which carriers each number can belong to, ranked, and why; send nothing')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep checking until every parcel is delivered (exit 0) or one hits an exception or is returned (exit 9)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;webhook' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('register', 'register', [CompletionResultType]::ParameterValue, 'Subscribe a URL to a topic on a store (Shopify, WooCommerce, BigCommerce) or a gateway (Stripe, PayPal)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The webhook subscriptions of a store or gateway')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Remove a webhook subscription (asks first; off a terminal it needs --yes)')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make the registered subscriptions match a TOML file (adds what is missing; --prune also removes what the file does not list)')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive webhooks: verify, store durably, then forward / run a command / publish')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Received deliveries, newest first')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Deliver stored events again (to --forward-to / --exec targets or a URL)')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Ask the sandbox to send a signed event for a topic to the registered URLs')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a captured delivery offline: body on stdin, headers as flags')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;webhook;register' {
            [CompletionResult]::new('--gateway', '--gateway', [CompletionResultType]::ParameterName, 'A payment gateway in the profile (stripe, paypal) instead of the store (the global --store, default the profile''s default store)')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'A portable topic (order.created, order.updated, fulfillment.created, refund.created, customer.created) or the vendor''s own topic verbatim')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Where the vendor delivers (https://…; http://127.0.0.1 for the sandbox)')
            [CompletionResult]::new('--secret-from', '--secret-from', [CompletionResultType]::ParameterName, 'Where the signing secret comes from when the vendor does not issue one: `env:VAR`, `generate` (WooCommerce default), or `keyring` (already stored)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be sent and send nothing that changes the vendor')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;webhook;list' {
            [CompletionResult]::new('--gateway', '--gateway', [CompletionResultType]::ParameterName, 'A payment gateway in the profile (stripe, paypal) instead of the store (the global --store, default the profile''s default store)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;webhook;delete' {
            [CompletionResult]::new('--gateway', '--gateway', [CompletionResultType]::ParameterName, 'A payment gateway in the profile (stripe, paypal) instead of the store (the global --store, default the profile''s default store)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;webhook;sync' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also delete subscriptions the file does not list')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and send nothing that changes the vendor')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before deleting (--prune)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;webhook;listen' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on (0: a free one, printed on the first line)')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address to listen on (0.0.0.0 for every interface)')
            [CompletionResult]::new('--forward-to', '--forward-to', [CompletionResultType]::ParameterName, 'Forward each verified event to this URL (at-least-once, in order per source)')
            [CompletionResult]::new('--exec', '--exec', [CompletionResultType]::ParameterName, 'Run this command for each verified event, with the event on stdin')
            [CompletionResult]::new('--sink', '--sink', [CompletionResultType]::ParameterName, 'Publish each verified event to a Redis Stream: redis://[:PASSWORD@]host[:port][/db][#stream] (default stream shopdesk:webhooks; better the password in $SHOPDESK_SINK_PASSWORD)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Tries before a forward goes to the dead-letter list')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest body accepted (bytes; larger is 413 and counted)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Deliveries per second accepted from each source, also the burst (more: 429); 0: no limit')
            [CompletionResult]::new('--backoff', '--backoff', [CompletionResultType]::ParameterName, 'Wait before the first retry of a failed delivery; doubles each try (with jitter), at most 5m')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;webhook;log' {
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Only this source (store or gateway name)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Since a date or age (2026-11-01, 7d)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'limit')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Only deliveries whose forwarding failed (dead-lettered or still retrying) and rejections')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;webhook;replay' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Every event received since a date or age')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Deliver to this URL instead of the configured forward target')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;webhook;trigger' {
            [CompletionResult]::new('--gateway', '--gateway', [CompletionResultType]::ParameterName, 'A payment gateway in the profile (stripe, paypal) instead of the store (the global --store, default the profile''s default store)')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'topic')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;webhook;verify' {
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'source')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'Environment variable holding the secret (never the secret itself on the command line)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A received header, `Name: value` (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A received header, `Name: value` (repeatable)')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'Accepted clock difference for timestamped schemes (Stripe, Standard Webhooks)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;webhook;help' {
            [CompletionResult]::new('register', 'register', [CompletionResultType]::ParameterValue, 'Subscribe a URL to a topic on a store (Shopify, WooCommerce, BigCommerce) or a gateway (Stripe, PayPal)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The webhook subscriptions of a store or gateway')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Remove a webhook subscription (asks first; off a terminal it needs --yes)')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make the registered subscriptions match a TOML file (adds what is missing; --prune also removes what the file does not list)')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive webhooks: verify, store durably, then forward / run a command / publish')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Received deliveries, newest first')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Deliver stored events again (to --forward-to / --exec targets or a URL)')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Ask the sandbox to send a signed event for a topic to the registered URLs')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a captured delivery offline: body on stdin, headers as flags')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;webhook;help;register' {
            break
        }
        'shopdesk;webhook;help;list' {
            break
        }
        'shopdesk;webhook;help;delete' {
            break
        }
        'shopdesk;webhook;help;sync' {
            break
        }
        'shopdesk;webhook;help;listen' {
            break
        }
        'shopdesk;webhook;help;log' {
            break
        }
        'shopdesk;webhook;help;replay' {
            break
        }
        'shopdesk;webhook;help;trigger' {
            break
        }
        'shopdesk;webhook;help;verify' {
            break
        }
        'shopdesk;webhook;help;help' {
            break
        }
        'shopdesk;analytics' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Send the queued support-action events now (normally sent in the background)')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send one event (a check that a service is wired up), or validate it with --validate')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Run a GA4 report: metrics by dimensions over a date range')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the local event queue: how many events wait, the oldest, the last flush')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;analytics;flush' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Only this service (its name in the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;analytics;send' {
            [CompletionResult]::new('--prop', '--prop', [CompletionResultType]::ParameterName, 'A property, KEY=VALUE (repeatable)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The service (its name in the profile); default: every service')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'Only validate (GA4''s /debug/mp/collect) and print the validation messages')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;analytics;report' {
            [CompletionResult]::new('--metric', '--metric', [CompletionResultType]::ParameterName, 'A metric (repeatable), e.g. activeUsers, transactions, purchaseRevenue')
            [CompletionResult]::new('--dimension', '--dimension', [CompletionResultType]::ParameterName, 'A dimension (repeatable), e.g. date, country, eventName')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Start date')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End date')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Most rows')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The GA4 service (its name in the profile) when there are several')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;analytics;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;analytics;help' {
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Send the queued support-action events now (normally sent in the background)')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send one event (a check that a service is wired up), or validate it with --validate')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Run a GA4 report: metrics by dimensions over a date range')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the local event queue: how many events wait, the oldest, the last flush')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;analytics;help;flush' {
            break
        }
        'shopdesk;analytics;help;send' {
            break
        }
        'shopdesk;analytics;help;report' {
            break
        }
        'shopdesk;analytics;help;status' {
            break
        }
        'shopdesk;analytics;help;help' {
            break
        }
        'shopdesk;audit' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the newest audit records: who, when, profile, service, action, amount, key, result')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export audit records (all, or a time range) as CSV (default), JSON or NDJSON')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;audit;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many of the newest records')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;audit;export' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Records at or after this time')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Records before this time (a date means the end of that day)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file (mode 0600) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file (mode 0600) instead of stdout')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;audit;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the newest audit records: who, when, profile, service, action, amount, key, result')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export audit records (all, or a time range) as CSV (default), JSON or NDJSON')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;audit;help;list' {
            break
        }
        'shopdesk;audit;help;export' {
            break
        }
        'shopdesk;audit;help;help' {
            break
        }
        'shopdesk;test-connection' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Check every store in the profile (default: the selected store)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;auth' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Store the secrets of a store, payment gateway or carrier in the OS keyring (prompts on a terminal; reads stdin otherwise)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show where each secret comes from (keyring, env, command) and its age — never its value')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the secrets of a store, gateway or carrier from the OS keyring')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;auth;login' {
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Store only this secret (e.g. consumer_secret)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--with-token', '--with-token', [CompletionResultType]::ParameterName, 'Read the secret from standard input instead of prompting (one line per secret when the store needs several, e.g. WooCommerce''s consumer key and secret)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;auth;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;auth;logout' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;auth;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Store the secrets of a store, payment gateway or carrier in the OS keyring (prompts on a terminal; reads stdin otherwise)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show where each secret comes from (keyring, env, command) and its age — never its value')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the secrets of a store, gateway or carrier from the OS keyring')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;auth;help;login' {
            break
        }
        'shopdesk;auth;help;status' {
            break
        }
        'shopdesk;auth;help;logout' {
            break
        }
        'shopdesk;auth;help;help' {
            break
        }
        'shopdesk;config' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the config file interactively (or from the commented template off a terminal)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the config file (or the commented default template)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a value, keeping comments: `config set profiles.default.log_file ~/shopdesk.log`')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Open the config file in $VISUAL / $EDITOR, then validate it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;config;init' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing file')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;config;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--default', '--default', [CompletionResultType]::ParameterName, 'Show the built-in template instead')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;config;path' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;config;set' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;config;edit' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;config;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the config file interactively (or from the commented template off a terminal)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the config file (or the commented default template)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a value, keeping comments: `config set profiles.default.log_file ~/shopdesk.log`')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Open the config file in $VISUAL / $EDITOR, then validate it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;config;help;init' {
            break
        }
        'shopdesk;config;help;show' {
            break
        }
        'shopdesk;config;help;path' {
            break
        }
        'shopdesk;config;help;set' {
            break
        }
        'shopdesk;config;help;edit' {
            break
        }
        'shopdesk;config;help;help' {
            break
        }
        'shopdesk;api' {
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Request body from a file (`-` for stdin)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Add a string field to a JSON body, or a query parameter for GET (repeatable): -f key=value')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Add a string field to a JSON body, or a query parameter for GET (repeatable): -f key=value')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Add a header (repeatable): -H ''Name: value''')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Add a header (repeatable): -H ''Name: value''')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Print the status line and response headers before the body')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Print the status line and response headers before the body')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;sandbox' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve every emulated vendor on one loopback port until Ctrl-C')
            [CompletionResult]::new('parcels', 'parcels', [CompletionResultType]::ParameterValue, 'List the tracking numbers the carrier emulators know (tab-separated: number, carrier, store, order, stage), for scripts and CI')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;sandbox;serve' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port (0 picks a free one)')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address to bind (loopback by default)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed for the demo data (same seed, same data)')
            [CompletionResult]::new('--faults', '--faults', [CompletionResultType]::ParameterName, 'Inject faults, e.g. 429=5%,503=2%,reset=1%,latency=20ms')
            [CompletionResult]::new('--token-ttl', '--token-ttl', [CompletionResultType]::ParameterName, 'Lifetime of tokens from the client-credentials grant, in seconds')
            [CompletionResult]::new('--orders', '--orders', [CompletionResultType]::ParameterName, 'Orders in the Shopify demo store, numbered from #1001 (default 260; the other stores always have the default data set)')
            [CompletionResult]::new('--throttle-bucket', '--throttle-bucket', [CompletionResultType]::ParameterName, 'Size of the Shopify GraphQL query-cost bucket, per token (a huge value: effectively no throttling)')
            [CompletionResult]::new('--throttle-restore', '--throttle-restore', [CompletionResultType]::ParameterName, 'Points the bucket regains per second')
            [CompletionResult]::new('--dhl-daily-quota', '--dhl-daily-quota', [CompletionResultType]::ParameterName, 'Requests the DHL emulator answers per UTC day before it answers 429 (its quota)')
            [CompletionResult]::new('--dhl-min-interval', '--dhl-min-interval', [CompletionResultType]::ParameterName, 'Shortest gap the DHL emulator accepts between two requests (DHL''s free tier: 5s); a faster one gets 429 with Retry-After. The demo profile paces itself to match')
            [CompletionResult]::new('--deliver-after', '--deliver-after', [CompletionResultType]::ParameterName, 'A parcel out for delivery is delivered this long after its first lookup, so `track --watch` sees a delivery')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;sandbox;parcels' {
            [CompletionResult]::new('--carrier', '--carrier', [CompletionResultType]::ParameterName, 'Only this carrier: ups, fedex, usps, dhl')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Only parcels of this store''s orders: shopify, woocommerce, magento, bigcommerce')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Only parcels at this stage: pre_transit, in_transit, out_for_delivery, delivered, exception')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'The seed `sandbox serve` uses (`--sandbox` uses 0)')
            [CompletionResult]::new('--orders', '--orders', [CompletionResultType]::ParameterName, 'Orders in the Shopify store (as `sandbox serve --orders`)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;sandbox;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve every emulated vendor on one loopback port until Ctrl-C')
            [CompletionResult]::new('parcels', 'parcels', [CompletionResultType]::ParameterValue, 'List the tracking numbers the carrier emulators know (tab-separated: number, carrier, store, order, stage), for scripts and CI')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;sandbox;help;serve' {
            break
        }
        'shopdesk;sandbox;help;parcels' {
            break
        }
        'shopdesk;sandbox;help;help' {
            break
        }
        'shopdesk;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;man' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write shopdesk.1 and one page per command into this directory')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: `default_profile`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store from the profile (required when the profile has several and no default_store); `all` queries every store concurrently (read commands)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: table)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter JSON output with a jq expression (built in; no jq needed), e.g. ''.line_items[].sku''')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a built-in sandbox with demo data (starts one in-process; no setup needed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log API calls to stderr (-v: one line per call; -vv: redacted headers and bodies)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also honoured: the NO_COLOR environment variable)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not read or write the response cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shopdesk;help' {
            [CompletionResult]::new('order', 'order', [CompletionResultType]::ParameterValue, 'Look up and search orders')
            [CompletionResult]::new('fulfillment', 'fulfillment', [CompletionResultType]::ParameterValue, 'Shipments of an order: carrier, tracking numbers and links')
            [CompletionResult]::new('customer', 'customer', [CompletionResultType]::ParameterValue, 'Customers: one view across stores, payments, shipments and the CRM; sync to the CRM')
            [CompletionResult]::new('payment', 'payment', [CompletionResultType]::ParameterValue, 'Payments at a gateway (Stripe, PayPal): look up and refund')
            [CompletionResult]::new('refund', 'refund', [CompletionResultType]::ParameterValue, 'Refund an order in its store (lines, shipping or an amount), or a CSV batch of them')
            [CompletionResult]::new('track', 'track', [CompletionResultType]::ParameterValue, 'Track parcels at their carrier (FedEx, UPS, DHL, USPS): status, delivery date and scan history')
            [CompletionResult]::new('webhook', 'webhook', [CompletionResultType]::ParameterValue, 'Webhooks: register them on stores and gateways, receive and verify them, replay them')
            [CompletionResult]::new('analytics', 'analytics', [CompletionResultType]::ParameterValue, 'Analytics: send support-action events (Mixpanel, GA4), run GA4 reports')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit log of every mutation shopdesk made (refunds)')
            [CompletionResult]::new('test-connection', 'test-connection', [CompletionResultType]::ParameterValue, 'Check every configured service: reachable, credentials, scopes, API version, clock, latency')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Store, inspect and remove credentials (OS keyring)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Create, inspect and edit the config file')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Make a raw API call with the stored credentials (like `gh api`)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run the built-in vendor emulators')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page, or write all man pages into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shopdesk;help;order' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one order: status, customer, totals, items, address, shipments, refunds')
            [CompletionResult]::new('track', 'track', [CompletionResultType]::ParameterValue, 'Track every parcel of an order: the tracking numbers on its shipments, at their carriers')
            [CompletionResult]::new('notes', 'notes', [CompletionResultType]::ParameterValue, 'Show an order''s notes (comments)')
            [CompletionResult]::new('note', 'note', [CompletionResultType]::ParameterValue, 'Add a note to an order')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search orders, newest first')
            break
        }
        'shopdesk;help;order;get' {
            break
        }
        'shopdesk;help;order;track' {
            break
        }
        'shopdesk;help;order;notes' {
            break
        }
        'shopdesk;help;order;note' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a note (comment) to an order')
            break
        }
        'shopdesk;help;order;note;add' {
            break
        }
        'shopdesk;help;order;search' {
            break
        }
        'shopdesk;help;fulfillment' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List an order''s shipments with carrier, tracking numbers and links, status and items')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Record a shipment with tracking for the order''s unfulfilled items')
            break
        }
        'shopdesk;help;fulfillment;list' {
            break
        }
        'shopdesk;help;fulfillment;create' {
            break
        }
        'shopdesk;help;customer' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a customer by email or id (every matching store customer with --store all)')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Create or update the customer''s CRM contact from what the stores know')
            break
        }
        'shopdesk;help;customer;get' {
            break
        }
        'shopdesk;help;customer;sync' {
            break
        }
        'shopdesk;help;payment' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a payment: amount, refunded, refundable, status, order')
            [CompletionResult]::new('refunds', 'refunds', [CompletionResultType]::ParameterValue, 'List a payment''s refunds')
            [CompletionResult]::new('refund', 'refund', [CompletionResultType]::ParameterValue, 'Refund a payment (all that is left, or --amount), after a quote and a confirmation')
            break
        }
        'shopdesk;help;payment;get' {
            break
        }
        'shopdesk;help;payment;refunds' {
            break
        }
        'shopdesk;help;payment;refund' {
            break
        }
        'shopdesk;help;refund' {
            break
        }
        'shopdesk;help;track' {
            break
        }
        'shopdesk;help;webhook' {
            [CompletionResult]::new('register', 'register', [CompletionResultType]::ParameterValue, 'Subscribe a URL to a topic on a store (Shopify, WooCommerce, BigCommerce) or a gateway (Stripe, PayPal)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The webhook subscriptions of a store or gateway')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Remove a webhook subscription (asks first; off a terminal it needs --yes)')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make the registered subscriptions match a TOML file (adds what is missing; --prune also removes what the file does not list)')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive webhooks: verify, store durably, then forward / run a command / publish')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Received deliveries, newest first')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Deliver stored events again (to --forward-to / --exec targets or a URL)')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Ask the sandbox to send a signed event for a topic to the registered URLs')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a captured delivery offline: body on stdin, headers as flags')
            break
        }
        'shopdesk;help;webhook;register' {
            break
        }
        'shopdesk;help;webhook;list' {
            break
        }
        'shopdesk;help;webhook;delete' {
            break
        }
        'shopdesk;help;webhook;sync' {
            break
        }
        'shopdesk;help;webhook;listen' {
            break
        }
        'shopdesk;help;webhook;log' {
            break
        }
        'shopdesk;help;webhook;replay' {
            break
        }
        'shopdesk;help;webhook;trigger' {
            break
        }
        'shopdesk;help;webhook;verify' {
            break
        }
        'shopdesk;help;analytics' {
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Send the queued support-action events now (normally sent in the background)')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send one event (a check that a service is wired up), or validate it with --validate')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Run a GA4 report: metrics by dimensions over a date range')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the local event queue: how many events wait, the oldest, the last flush')
            break
        }
        'shopdesk;help;analytics;flush' {
            break
        }
        'shopdesk;help;analytics;send' {
            break
        }
        'shopdesk;help;analytics;report' {
            break
        }
        'shopdesk;help;analytics;status' {
            break
        }
        'shopdesk;help;audit' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the newest audit records: who, when, profile, service, action, amount, key, result')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export audit records (all, or a time range) as CSV (default), JSON or NDJSON')
            break
        }
        'shopdesk;help;audit;list' {
            break
        }
        'shopdesk;help;audit;export' {
            break
        }
        'shopdesk;help;test-connection' {
            break
        }
        'shopdesk;help;auth' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Store the secrets of a store, payment gateway or carrier in the OS keyring (prompts on a terminal; reads stdin otherwise)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show where each secret comes from (keyring, env, command) and its age — never its value')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the secrets of a store, gateway or carrier from the OS keyring')
            break
        }
        'shopdesk;help;auth;login' {
            break
        }
        'shopdesk;help;auth;status' {
            break
        }
        'shopdesk;help;auth;logout' {
            break
        }
        'shopdesk;help;config' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the config file interactively (or from the commented template off a terminal)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the config file (or the commented default template)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a value, keeping comments: `config set profiles.default.log_file ~/shopdesk.log`')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Open the config file in $VISUAL / $EDITOR, then validate it')
            break
        }
        'shopdesk;help;config;init' {
            break
        }
        'shopdesk;help;config;show' {
            break
        }
        'shopdesk;help;config;path' {
            break
        }
        'shopdesk;help;config;set' {
            break
        }
        'shopdesk;help;config;edit' {
            break
        }
        'shopdesk;help;api' {
            break
        }
        'shopdesk;help;sandbox' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve every emulated vendor on one loopback port until Ctrl-C')
            [CompletionResult]::new('parcels', 'parcels', [CompletionResultType]::ParameterValue, 'List the tracking numbers the carrier emulators know (tab-separated: number, carrier, store, order, stage), for scripts and CI')
            break
        }
        'shopdesk;help;sandbox;serve' {
            break
        }
        'shopdesk;help;sandbox;parcels' {
            break
        }
        'shopdesk;help;completions' {
            break
        }
        'shopdesk;help;man' {
            break
        }
        'shopdesk;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
