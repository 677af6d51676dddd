//! Counting operations and their latencies over a measured phase.

use std::time::Duration;

/// What one phase (or one client of it) measured.
#[derive(Debug, Default)]
pub struct Tally {
    /// Operations completed.
    pub operations: u64,
    /// Wall-clock length of the phase.
    pub elapsed: Duration,
    latencies: Vec<Duration>,
}

impl Tally {
    /// Counts one operation that took `latency`.
    pub fn record(&mut self, latency: Duration) {
        self.operations += 1;
        self.latencies.push(latency);
    }

    /// Adds another client's counts (phases sum their clients; elapsed is set by the caller).
    pub fn add(&mut self, other: Tally) {
        self.operations += other.operations;
        self.elapsed = self.elapsed.max(other.elapsed);
        self.latencies.extend(other.latencies);
    }

    /// Adds another phase of the same kind (rounds add their lengths).
    pub fn add_round(&mut self, other: Tally) {
        self.operations += other.operations;
        self.elapsed += other.elapsed;
        self.latencies.extend(other.latencies);
    }

    /// Operations per second.
    pub fn rate(&self) -> f64 {
        self.operations as f64 / self.elapsed.as_secs_f64().max(f64::EPSILON)
    }

    /// The `p` quantile (0..=1) of the latencies, in milliseconds.
    pub fn percentile_ms(&mut self, p: f64) -> f64 {
        self.latencies.sort_unstable();
        let index = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies
            .get(index)
            .copied()
            .unwrap_or_default()
            .as_secs_f64()
            * 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_come_from_the_recorded_latencies() {
        let mut tally = Tally::default();
        for ms in 1..=100 {
            tally.record(Duration::from_millis(ms));
        }
        tally.elapsed = Duration::from_secs(2);
        assert_eq!(tally.rate(), 50.0);
        assert_eq!(tally.percentile_ms(0.5).round(), 51.0);
        assert_eq!(tally.percentile_ms(0.99), 99.0);
    }
}
