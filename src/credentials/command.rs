//! Secrets from a user-configured `credential_command` (1Password `op read …`, `vault kv get …`).
//!
//! The command runs through `sh -c` so users can write what they would type in a shell. Its
//! trimmed stdout is the secret. Everything about a failure is reported *except* stdout: a command
//! that prints the token and then exits non-zero must not leak it into an error message, a log or
//! a support ticket. What we do report is the exit status and the first line of stderr, which is
//! where `op` and `vault` explain themselves ("not signed in", "permission denied").
//!
//! stdin is closed so the command can never swallow input meant for us (`--with-token` reads
//! stdin), and a timeout stops a command that waits for a prompt nobody will answer. The child is
//! killed when the timeout fires (`kill_on_drop`).

use std::process::Stdio;
use std::time::Duration;

use crate::error::Error;
use crate::secret::Secret;

/// How long a credential_command may take before we give up.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(10);

/// The longest piece of stderr quoted in an error.
const MAX_STDERR: usize = 200;

/// Runs `command` via `sh -c` and returns its trimmed stdout. `what` names the secret in errors.
pub(crate) async fn run(command: &str, what: &str, timeout: Duration) -> Result<Secret, Error> {
    let child = tokio::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| {
            Error::auth(format!("could not start the credential_command for {what} with `sh -c`: {e}"))
                .with_hint("check that `sh` is on PATH")
        })?;

    let output = match tokio::time::timeout(timeout, child.wait_with_output()).await {
        Ok(Ok(output)) => output,
        Ok(Err(e)) => {
            return Err(Error::auth(format!("the credential_command for {what} failed while running: {e}")));
        }
        Err(_) => {
            return Err(Error::auth(format!(
                "the credential_command for {what} did not finish within {} s and was stopped",
                timeout.as_secs_f32()
            ))
            .with_hint("run the command by hand: it may be waiting for a sign-in or an unlock prompt"));
        }
    };

    if !output.status.success() {
        let stderr = first_line(&output.stderr);
        let detail = match stderr {
            Some(line) => format!(": {line}"),
            None => " and printed nothing on stderr".to_string(),
        };
        return Err(Error::auth(format!(
            "the credential_command for {what} failed ({}){detail}",
            output.status
        ))
        .with_hint("run the command by hand to see what it needs (often a sign-in)"));
    }

    let Ok(stdout) = String::from_utf8(output.stdout) else {
        return Err(Error::auth(format!(
            "the credential_command for {what} printed something that is not UTF-8 text"
        )));
    };
    let value = stdout.trim();
    if value.is_empty() {
        return Err(Error::auth(format!(
            "the credential_command for {what} succeeded ({}) but printed nothing on stdout",
            output.status
        ))
        .with_hint("the command must print the secret, and only the secret, on stdout"));
    }
    Ok(Secret::new(value))
}

/// The first non-empty line of `bytes`, lossily decoded and shortened.
fn first_line(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let mut out: String = line.chars().take(MAX_STDERR).collect();
    if out.len() < line.len() {
        out.push('…');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;

    const WHAT: &str = "default/demo/access_token";

    #[tokio::test]
    async fn stdout_trimmed_is_the_secret() {
        let s = run("echo '  tok_123  '", WHAT, TIMEOUT).await.unwrap();
        assert_eq!(s.expose(), "tok_123");
    }

    #[tokio::test]
    async fn failure_names_status_and_stderr_but_not_stdout() {
        let e =
            run("echo supersecret_value; echo 'not signed in' >&2; echo second >&2; exit 3", WHAT, TIMEOUT)
                .await
                .unwrap_err();
        assert_eq!(e.kind, Kind::Auth);
        assert!(e.message.contains("exit status: 3"), "{}", e.message);
        assert!(e.message.contains("not signed in"), "{}", e.message);
        assert!(!e.message.contains("second"), "{}", e.message);
        let all = format!("{} {:?}", e.message, e.hint);
        assert!(!all.contains("supersecret_value"), "{all}");
    }

    #[tokio::test]
    async fn failure_without_stderr() {
        let e = run("exit 3", WHAT, TIMEOUT).await.unwrap_err();
        assert!(e.message.contains("exit status: 3"), "{}", e.message);
        assert!(e.message.contains("nothing on stderr"), "{}", e.message);
    }

    #[tokio::test]
    async fn empty_output_is_an_error() {
        let e = run("printf '  \\n'", WHAT, TIMEOUT).await.unwrap_err();
        assert_eq!(e.kind, Kind::Auth);
        assert!(e.message.contains("printed nothing"), "{}", e.message);
    }

    #[tokio::test]
    async fn slow_command_times_out() {
        let started = std::time::Instant::now();
        let e = run("sleep 20", WHAT, Duration::from_millis(300)).await.unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(e.kind, Kind::Auth);
        assert!(e.message.contains("did not finish"), "{}", e.message);
    }

    #[test]
    fn long_stderr_is_shortened() {
        let long = "x".repeat(500);
        let line = first_line(long.as_bytes()).unwrap();
        assert_eq!(line.chars().count(), MAX_STDERR + 1);
        assert_eq!(first_line(b"\n\n  \n"), None);
    }
}
