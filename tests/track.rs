//! Carrier tracking end to end: the built binary against the UPS and DHL emulators started
//! in-process, on the seeded orders' tracking numbers.

mod support;

use serde_json::Value;
use shopdesk::sandbox::seed;
use shopdesk::sandbox::tracking::{self, Carrier, Parcel, Stage};
use shopdesk::sandbox::{Options, demo};
use support::{Env, Host, stderr, stdout};

fn config(host: &Host, carriers: &[&str]) -> String {
    let mut c = "default_profile = \"default\"\n[profiles.default]\nmax_retries = 2\n".to_string();
    if carriers.contains(&"ups") {
        c += &format!(
            "[profiles.default.carriers.ups]\ncarrier = \"ups\"\nurl = \"{}\"\nclient_id = \"{}\"\n",
            host.sb().ups_url(),
            demo::UPS_CLIENT_ID
        );
    }
    if carriers.contains(&"dhl") {
        c += &format!(
            "[profiles.default.carriers.dhl]\ncarrier = \"dhl\"\nurl = \"{}\"\nmin_interval = \"0s\"\n",
            host.sb().dhl_url()
        );
    }
    c
}

fn run_with(host: &Host, carriers: &[&str], args: &[&str]) -> std::process::Output {
    let env = Env::new();
    env.write_config(&config(host, carriers));
    env.cmd()
        .env("SHOPDESK_DEFAULT_UPS_CLIENT_SECRET", demo::UPS_CLIENT_SECRET)
        .env("SHOPDESK_DEFAULT_DHL_API_KEY", demo::DHL_API_KEY)
        .args(args)
        .output()
        .expect("binary runs")
}

fn run(host: &Host, args: &[&str]) -> std::process::Output {
    run_with(host, &["ups", "dhl"], args)
}

fn json_out(o: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {} / {}", stdout(o), stderr(o)))
}

fn parcels(c: Carrier) -> Vec<Parcel> {
    tracking::parcels(0, seed::DEFAULT_ORDERS, c)
}

/// One parcel of each stage.
fn one_of_each(c: Carrier) -> Vec<Parcel> {
    let all = parcels(c);
    [Stage::PreTransit, Stage::InTransit, Stage::OutForDelivery, Stage::Delivered, Stage::Exception]
        .iter()
        .map(|s| all.iter().find(|p| p.stage == *s).expect("every stage is seeded").clone())
        .collect()
}

fn check_statuses(host: &Host, carrier: Carrier, flag: &str) {
    let ps = one_of_each(carrier);
    let mut args = vec!["track"];
    args.extend(ps.iter().map(|p| p.number.as_str()));
    args.extend(["--carrier", flag, "--json"]);
    let o = run(host, &args);
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(&o));
    let v = json_out(&o);
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), ps.len());
    for (p, r) in ps.iter().zip(list) {
        let s = &r["shipment"];
        assert_eq!(r["number"], p.number.as_str());
        assert_eq!(r["carrier"], flag);
        assert!(r["error"].is_null(), "{r}");
        assert_eq!(s["status"], p.stage.name(), "{} {r}", p.number);
        let events = s["events"].as_array().unwrap();
        assert!(!events.is_empty());
        assert_eq!(events[0]["status"], s["status"], "newest event first: {r}");
        assert_eq!(events.last().unwrap()["status"], "pre_transit", "{r}");
        assert!(events.iter().all(|e| e["at"].is_string() && e["code"].is_string()), "{r}");
        if p.stage == Stage::Delivered {
            assert!(s["delivered_at"].is_string() && s["estimated_delivery"].is_null(), "{r}");
        } else {
            assert!(s["delivered_at"].is_null() && s["estimated_delivery"].is_string(), "{r}");
        }
    }
}

