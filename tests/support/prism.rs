//! Stoplight Prism as a validating proxy for contract checks (DESIGN §10), shared by the
//! contract tests: start it on a spec in front of the sandbox, and read what it refused.
//!
//! Prism answers `422` instead of forwarding a request that breaks the contract, turns an
//! answer that breaks it into `500` with an `sl-violations` header (`--errors`), and logs every
//! such event as `Request terminated with error`; [`Prism::errors`] collects those lines.
//!
//! Big vendor specs load slowly or not at all (Prism did not finish loading Stripe's 4 MB
//! OpenAPI, nor its 30 schemas one reference deep, in 5 minutes), so tests hand Prism a
//! [`subset`]: the operations shopdesk calls plus the components they reference (to a depth,
//! where needed), cut at test time from the vendor's file in `shared/specs` (never copied into
//! the repository).

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const INSTALL: &str = "npm install -g @stoplight/prism-cli@5.14.2";

/// The vendor spec under `shared/specs`, or `None` (the caller skips with a message).
pub fn spec_file(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/specs").join(rel);
    if p.is_file() {
        Some(p)
    } else {
        println!("SKIPPED: {} not found (the contract check needs shared/specs)", p.display());
        None
    }
}

/// Is Prism available? `false` (skip) only when `SHOPDESK_SKIP_PRISM=1`; a missing `prism`
/// otherwise fails the test, naming how to install it.
pub fn wanted() -> bool {
    if std::env::var_os("SHOPDESK_SKIP_PRISM").is_some_and(|v| v == "1") {
        println!("SKIPPED: SHOPDESK_SKIP_PRISM=1");
        return false;
    }
    let on_path = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("prism").is_file()));
    assert!(
        on_path,
        "`prism` (Stoplight Prism) is not on PATH: `.ci/run` installs it with `{INSTALL}`; set SHOPDESK_SKIP_PRISM=1 to skip this contract check"
    );
    true
}

fn refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("$ref", Value::String(r)) => out.push(r.clone()),
                    _ => refs(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

fn pointer<'a>(spec: &'a Value, r: &str) -> &'a Value {
    spec.pointer(r.trim_start_matches('#')).unwrap_or_else(|| panic!("dangling $ref {r}"))
}

/// The spec cut down to `paths` (exact path templates) and the components they reach. With
/// `depth = Some(d)`, only components within `d` references of the operations are kept and any
/// reference beyond is replaced by an open schema (`{}`); `None` keeps the whole closure.
pub fn subset(spec: &Value, paths: &[&str], depth: Option<usize>) -> Value {
    let mut kept = serde_json::Map::new();
    for p in paths {
        let item = spec["paths"].get(*p).unwrap_or_else(|| panic!("the spec has no path {p}"));
        kept.insert((*p).to_string(), item.clone());
    }
    let mut seen = BTreeSet::new();
    let mut frontier = Vec::new();
    refs(&Value::Object(kept.clone()), &mut frontier);
    let mut level = 0;
    while !frontier.is_empty() && depth.is_none_or(|d| level <= d) {
        let mut next = Vec::new();
        for r in frontier {
            if seen.insert(r.clone()) {
                refs(pointer(spec, &r), &mut next);
            }
        }
        frontier = next;
        level += 1;
    }
    let prune = |v: &Value| prune(v, &seen);
    let mut components: BTreeMap<String, serde_json::Map<String, Value>> = BTreeMap::new();
    for r in &seen {
        let parts: Vec<&str> = r.trim_start_matches("#/").split('/').collect();
        assert!(parts.len() == 3 && parts[0] == "components", "unexpected $ref {r}");
        components
            .entry(parts[1].to_string())
            .or_default()
            .insert(parts[2].to_string(), prune(pointer(spec, r)));
    }
    if let Some(s) = spec["components"].get("securitySchemes") {
        components
            .entry("securitySchemes".into())
            .or_default()
            .extend(s.as_object().cloned().unwrap_or_default());
    }
    let mut out = spec.clone();
    out["paths"] = prune(&Value::Object(kept));
    out["components"] = serde_json::to_value(components).unwrap();
    out
}

/// `v` with every reference outside `kept` replaced by an open schema.
fn prune(v: &Value, kept: &BTreeSet<String>) -> Value {
    match v {
        Value::Object(m) => match m.get("$ref") {
            Some(Value::String(r)) if !kept.contains(r) => Value::Object(Default::default()),
            _ => Value::Object(m.iter().map(|(k, x)| (k.clone(), prune(x, kept))).collect()),
        },
        Value::Array(a) => Value::Array(a.iter().map(|x| prune(x, kept)).collect()),
        other => other.clone(),
    }
}

/// Merge two (subset) specs of one API into one: paths together, components together; a
/// component both define differently is renamed `b_…` in `b` (and `b`'s references rewritten).
pub fn merge(mut a: Value, b: Value) -> Value {
    let mut renamed = BTreeSet::new();
    for (section, items) in b["components"].as_object().cloned().unwrap_or_default() {
        for (name, v) in items.as_object().cloned().unwrap_or_default() {
            if a["components"][&section].get(&name).is_some_and(|x| *x != v) {
                renamed.insert((section.clone(), name));
            }
        }
    }
    let mut text = serde_json::to_string(&b).unwrap();
    for (section, name) in &renamed {
        text = text.replace(
            &format!("\"#/components/{section}/{name}\""),
            &format!("\"#/components/{section}/b_{name}\""),
        );
    }
    let b: Value = serde_json::from_str(&text).unwrap();
    for (p, item) in b["paths"].as_object().cloned().unwrap_or_default() {
        a["paths"][p] = item;
    }
    for (section, items) in b["components"].as_object().cloned().unwrap_or_default() {
        for (name, v) in items.as_object().cloned().unwrap_or_default() {
            let target =
                if renamed.contains(&(section.clone(), name.clone())) { format!("b_{name}") } else { name };
            a["components"][&section][target] = v;
        }
    }
    a
}

pub struct Prism {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Prism {
    /// Start `prism proxy SPEC UPSTREAM --errors` on a free port; waits until it listens.
    pub fn start(spec: &Path, upstream: &str, dir: &Path, name: &str) -> Prism {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let log = dir.join(format!("prism-{name}.log"));
        let out = std::fs::File::create(&log).unwrap();
        let child = Command::new("prism")
            .args(["proxy"])
            .arg(spec)
            .arg(upstream)
            .args(["--errors", "--host", "127.0.0.1", "--port", &port.to_string()])
            .stdout(Stdio::from(out.try_clone().unwrap()))
            .stderr(Stdio::from(out))
            .stdin(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start prism: {e}; `.ci/run` installs it with `{INSTALL}`"));
        let mut p = Prism { child, port, log };
        let started = Instant::now();
        loop {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            if let Ok(Some(status)) = p.child.try_wait() {
                panic!("prism exited ({status}) before listening:\n{}", p.log_text());
            }
            assert!(
                started.elapsed() < Duration::from_secs(300),
                "prism did not listen within 300 s:\n{}",
                p.log_text()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        println!("prism ({name}) listening after {:.1} s", started.elapsed().as_secs_f64());
        p
    }
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
    pub fn log_text(&self) -> String {
        let mut s = String::new();
        if let Ok(mut f) = std::fs::File::open(&self.log) {
            let _ = f.read_to_string(&mut s);
        }
        s
    }
    /// Requests Prism refused or flagged.
    pub fn errors(&self) -> Vec<String> {
        self.log_text()
            .lines()
            .filter(|l| l.contains("Request terminated with error"))
            .map(str::to_string)
            .collect()
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
