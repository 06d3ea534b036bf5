//! USPS tracking end to end: the built binary against the USPS emulator started in-process, on
//! the seeded orders' IMpb numbers.

mod support;

use serde_json::{Value, json};
use shopdesk::sandbox::tracking::{self, Carrier, Parcel, Stage};
use shopdesk::sandbox::{Options, demo, seed};
use support::{Env, Host, stderr, stdout};

const TOKEN: &str = "/usps/oauth2/v3/token";
const TRACK: &str = "/usps/tracking/v3r2/tracking";

fn config(host: &Host) -> String {
    format!(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 2\n\
         [profiles.default.carriers.usps]\ncarrier = \"usps\"\nurl = \"{}\"\nclient_id = \"{}\"\n",
        host.sb().usps_url(),
        demo::USPS_CLIENT_ID
    )
}

fn run_secret(host: &Host, secret: &str, args: &[&str]) -> std::process::Output {
    let env = Env::new();
    env.write_config(&config(host));
    env.cmd().env("SHOPDESK_DEFAULT_USPS_CLIENT_SECRET", secret).args(args).output().expect("binary runs")
}

fn run(host: &Host, args: &[&str]) -> std::process::Output {
    run_secret(host, demo::USPS_CLIENT_SECRET, args)
}

fn json_out(o: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {} / {}", stdout(o), stderr(o)))
}

fn parcels() -> Vec<Parcel> {
    tracking::parcels(0, seed::DEFAULT_ORDERS, Carrier::Usps)
}

fn one_of_each() -> Vec<Parcel> {
    let all = parcels();
    [Stage::PreTransit, Stage::InTransit, Stage::OutForDelivery, Stage::Delivered, Stage::Exception]
        .iter()
        .map(|s| all.iter().find(|p| p.stage == *s).expect("every stage is seeded").clone())
        .collect()
}

fn count(host: &Host, path: &str) -> usize {
    host.requests().iter().filter(|r| r.path == path).count()
}

#[test]
fn seeded_usps_numbers_are_tracked_with_statuses_and_events() {
    let host = Host::default();
    let ps = one_of_each();
    let mut args = vec!["track"];
    args.extend(ps.iter().map(|p| p.number.as_str()));
    args.extend(["--carrier", "usps", "--json"]);
    let o = run(&host, &args);
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(&o));
    let v = json_out(&o);
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), ps.len());
    for (p, r) in ps.iter().zip(list) {
        let s = &r["shipment"];
        assert_eq!(r["number"], p.number.as_str());
        assert_eq!(r["carrier"], "usps");
        assert!(r["error"].is_null(), "{r}");
        assert_eq!(s["status"], p.stage.name(), "{} {r}", p.number);
        assert!(s["raw_status"].is_string() && s["service"].is_string(), "{r}");
        let events = s["events"].as_array().unwrap();
        assert_eq!(events[0]["status"], s["status"], "newest event first: {r}");
        assert_eq!(events.last().unwrap()["status"], "pre_transit", "{r}");
        for e in events {
            assert!(e["code"].is_string() && e["location"].is_string(), "{r}");
            let at = e["at"].as_str().unwrap();
            assert!(at.parse::<jiff::Timestamp>().is_ok(), "RFC 3339 with the event's offset: {at}");
        }
        if p.stage == Stage::Delivered {
            assert!(s["delivered_at"].is_string() && s["estimated_delivery"].is_null(), "{r}");
        } else {
            assert!(s["delivered_at"].is_null() && s["estimated_delivery"].is_string(), "{r}");
        }
    }
    assert_eq!(count(&host, TOKEN), 1, "one token for the run");
    assert_eq!(count(&host, TRACK), 1, "five numbers, one batch");
}

#[test]
fn more_numbers_than_a_batch_go_in_several_requests() {
    let host = Host::start(Options { orders: 800, ..Options::default() });
    let all = tracking::parcels(0, 800, Carrier::Usps);
    let max = shopdesk::adapters::carriers::info("usps").unwrap().max_batch;
    let n = max + max / 2 + 1;
    assert!(all.len() >= n, "{} seeded USPS parcels", all.len());
    let mut args = vec!["track", "--carrier", "usps", "--format", "ndjson"];
    args.extend(all[..n].iter().map(|p| p.number.as_str()));
    let o = run(&host, &args);
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(&o));
    let rows: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), n);
    assert!(
        rows.iter()
            .zip(&all[..n])
            .all(|(r, p)| r["number"] == p.number.as_str() && r["shipment"].is_object())
    );
    assert_eq!(count(&host, TRACK), n.div_ceil(max), "{:?}", host.requests());
    assert!(host.requests().iter().all(|r| r.status == Some(200)), "within the emulator's limit");
}

