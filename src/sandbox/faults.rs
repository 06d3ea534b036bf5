//! Fault specification (`--faults 429=5%,503=2%,reset=1%,latency=20ms`) and its parser.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// Random faults injected into vendor routes. Percentages are 0–100. Deterministic given the
/// sandbox seed and the request's sequence number.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FaultSpec {
    /// Percent of requests answered with the vendor's 429.
    pub rate_429: f64,
    /// Percent answered with a 503.
    pub rate_503: f64,
    /// Percent whose connection is closed without a response.
    pub rate_reset: f64,
    /// Percent processed (state committed) and then closed without a response.
    pub rate_drop_after_commit: f64,
    /// Latency added to every vendor request: fixed (`min == max`) or uniform in the range.
    pub latency: Option<(Duration, Duration)>,
    /// `Retry-After` seconds on injected 429s (vendor default when `None`; Shopify says 1.0).
    pub retry_after: Option<f64>,
}

/// A bad `--faults` item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultSpecError(pub String);

impl fmt::Display for FaultSpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for FaultSpecError {}

const EXPECTED: &str = "expected comma-separated items like 429=5%, 503=2%, reset=1%, \
drop-after-commit=1%, latency=20ms, latency=0-200ms, retry-after=0.05";

fn percent(item: &str, v: &str) -> Result<f64, FaultSpecError> {
    let n = v
        .strip_suffix('%')
        .and_then(|n| n.trim().parse::<f64>().ok())
        .filter(|n| (0.0..=100.0).contains(n))
        .ok_or_else(|| {
            FaultSpecError(format!(
                "bad fault item {item:?}: the rate must be a percentage between 0% and 100%, e.g. 5%"
            ))
        })?;
    Ok(n)
}

fn duration(item: &str, v: &str, unit: Option<&str>) -> Result<Duration, FaultSpecError> {
    let bad = || {
        FaultSpecError(format!("bad fault item {item:?}: the latency must look like 20ms, 1.5s or 0-200ms"))
    };
    let (num, unit) = if let Some(n) = v.strip_suffix("ms") {
        (n, "ms")
    } else if let Some(n) = v.strip_suffix('s') {
        (n, "s")
    } else {
        (v, unit.ok_or_else(bad)?)
    };
    let n: f64 = num.trim().parse().map_err(|_| bad())?;
    if !(0.0..=600_000.0).contains(&n) {
        return Err(bad());
    }
    Ok(if unit == "ms" { Duration::from_secs_f64(n / 1000.0) } else { Duration::from_secs_f64(n) })
}

fn unit_of(v: &str) -> Option<&'static str> {
    if v.ends_with("ms") {
        Some("ms")
    } else if v.ends_with('s') {
        Some("s")
    } else {
        None
    }
}

impl FromStr for FaultSpec {
    type Err = FaultSpecError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut spec = FaultSpec::default();
        let s = s.trim();
        if s.is_empty() || s == "none" {
            return Ok(spec);
        }
        for item in s.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let Some((k, v)) = item.split_once('=') else {
                return Err(FaultSpecError(format!("bad fault item {item:?}: {EXPECTED}")));
            };
            let v = v.trim();
            match k.trim() {
                "429" => spec.rate_429 = percent(item, v)?,
                "503" => spec.rate_503 = percent(item, v)?,
                "reset" => spec.rate_reset = percent(item, v)?,
                "drop-after-commit" => spec.rate_drop_after_commit = percent(item, v)?,
                "latency" => {
                    let range = match v.split_once('-') {
                        Some((a, b)) => {
                            let unit = unit_of(b);
                            (duration(item, a, unit)?, duration(item, b, unit)?)
                        }
                        None => {
                            let d = duration(item, v, None)?;
                            (d, d)
                        }
                    };
                    if range.0 > range.1 {
                        return Err(FaultSpecError(format!(
                            "bad fault item {item:?}: the latency range must go from low to high"
                        )));
                    }
                    spec.latency = Some(range);
                }
                "retry-after" => {
                    let n: f64 =
                        v.parse().ok().filter(|n: &f64| (0.0..=3600.0).contains(n)).ok_or_else(|| {
                            FaultSpecError(format!(
                                "bad fault item {item:?}: retry-after takes seconds, e.g. retry-after=0.05"
                            ))
                        })?;
                    spec.retry_after = Some(n);
                }
                other => {
                    return Err(FaultSpecError(format!("unknown fault {other:?} in {item:?}: {EXPECTED}")));
                }
            }
        }
        Ok(spec)
    }
}

fn fmt_duration(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    format!("{}ms", (ms * 1000.0).round() / 1000.0)
}

impl fmt::Display for FaultSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut items = Vec::new();
        for (name, rate) in [
            ("429", self.rate_429),
            ("503", self.rate_503),
            ("reset", self.rate_reset),
            ("drop-after-commit", self.rate_drop_after_commit),
        ] {
            if rate > 0.0 {
                items.push(format!("{name}={rate}%"));
            }
        }
        if let Some((a, b)) = self.latency {
            if a == b {
                items.push(format!("latency={}", fmt_duration(a)));
            } else {
                items.push(format!("latency={}-{}", fmt_duration(a).trim_end_matches("ms"), fmt_duration(b)));
            }
        }
        if let Some(r) = self.retry_after {
            items.push(format!("retry-after={r}"));
        }
        f.write_str(&items.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_forms() {
        let s: FaultSpec = "429=5%,503=2%,reset=1%,latency=20ms".parse().unwrap();
        assert_eq!(s.rate_429, 5.0);
        assert_eq!(s.rate_503, 2.0);
        assert_eq!(s.rate_reset, 1.0);
        assert_eq!(s.latency, Some((Duration::from_millis(20), Duration::from_millis(20))));
        let r: FaultSpec = "latency=0-200ms,drop-after-commit=1%,retry-after=0.05".parse().unwrap();
        assert_eq!(r.latency, Some((Duration::ZERO, Duration::from_millis(200))));
        assert_eq!(r.rate_drop_after_commit, 1.0);
        assert_eq!(r.retry_after, Some(0.05));
        assert_eq!("".parse::<FaultSpec>().unwrap(), FaultSpec::default());
    }

    #[test]
    fn display_round_trips() {
        for text in [
            "429=5%,503=2%,reset=1%,latency=20ms",
            "latency=0-200ms",
            "429=0.5%,retry-after=0.05",
            "reset=100%,drop-after-commit=1%,latency=1500ms",
            "",
        ] {
            let s: FaultSpec = text.parse().unwrap();
            assert_eq!(s.to_string(), text);
            assert_eq!(s.to_string().parse::<FaultSpec>().unwrap(), s);
        }
    }

    #[test]
    fn errors_name_the_item_and_the_form() {
        let e = "429=5%,500=1%".parse::<FaultSpec>().unwrap_err().to_string();
        assert!(e.contains("\"500\"") && e.contains("429=5%"), "{e}");
        let e = "429=five".parse::<FaultSpec>().unwrap_err().to_string();
        assert!(e.contains("429=five") && e.contains("percentage"), "{e}");
        let e = "latency=fast".parse::<FaultSpec>().unwrap_err().to_string();
        assert!(e.contains("latency=fast") && e.contains("20ms"), "{e}");
        assert!("latency=200-100ms".parse::<FaultSpec>().is_err());
        assert!("429".parse::<FaultSpec>().is_err());
    }
}