#[test]
fn ups_numbers_of_the_seed_are_tracked_with_statuses_and_events() {
    let host = Host::default();
    check_statuses(&host, Carrier::Ups, "ups");
    let log = host.requests();
    assert_eq!(
        log.iter().filter(|r| r.path.ends_with("/security/v1/oauth/token")).count(),
        1,
        "one token for the whole run: {log:?}"
    );
    assert_eq!(
        log.iter().filter(|r| r.path.contains("/api/track/v1/details/")).count(),
        5,
        "one call per number"
    );
    // UPS times carry their offset.
    let p = &one_of_each(Carrier::Ups)[3];
    let v = json_out(&run(&host, &["track", &p.number, "--carrier", "ups", "--json"]));
    let at = v[0]["shipment"]["events"][0]["at"].as_str().unwrap();
    assert!(at.parse::<jiff::Timestamp>().is_ok(), "RFC 3339 with offset: {at}");
}

#[test]
fn dhl_numbers_of_the_seed_are_tracked_with_statuses_and_events() {
    let host = Host::default();
    check_statuses(&host, Carrier::DhlExpress, "dhl");
}

#[test]
fn numbers_are_normalized_and_the_table_shows_the_last_event() {
    let host = Host::default();
    let p = &one_of_each(Carrier::Ups)[3];
    let spaced = format!("{} {}-{}", &p.number[..4], &p.number[4..10], &p.number[10..]).to_lowercase();
    let o = run(&host, &["track", &spaced, "--carrier", "ups"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(&p.number) && out.contains("delivered") && out.contains("Delivered"), "{out}");
}

#[test]
fn an_unknown_number_is_a_per_number_error_and_exit_7() {
    let host = Host::default();
    let known = &parcels(Carrier::Ups)[0].number;
    // Valid check digits, but not a seeded parcel.
    let unknown = "1Z5R89390357567127";
    let o = run(&host, &["track", known, unknown, "--carrier", "ups", "--format", "ndjson"]);
    assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["shipment"].is_object());
    assert_eq!(lines[1]["number"], unknown);
    assert_eq!(lines[1]["error"]["kind"], "not_found");
    assert!(lines[1]["error"]["message"].as_str().unwrap().contains("151044"), "{}", lines[1]);
    assert!(stderr(&o).contains(unknown), "{}", stderr(&o));

    let o = run(&host, &["track", "3318810025", "--carrier", "dhl", "--json"]);
    assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
    let v = json_out(&o);
    assert_eq!(v[0]["error"]["kind"], "not_found");
    assert!(v[0]["error"]["message"].as_str().unwrap().contains("No result found"), "{v}");
}

#[test]
fn ups_token_is_renewed_once_after_it_expires() {
    let host = Host::default();
    let ups = support::carrier("ups", &host.sb().ups_url(), demo::UPS_CLIENT_ID, demo::UPS_CLIENT_SECRET);
    let ps = parcels(Carrier::Ups);
    host.rt.block_on(async {
        let r = ups.track(std::slice::from_ref(&ps[0].number)).await.unwrap();
        assert!(r[0].shipment.is_some());
        host.sb().expire_ups_tokens();
        let r = ups.track(std::slice::from_ref(&ps[1].number)).await.unwrap();
        assert!(r[0].shipment.is_some(), "{r:?}");
    });
    let log = host.requests();
    assert_eq!(log.iter().filter(|r| r.path.ends_with("/security/v1/oauth/token")).count(), 2, "{log:?}");
    assert_eq!(log.iter().filter(|r| r.status == Some(401)).count(), 1, "{log:?}");
}

#[test]
fn wrong_ups_credentials_are_an_auth_error() {
    let host = Host::default();
    let env = Env::new();
    env.write_config(&config(&host, &["ups"]));
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_UPS_CLIENT_SECRET", "not-the-secret")
        .args(["track", &parcels(Carrier::Ups)[0].number])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(!stderr(&o).contains("not-the-secret"), "the secret never shows: {}", stderr(&o));
}

