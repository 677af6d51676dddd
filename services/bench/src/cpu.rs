//! CPU time spent over a phase, read from Linux's `/proc`: this process's threads of one name
//! (the gateway runs on its own runtime, whose threads carry its name), every PostgreSQL
//! process of the machine (the benchmarks run against a local, otherwise idle server), or given
//! PostgreSQL backends.
//!
//! `schedstat`'s first field is the time a task has run on a CPU, in nanoseconds; it is exact
//! where `stat`'s utime/stime are 10 ms ticks.

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::time::Duration;

/// CPU time used so far by each task of a set, by id.
#[derive(Debug, Clone, Default)]
pub struct CpuSample(HashMap<u32, u64>);

impl CpuSample {
    /// The threads of this process whose name starts with `prefix`.
    pub fn threads(prefix: &str) -> Self {
        Self(tasks(Path::new("/proc/self/task"), |comm| {
            comm.starts_with(prefix)
        }))
    }

    /// Every process named `postgres` (the server and its backends).
    pub fn postgres() -> Self {
        Self(tasks(Path::new("/proc"), |comm| comm == "postgres"))
    }

    /// The PostgreSQL processes `pids` (a benchmark's own backends, so that other work on a
    /// shared server is not charged to it).
    pub fn processes(pids: &[u32]) -> Self {
        Self(
            pids.iter()
                .filter_map(|pid| Some((*pid, ran_ns(&Path::new("/proc").join(pid.to_string()))?)))
                .collect(),
        )
    }

    /// CPU time used since `earlier`. A task that appeared since counts whole; one that ended
    /// since is lost (the phases keep their connections, so that is the odd autovacuum worker).
    pub fn since(&self, earlier: &CpuSample) -> Duration {
        let nanos = self
            .0
            .iter()
            .map(|(id, now)| now.saturating_sub(earlier.0.get(id).copied().unwrap_or(0)))
            .sum();
        Duration::from_nanos(nanos)
    }
}

/// `run time` of each numeric entry of `dir` whose `comm` passes `wanted`. Entries that vanish
/// while being read are skipped.
fn tasks(dir: &Path, wanted: impl Fn(&str) -> bool) -> HashMap<u32, u64> {
    let Ok(entries) = fs::read_dir(dir) else {
        return HashMap::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let id: u32 = entry.file_name().to_str()?.parse().ok()?;
            let comm = fs::read_to_string(entry.path().join("comm")).ok()?;
            if !wanted(comm.trim_end()) {
                return None;
            }
            Some((id, ran_ns(&entry.path())?))
        })
        .collect()
}

/// The run time of the task whose `/proc` directory is `task`.
fn ran_ns(task: &Path) -> Option<u64> {
    let schedstat = fs::read_to_string(task.join("schedstat")).ok()?;
    schedstat.split_whitespace().next()?.parse().ok()
}

/// Microseconds of CPU per operation.
pub fn per_operation_us(cpu: Duration, operations: u64) -> f64 {
    cpu.as_secs_f64() * 1e6 / operations.max(1) as f64
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_named_thread_that_works_is_charged_for_its_work_and_others_are_not() {
        // No timing: the thread works until its own measure has grown by 30 ms of CPU, which it
        // can only do if the measure counts its work (a safety bound of a minute of wall time
        // turns a broken measure into a failure, not a hang).
        let before = CpuSample::threads("cpu-test-spin");
        let worker = std::thread::Builder::new()
            .name("cpu-test-spin".into())
            .spawn(move || {
                let started = std::time::Instant::now();
                let mut x = 0u64;
                loop {
                    for _ in 0..100_000 {
                        x = std::hint::black_box(x.wrapping_add(1));
                    }
                    let spent = CpuSample::threads("cpu-test-spin").since(&before);
                    if spent >= Duration::from_millis(30) {
                        return Some(spent);
                    }
                    if started.elapsed() > Duration::from_secs(60) {
                        return None;
                    }
                }
            })
            .unwrap();
        let spent = worker
            .join()
            .unwrap()
            .expect("the thread's work was never counted");
        assert!(spent >= Duration::from_millis(30), "{spent:?}");
        assert_eq!(
            CpuSample::threads("no-such-thread").since(&CpuSample::default()),
            Duration::ZERO
        );
    }
}
