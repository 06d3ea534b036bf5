//! Group commit: one thread owns a SQLite connection and commits, in one transaction, every job
//! that queued up while its last commit ran, then answers each job.
//!
//! # Why
//! The files shopdesk must not lose a write to (the refund journal, the webhook receiver's store)
//! use WAL with `synchronous=FULL`, so every commit is an fsync: a few milliseconds on a real
//! disk. One commit per write would serialize those fsyncs behind a lock and block the async
//! runtime while they run: a batch of refunds at `--concurrency 8` spent more time in fsync than
//! waiting for the store. Here a caller queues its job and awaits the answer; the writer thread
//! drains the queue, so concurrent jobs share one transaction and one fsync, and no runtime
//! thread blocks. A job is answered only after its transaction committed, so "answered" still
//! means "on disk".

use crate::error::{Error, Result};
use std::sync::mpsc;
use tokio::sync::oneshot;

/// Most jobs in one transaction.
const BATCH: usize = 512;

type Reply<R> = Option<oneshot::Sender<Result<R>>>;

/// The handle callers queue jobs through; clones share the writer. The thread ends when every
/// handle is dropped, after committing what was queued.
pub struct GroupCommit<J, R> {
    tx: mpsc::Sender<(J, Reply<R>)>,
    name: &'static str,
}

impl<J, R> Clone for GroupCommit<J, R> {
    fn clone(&self) -> Self {
        GroupCommit { tx: self.tx.clone(), name: self.name }
    }
}

impl<J: Send + 'static, R: Send + 'static> GroupCommit<J, R> {
    /// Start the writer thread. `commit` runs a batch of jobs in one transaction on `state` and
    /// returns one result per job, in order; its error answers every job of the batch. `name`
    /// says whose writer it is in errors.
    pub fn spawn<S, F>(name: &'static str, mut state: S, mut commit: F) -> (Self, std::thread::JoinHandle<()>)
    where
        S: Send + 'static,
        F: FnMut(&mut S, &[J]) -> Result<Vec<R>> + Send + 'static,
    {
        let (tx, rx) = mpsc::channel::<(J, Reply<R>)>();
        let handle = std::thread::spawn(move || {
            while let Ok(first) = rx.recv() {
                let mut queued = vec![first];
                while queued.len() < BATCH {
                    match rx.try_recv() {
                        Ok(j) => queued.push(j),
                        Err(_) => break,
                    }
                }
                let (jobs, replies): (Vec<J>, Vec<Reply<R>>) = queued.into_iter().unzip();
                match commit(&mut state, &jobs) {
                    Ok(results) => {
                        for (reply, r) in replies.into_iter().zip(results) {
                            if let Some(reply) = reply {
                                let _ = reply.send(Ok(r));
                            }
                        }
                    }
                    Err(e) => {
                        eprintln!("shopdesk: {name}: {}", e.message);
                        for reply in replies.into_iter().flatten() {
                            let _ = reply.send(Err(e.clone()));
                        }
                    }
                }
            }
        });
        (GroupCommit { tx, name }, handle)
    }

    /// Queue `job`; returns its result once its transaction has committed.
    pub async fn submit(&self, job: J) -> Result<R> {
        let (reply, answer) = oneshot::channel();
        self.tx.send((job, Some(reply))).map_err(|_| self.stopped())?;
        answer.await.map_err(|_| self.stopped())?
    }

    /// Queue `job` without waiting for it (for records whose loss costs nothing but a line).
    pub fn submit_detached(&self, job: J) {
        let _ = self.tx.send((job, None));
    }

    fn stopped(&self) -> Error {
        Error::general(format!("the {}'s writer has stopped", self.name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn jobs_queued_during_a_commit_share_the_next_and_each_gets_its_own_answer() {
        // Each answer carries the job and the number of its batch; the first commit is slow, so
        // the jobs sent meanwhile queue up and go together in the second.
        let (w, handle) = GroupCommit::spawn("test", 0usize, |batches, jobs: &[u32]| {
            *batches += 1;
            if *batches == 1 {
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            Ok(jobs.iter().map(|j| (j * 10, *batches)).collect())
        });
        let answers = futures_util::future::join_all((1..=9).map(|j| w.submit(j))).await;
        let answers: Vec<(u32, usize)> = answers.into_iter().map(Result::unwrap).collect();
        assert_eq!(
            answers.iter().map(|a| a.0).collect::<Vec<_>>(),
            (1..=9).map(|j| j * 10).collect::<Vec<_>>()
        );
        assert!(answers.iter().all(|a| a.1 <= 2), "nine jobs, at most two commits: {answers:?}");
        drop(w);
        handle.join().unwrap();
    }

    #[tokio::test]
    async fn a_failed_commit_answers_every_job_of_the_batch_with_its_error() {
        let (w, _) =
            GroupCommit::<u32, u32>::spawn("test store", (), |_, _| Err(Error::general("disk full")));
        let e = w.submit(1).await.unwrap_err();
        assert_eq!(e.message, "disk full");
        w.submit_detached(2); // no answer to wait for, no panic
    }
}