#[test]
fn a_used_up_dhl_quota_is_a_clear_rate_limit_error() {
    let host = Host::start(Options { dhl_daily_quota: 2, ..Options::default() });
    let ps = parcels(Carrier::DhlExpress);
    // Two answers, then the quota: the carrier stops early; the two tracked are shown, the
    // eighteen left are `not_tracked` rows, named on stderr, and the exit code is 5.
    let n: Vec<&str> = ps[..20].iter().map(|p| p.number.as_str()).collect();
    let mut args = vec!["track", "--carrier", "dhl", "--json"];
    args.extend(&n);
    let o = run(&host, &args);
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    let v = json_out(&o);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 20);
    let tracked: Vec<&str> =
        rows.iter().filter(|r| r["shipment"].is_object()).map(|r| r["number"].as_str().unwrap()).collect();
    assert_eq!(tracked.len(), 2, "the quota's two answers are kept: {v}");
    assert!(rows.iter().filter(|r| r["shipment"].is_null()).all(|r| r["error"]["kind"] == "not_tracked"));
    let err = stderr(&o);
    assert!(err.contains("stopped early: 18 of 20") && err.contains("quota"), "{err}");
    assert!(
        n.iter().filter(|x| !tracked.contains(x)).all(|x| err.contains(x)),
        "the numbers left are named: {err}"
    );
    // The quota stopped the requests: 2 answered, then at most the batches already in flight
    // (8 at a time for an unpaced carrier) were refused; nothing was started after that.
    let dhl: Vec<_> = host.requests().into_iter().filter(|r| r.path.starts_with("/dhl/")).collect();
    assert!(dhl.len() <= 2 + 8, "{dhl:?}");
    assert_eq!(dhl.iter().filter(|r| r.status == Some(200)).count(), 2);
    // Nothing left: the command fails with the quota error itself (exit 5).
    let o = run(&host, &["track", &ps[0].number, "--carrier", "dhl"]);
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("quota") && err.contains("developer.dhl.com"), "{err}");
    assert!(stdout(&o).is_empty());
}

