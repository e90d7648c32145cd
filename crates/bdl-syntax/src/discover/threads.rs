//! Worker threads that may not all start. A container's pids limit or `ulimit -u` makes
//! starting a thread fail; `std::thread::spawn`, rayon and the `ignore` crate's walker panic
//! then. Here the work is shared by the threads that did start, the calling thread always
//! among them, and the shortfall is reported.

use std::fmt;
use std::io;

/// Worker threads that could not be started.
#[derive(Debug)]
pub struct Shortfall {
    /// Threads asked for, the calling thread included.
    pub wanted: usize,
    /// Threads that ran, the calling thread included (at least 1).
    pub started: usize,
    pub error: io::Error,
}

impl fmt::Display for Shortfall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could start only {} of {} worker threads ({}); the run went on with {}",
            self.started, self.wanted, self.error, self.started
        )
    }
}

/// Runs `work` on `threads` threads (0 counts as 1): the calling thread and up to
/// `threads - 1` new ones. Returns what each thread that ran returned, the calling thread's
/// first, and the shortfall if a thread could not be started. `work` must share out the
/// work through state of its own (a queue, a counter), so that whichever threads run do all
/// of it. A panic in a new thread is passed on to the caller.
pub fn on_threads<R: Send>(
    threads: usize,
    work: impl Fn() -> R + Sync,
) -> (Vec<R>, Option<Shortfall>) {
    let wanted = threads.max(1);
    std::thread::scope(|scope| {
        let mut handles = Vec::with_capacity(wanted - 1);
        let mut shortfall = None;
        for _ in 1..wanted {
            match std::thread::Builder::new().spawn_scoped(scope, &work) {
                Ok(handle) => handles.push(handle),
                Err(error) => {
                    shortfall = Some(Shortfall {
                        wanted,
                        started: handles.len() + 1,
                        error,
                    });
                    break;
                }
            }
        }
        let mut results = Vec::with_capacity(handles.len() + 1);
        results.push(work());
        for handle in handles {
            match handle.join() {
                Ok(result) => results.push(result),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        (results, shortfall)
    })
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn every_thread_returns_once() {
        let next = AtomicUsize::new(0);
        let (results, shortfall) = on_threads(4, || {
            let mut mine = 0;
            while next.fetch_add(1, Ordering::Relaxed) < 1000 {
                mine += 1;
            }
            mine
        });
        assert!(shortfall.is_none());
        assert_eq!(results.len(), 4);
        assert_eq!(results.iter().sum::<usize>(), 1000);
        let (results, _) = on_threads(0, || 7);
        assert_eq!(results, [7]);
    }
}
