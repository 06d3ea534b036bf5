//! A fixed-window request quota (`quota` requests per `window`), shared by the emulators whose
//! vendor rate-limits by a request count per time window: BigCommerce (per store, 150 / 30 s)
//! and HubSpot (per account, 100 / 10 s, and a separate 5 / s for CRM search).

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// `quota` requests per `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaSpec {
    pub quota: u32,
    pub window: Duration,
}

/// What a request got from the window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Slot {
    /// The request is within the quota.
    pub allowed: bool,
    /// Requests left in the current window.
    pub left: u32,
    /// Until the window resets.
    pub reset: Duration,
}

pub(crate) struct FixedWindow {
    pub spec: QuotaSpec,
    /// (window start, requests counted in it).
    state: Mutex<(Instant, u32)>,
}

impl FixedWindow {
    pub(crate) fn new(spec: QuotaSpec) -> FixedWindow {
        FixedWindow { spec, state: Mutex::new((Instant::now(), 0)) }
    }

    /// Count one request (when the quota is not spent).
    pub(crate) fn take(&self) -> Slot {
        self.slot(true)
    }

    /// The window's state without counting a request.
    pub(crate) fn peek(&self) -> Slot {
        self.slot(false)
    }

    fn slot(&self, count: bool) -> Slot {
        let mut w = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if now.duration_since(w.0) >= self.spec.window {
            *w = (now, 0);
        }
        let reset = self.spec.window.saturating_sub(now.duration_since(w.0));
        if w.1 >= self.spec.quota {
            return Slot { allowed: false, left: 0, reset };
        }
        if count {
            w.1 += 1;
        }
        Slot { allowed: true, left: self.spec.quota - w.1, reset }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_runs_out_and_resets() {
        let w = FixedWindow::new(QuotaSpec { quota: 2, window: Duration::from_millis(60) });
        assert_eq!(w.peek().left, 2);
        assert_eq!(w.take().left, 1);
        assert_eq!(w.take().left, 0);
        let s = w.take();
        assert!(!s.allowed && s.reset <= Duration::from_millis(60));
        std::thread::sleep(Duration::from_millis(70));
        assert!(w.take().allowed);
    }
}