#[test]
fn the_carrier_is_detected_from_the_number_or_given() {
    let host = Host::default();
    let dhl = &parcels(Carrier::DhlExpress)[0].number;
    let ups = &parcels(Carrier::Ups)[0].number;
    // Two carriers configured, no --carrier: each number goes to the carrier its format and
    // check digit name, in one command.
    let v = json_out(&run(&host, &["track", dhl, ups, "--json"]));
    assert_eq!(v[0]["carrier"], "dhl", "{v}");
    assert_eq!(v[1]["carrier"], "ups", "{v}");
    assert!(v[0]["shipment"].is_object() && v[1]["shipment"].is_object());
    let o = run_with(&host, &["dhl"], &["track", dhl, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&host, &["track", dhl, "--carrier", "fedex"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("ups, dhl") || stderr(&o).contains("dhl, ups"), "{}", stderr(&o));
    let before = host.requests().len();
    // A number valid for no carrier (one digit of a UPS number changed): exit 2, nothing sent.
    let mut bad = ups.clone();
    let last = bad.pop().unwrap();
    bad.push(if last == '0' { '1' } else { '0' });
    let o = run(&host, &["track", &bad]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a valid tracking number for any carrier"), "{}", stderr(&o));
    // A USPS number and no USPS carrier in the profile.
    let o = run(&host, &["track", "9400111206206406260787"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("looks like a USPS number"), "{}", stderr(&o));
    // A malformed number is refused before anything is sent.
    let o = run(&host, &["track", "12_34", "--carrier", "dhl"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(host.requests().len(), before, "nothing was sent");
    // A forced carrier that disagrees with the check digit: a warning, then tracked as asked.
    let o = run(&host, &["track", ups, "--carrier", "dhl"]);
    assert!(
        stderr(&o).contains("warning: ") && stderr(&o).contains("does not match any DHL"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn detect_ranks_candidates_and_sends_nothing() {
    let host = Host::default();
    let before = host.requests().len();
    let v = json_out(&run(&host, &["track", "--detect", "1Z 5R8 939 0357567127", "3318810025", "--json"]));
    let rows = v.as_array().unwrap();
    assert_eq!(rows[0]["number"], "1Z5R89390357567127");
    assert_eq!(rows[0]["rank"], 1);
    assert_eq!(rows[0]["carrier"], "ups");
    assert_eq!(rows[0]["check_digit"], "valid");
    assert!(rows[0]["reason"].as_str().unwrap().contains("check digit"), "{v}");
    assert!(rows.iter().any(|r| r["number"] == "3318810025" && r["carrier"] == "dhl"), "{v}");
    let o = run(&host, &["track", "--detect", "1Z5R89390357567128"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(host.requests().len(), before, "detection is offline");
}

#[test]
fn sandbox_flag_tracks_without_setup() {
    let env = Env::new();
    let ups = &parcels(Carrier::Ups)[0].number;
    let dhl = &parcels(Carrier::DhlExpress)[0].number;
    let o = env.cmd().args(["--sandbox", "track", ups, "--carrier", "ups", "--json"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json_out(&o)[0]["shipment"]["status"], "delivered");
    let o = env.cmd().args(["--sandbox", "track", dhl]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(dhl.as_str()));
}

#[test]
fn order_track_follows_the_orders_shipments_to_their_carriers() {
    // An order with a UPS parcel (the sandbox's stores are seeded alike; Shopify's demo store).
    let p = &parcels(Carrier::Ups)[0];
    let order =
        seed::generate(0, seed::DEFAULT_ORDERS).orders.into_iter().find(|o| o.number == p.order).unwrap();
    let env = Env::new();
    let o = env
        .cmd()
        .args(["--sandbox", "--store", "shopify", "order", "track", &p.order.to_string(), "--json"])
        .output()
        .unwrap();
    let v: Value =
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {} {}", stdout(&o), stderr(&o)));
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), order.fulfillments.len(), "one row per tracking number: {v}");
    let ups = rows.iter().find(|r| r["number"] == p.number.as_str()).unwrap_or_else(|| panic!("{v}"));
    assert_eq!(ups["carrier"], "ups");
    assert!(ups["shipment"]["events"].as_array().is_some_and(|e| !e.is_empty()), "{ups}");
    // Numbers of carriers the profile lacks are rows with an error (exit 7), not a failed command.
    let others =
        rows.iter().filter(|r| !matches!(r["carrier"].as_str(), Some("ups" | "dhl" | "fedex"))).count();
    assert_eq!(o.status.code(), Some(if others > 0 { 7 } else { 0 }), "{}", stderr(&o));
    // An order without shipments says so.
    let none = seed::generate(0, seed::DEFAULT_ORDERS)
        .orders
        .into_iter()
        .find(|o| o.fulfillments.is_empty())
        .unwrap();
    let o = env
        .cmd()
        .args(["--sandbox", "--store", "shopify", "order", "track", &none.number.to_string()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("no tracking numbers"), "{}", stderr(&o));
}

#[test]
fn test_connection_all_checks_the_carriers() {
    let host = Host::default();
    let v = json_out(&run(&host, &["test-connection", "--all", "--json"]));
    let reports = v.as_array().unwrap();
    assert_eq!(reports.len(), 2, "{v}");
    for r in reports {
        assert_eq!(r["kind"], "carrier");
        assert_eq!(r["ok"], true, "{r}");
    }
    // A wrong UPS secret: an auth failure naming the carrier (exit 4).
    let env = Env::new();
    env.write_config(&config(&host, &["ups"]));
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_UPS_CLIENT_SECRET", "wrong")
        .args(["test-connection", "--all"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stderr(&o).contains("ups") && !stderr(&o).contains("wrong"), "{}", stderr(&o));
}

#[test]
fn dhl_requests_are_paced_to_the_keys_interval() {
    // The emulator refuses a second request within 300 ms (DHL's free tier: 5 s).
    let host = Host::start(Options {
        dhl_min_interval: std::time::Duration::from_millis(300),
        ..Options::default()
    });
    let n: Vec<String> = parcels(Carrier::DhlExpress)[..4].iter().map(|p| p.number.clone()).collect();
    let env = Env::new();
    let paced = config(&host, &["dhl"]).replace("min_interval = \"0s\"", "min_interval = \"300ms\"");
    env.write_config(&paced);
    let mut args = vec!["track", "--json"];
    args.extend(n.iter().map(String::as_str));
    let o = env.cmd().env("SHOPDESK_DEFAULT_DHL_API_KEY", demo::DHL_API_KEY).args(&args).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let log = host.requests();
    assert_eq!(log.len(), 4, "one request per number and no refusals when paced: {log:?}");
    assert!(log.iter().all(|r| r.status == Some(200)), "{log:?}");
    // Unpaced (and so sent concurrently), the same numbers meet 429s.
    let env = Env::new();
    env.write_config(&config(&host, &["dhl"]));
    env.cmd().env("SHOPDESK_DEFAULT_DHL_API_KEY", demo::DHL_API_KEY).args(&args).output().unwrap();
    let refused = host.requests().iter().skip(4).filter(|r| r.status == Some(429)).count();
    assert!(refused >= 1, "without pacing the emulator refuses some: {:?}", host.requests());
}

#[test]
fn numbers_come_from_a_file_or_stdin_and_bad_lines_are_named() {
    let host = Host::default();
    let ups = parcels(Carrier::Ups);
    let dhl = parcels(Carrier::DhlExpress);
    let env = Env::new();
    env.write_config(&config(&host, &["ups", "dhl"]));
    let file = env.path().join("parcels.txt");
    std::fs::write(
        &file,
        format!("# today's parcels\n{}\n\n  {}  # the DHL one\n", ups[0].number, dhl[0].number),
    )
    .unwrap();
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_UPS_CLIENT_SECRET", demo::UPS_CLIENT_SECRET)
        .env("SHOPDESK_DEFAULT_DHL_API_KEY", demo::DHL_API_KEY)
        .args(["track", ups[1].number.as_str(), "--from-file"])
        .arg(&file)
        .args(["--format", "ndjson"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let got: Vec<&str> = rows.iter().map(|r| r["number"].as_str().unwrap()).collect();
    assert_eq!(got, [ups[1].number.as_str(), ups[0].number.as_str(), dhl[0].number.as_str()]);
    // stdin
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_DHL_API_KEY", demo::DHL_API_KEY)
        .args(["track", "--from-file", "-", "--json"])
        .write_stdin(format!("{}\n", dhl[1].number))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json_out(&o)[0]["number"], dhl[1].number.as_str());
    // A bad line: named with its line number, exit 2, nothing sent.
    let before = host.requests().len();
    std::fs::write(&file, format!("{}\nnot a number!\n", ups[0].number)).unwrap();
    let o = env.cmd().args(["track", "--from-file"]).arg(&file).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("line 2"), "{}", stderr(&o));
    assert_eq!(host.requests().len(), before, "nothing was sent");
}

#[test]
fn watch_ends_when_the_parcel_is_delivered() {
    let host =
        Host::start(Options { deliver_after: std::time::Duration::from_secs(1), ..Options::default() });
    let ofd = parcels(Carrier::Ups).into_iter().find(|p| p.stage == Stage::OutForDelivery).unwrap();
    let done = parcels(Carrier::Ups).into_iter().find(|p| p.stage == Stage::Delivered).unwrap();
    let o = run(
        &host,
        &["track", &ofd.number, &done.number, "--watch", "--interval", "400ms", "--format", "ndjson"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let of = |n: &str| -> Vec<String> {
        rows.iter()
            .filter(|r| r["number"] == n)
            .map(|r| r["shipment"]["status"].as_str().unwrap().to_string())
            .collect()
    };
    // Each number is printed when it changes: the delivered one once, the other twice.
    assert_eq!(of(&ofd.number), ["out_for_delivery", "delivered"]);
    assert_eq!(of(&done.number), ["delivered"]);
    assert!(stderr(&o).contains("all 2 delivered"), "{}", stderr(&o));
    // A delivered number is not asked again.
    let asked_done = host.requests().iter().filter(|r| r.path.ends_with(done.number.as_str())).count();
    assert_eq!(asked_done, 1);
    let asked_ofd = host.requests().iter().filter(|r| r.path.ends_with(ofd.number.as_str())).count();
    assert!(asked_ofd >= 2, "polled until delivered");
}

#[test]
fn watch_exits_9_when_a_parcel_hits_an_exception() {
    let host = Host::default();
    let bad = parcels(Carrier::DhlExpress).into_iter().find(|p| p.stage == Stage::Exception).unwrap();
    let moving = parcels(Carrier::Ups).into_iter().find(|p| p.stage == Stage::InTransit).unwrap();
    let o = run(&host, &["track", &moving.number, &bad.number, "--watch", "--interval", "1s"]);
    assert_eq!(o.status.code(), Some(9), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&bad.number) && err.contains("exception"), "{err}");
    assert!(stdout(&o).contains(&moving.number), "the rows are shown first");
    // --interval without --watch, and a zero interval, are usage errors.
    let o = run(&host, &["track", &moving.number, "--interval", "1m"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&host, &["track", &moving.number, "--watch", "--interval", "0s"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn order_track_works_on_every_store_of_the_sandbox() {
    // The carrier emulators track the parcels of every store's seeded orders.
    let env = Env::new();
    for store in seed::Store::ALL {
        let all: Vec<Parcel> = [Carrier::Ups, Carrier::FedEx, Carrier::Usps, Carrier::DhlExpress]
            .into_iter()
            .flat_map(parcels)
            .filter(|p| p.store == store)
            .collect();
        let p = all.iter().min_by_key(|p| p.order).expect("every store ships parcels");
        let order = p.order.to_string();
        let o = env
            .cmd()
            .args(["--sandbox", "--store", store.name(), "order", "track", &order, "--json"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}: {}", store.name(), stderr(&o));
        let v = json_out(&o);
        let row = v
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["number"] == p.number.as_str())
            .unwrap_or_else(|| panic!("{}: order {order} lacks {}: {v}", store.name(), p.number));
        assert_eq!(row["shipment"]["status"], p.stage.name(), "{}: {row}", store.name());
    }
}

#[test]
fn auth_login_stores_carrier_secrets_and_status_lists_them() {
    let host = Host::default();
    let env = Env::new();
    env.write_config(&config(&host, &["ups", "dhl"]));
    // An unknown service, and a field the carrier does not have: exit 2, nothing stored.
    let o = env.cmd().args(["auth", "login", "fedex", "--with-token"]).write_stdin("x\n").output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no store, gateway, carrier, CRM or analytics service `fedex`"),
        "{}",
        stderr(&o)
    );
    let o = env
        .cmd()
        .args(["auth", "login", "dhl", "--field", "client_secret", "--with-token"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("its secrets: api_key"), "{}", stderr(&o));
    // Status names each carrier secret and where it comes from (here: the environment).
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_DHL_API_KEY", demo::DHL_API_KEY)
        .args(["auth", "status", "--json"])
        .output()
        .unwrap();
    let rows = json_out(&o);
    let dhl = rows.as_array().unwrap().iter().find(|r| r["service"] == "dhl").expect("a dhl row");
    assert_eq!(dhl["kind"], "carrier");
    assert_eq!(dhl["secret"], "api_key");
    assert!(dhl["source"].as_str().unwrap().contains("SHOPDESK_DEFAULT_DHL_API_KEY"), "{dhl}");
    assert!(!stdout(&o).contains(demo::DHL_API_KEY));
    // Stored in a private kernel keyring session, then used by `track` with no env var.
    if !support::keyctl_available() {
        return;
    }
    let number = &parcels(Carrier::DhlExpress)[0].number;
    let script = format!(
        "set -e\nprintf '%s\\n' \"$KEY\" | \"$BIN\" auth login dhl --with-token 2> \"$OUT/login.err\"\n\"$BIN\" track {number} --json > \"$OUT/track.json\"\n"
    );
    let out = env.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let c = env.cmd_std();
    let o = std::process::Command::new("keyctl")
        .args(["session", "-", "sh", "-c", &script])
        .envs(c.get_envs().filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))))
        .env_remove("SHOPDESK_DEFAULT_DHL_API_KEY")
        .env("SHOPDESK_KEYRING", "keyutils")
        .env("KEY", demo::DHL_API_KEY)
        .env("BIN", assert_cmd::cargo::cargo_bin!("shopdesk"))
        .env("OUT", &out)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}\n{}",
        stderr(&o),
        std::fs::read_to_string(out.join("login.err")).unwrap_or_default()
    );
    let login = std::fs::read_to_string(out.join("login.err")).unwrap();
    assert!(login.contains("Stored api_key for carrier dhl"), "{login}");
    assert!(!login.contains(demo::DHL_API_KEY));
    let tracked: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("track.json")).unwrap()).unwrap();
    assert!(tracked[0]["shipment"].is_object(), "{tracked}");
}