#[test]
fn the_emulator_refuses_a_batch_over_the_limit() {
    let host = Host::default();
    let base = host.sb().usps_url();
    let (status, body) = host.rt.block_on(async {
        let http = reqwest::Client::new();
        let tok: Value = http
            .post(format!("{base}/oauth2/v3/token"))
            .json(&json!({"client_id": demo::USPS_CLIENT_ID, "client_secret": demo::USPS_CLIENT_SECRET,
                          "grant_type": "client_credentials"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(tok["expires_in"].is_string(), "{tok}");
        let items: Vec<Value> = (0..36).map(|i| json!({"trackingNumber": format!("9400{i:018}")})).collect();
        let r = http
            .post(format!("{base}/tracking/v3r2/tracking"))
            .bearer_auth(tok["access_token"].as_str().unwrap())
            .json(&items)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.json::<Value>().await.unwrap())
    });
    assert_eq!(status, 400);
    assert_eq!(body["error"]["errors"][0]["code"], "TRK-0035", "{body}");
}

#[test]
fn an_unknown_number_is_a_per_number_error_and_exit_7() {
    let host = Host::default();
    let ps = parcels();
    // A valid IMpb check digit (services.md §3e's test number), but not a seeded parcel.
    let unknown = "9400111206206406260787";
    let o = run(&host, &["track", &ps[0].number, unknown, &ps[1].number, "--carrier", "usps", "--json"]);
    assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
    let v = json_out(&o);
    assert!(v[0]["shipment"].is_object() && v[2]["shipment"].is_object(), "{v}");
    assert_eq!(v[1]["number"], unknown);
    assert_eq!(v[1]["error"]["kind"], "not_found", "{v}");
    assert!(v[1]["error"]["message"].as_str().unwrap().contains("not found"), "{v}");
    assert!(stderr(&o).contains(unknown), "{}", stderr(&o));
    assert_eq!(count(&host, TRACK), 1, "one batch for all three");
}

#[test]
fn usps_token_is_renewed_once_after_it_expires() {
    let host = Host::default();
    let usps =
        support::carrier("usps", &host.sb().usps_url(), demo::USPS_CLIENT_ID, demo::USPS_CLIENT_SECRET);
    let ps = parcels();
    host.rt.block_on(async {
        let r = usps.track(std::slice::from_ref(&ps[0].number)).await.unwrap();
        assert!(r[0].shipment.is_some());
        host.sb().expire_usps_tokens();
        let r = usps.track(std::slice::from_ref(&ps[1].number)).await.unwrap();
        assert!(r[0].shipment.is_some(), "{r:?}");
    });
    let log = host.requests();
    assert_eq!(count(&host, TOKEN), 2, "{log:?}");
    assert_eq!(log.iter().filter(|r| r.status == Some(401)).count(), 1, "{log:?}");
}

#[test]
fn a_wrong_secret_is_an_auth_error() {
    let host = Host::default();
    let o = run_secret(&host, "not-the-secret", &["track", &parcels()[0].number]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(!err.contains("not-the-secret"), "the secret never shows: {err}");
    assert!(err.contains("usps") && err.contains("invalid_client"), "{err}");
    assert_eq!(count(&host, TRACK), 0);
}

#[test]
fn an_injected_503_is_retried() {
    let host = Host::default();
    host.control(json!({"status": 503, "path": "/tracking/"}));
    let p = &one_of_each()[3];
    let o = run(&host, &["track", &p.number, "--carrier", "usps", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json_out(&o)[0]["shipment"]["status"], "delivered");
    let statuses: Vec<Option<u16>> =
        host.requests().iter().filter(|r| r.path == TRACK).map(|r| r.status).collect();
    assert_eq!(statuses, [Some(503), Some(200)]);
    // Retries used up: the service is unavailable (exit 8).
    host.control(json!({"status": 503, "path": "/tracking/", "forever": true}));
    let o = run(&host, &["track", &p.number, "--carrier", "usps"]);
    assert_eq!(o.status.code(), Some(8), "{}", stderr(&o));
    assert!(stderr(&o).contains("503"), "{}", stderr(&o));
}

#[test]
fn sandbox_flag_tracks_usps_without_setup() {
    let env = Env::new();
    let p = &one_of_each()[3];
    // No --carrier: the IMpb number is detected as USPS.
    let o = env.cmd().args(["--sandbox", "track", &p.number, "--json"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json_out(&o);
    assert_eq!(v[0]["carrier"], "usps", "{v}");
    assert_eq!(v[0]["shipment"]["status"], "delivered", "{v}");
}

#[test]
fn order_track_follows_an_order_to_usps() {
    let p = &parcels()[0];
    let env = Env::new();
    let o = env
        .cmd()
        .args(["--sandbox", "--store", "shopify", "order", "track", &p.order.to_string(), "--json"])
        .output()
        .unwrap();
    let v: Value =
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {} {}", stdout(&o), stderr(&o)));
    let row = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["number"] == p.number.as_str())
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(row["carrier"], "usps", "{row}");
    assert_eq!(row["shipment"]["status"], p.stage.name(), "{row}");
    assert!(row["shipment"]["events"].as_array().is_some_and(|e| !e.is_empty()), "{row}");
}
