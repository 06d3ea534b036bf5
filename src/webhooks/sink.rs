//! `webhook listen --sink redis://…`: publish each verified, stored event to a Redis Stream.
//!
//! The sink is one more output of the per-source workers in [`super::forward`]: an event leaves
//! the receiver's queue only after `XADD` answered with an entry id, so delivery is **at least
//! once** and in arrival order per source, with the same backoff and dead-letter list as
//! `--forward-to`. While Redis is down or restarting, events wait in the SQLite store and go out
//! when it is back. A reply lost after Redis applied the `XADD` means the event is added again:
//! consumers dedupe on the `id` field (the receiver's event id), as they would for a forward.
//!
//! Each entry has the fields `id`, `source`, `topic` (empty when the vendor sent none),
//! `delivery_id`, `received_at` (RFC 3339, UTC), `headers` (the received headers as a JSON
//! object) and `body` (the raw bytes, unchanged, so a consumer can verify the vendor's signature
//! itself). Several consumers share a stream through a consumer group (`XGROUP CREATE`, then
//! `XREADGROUP` and `XACK`): each entry goes to one consumer of the group (README, Webhooks).
//!
//! **Why a small RESP2 client here instead of the `redis` crate**: the sink needs four commands
//! (`AUTH`, `SELECT`, `PING`, `XADD`) and three reply kinds (simple string, error, bulk string; integers
//! are read too). The `redis` crate with its tokio support brings its own connection manager,
//! parser combinators and a dozen more crates, and its retrying/reconnecting would sit under the
//! worker's own retry loop, which owns the retry state (in the store). Writing RESP2 requests
//! (arrays of bulk strings) and reading those replies is about a hundred lines over a
//! `tokio::net::TcpStream`, tested below on byte strings.
//!
//! The password is a [`Secret`]: it is never printed, and errors show the target without it.
//! It can be in the URL (`redis://:PASSWORD@host`, or `user:PASSWORD@` for a Redis 6 ACL user),
//! but a URL on the command line is visible to other local users in `ps`, so
//! `$SHOPDESK_SINK_PASSWORD` is read when the URL has none. `rediss://` (TLS) is not supported.
//!
//! Redis facts used (redis.io command and protocol reference; [U] = not checked against a
//! server other than the Debian `redis-server` package the tests start):
//! - RESP2: a request is an array of bulk strings (`*N\r\n$len\r\nbytes\r\n…`); replies start
//!   with `+` (simple string), `-` (error), `:` (integer), `$` (bulk string, `$-1` for none).
//! - `AUTH password` / `AUTH username password` (Redis 6+ ACL) answer `+OK`, or an error starting
//!   with `WRONGPASS` (Redis 6+) or `ERR invalid password` (older) [U for older servers].
//! - A command without `AUTH` on a server that requires one is refused with `NOAUTH`.
//! - `PING` answers `+PONG`; `SELECT db` answers `+OK`; `XADD key * field value …` answers the new entry id as a bulk
//!   string and creates the stream when it does not exist.

use super::store::Event;
use crate::error::{Error, Result};
use crate::secret::Secret;
use std::time::Duration;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// The stream written when the URL names none.
pub const DEFAULT_STREAM: &str = "shopdesk:webhooks";

/// The password, when the URL carries none (keeps it out of `ps`).
pub const PASSWORD_ENV: &str = "SHOPDESK_SINK_PASSWORD";

/// Longest a connection, `AUTH`/`SELECT` or one `XADD` may take before the attempt fails.
const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// Longest reply line or bulk string read (replies here are short: `OK`, an entry id, an error).
const MAX_REPLY: usize = 64 * 1024;

/// Where events go: a Redis server, database and stream.
#[derive(Debug, Clone)]
pub struct Target {
    host: String,
    port: u16,
    user: Option<String>,
    password: Option<Secret>,
    db: u32,
    pub stream: String,
}

impl Target {
    /// Parse `redis://[[user]:password@]host[:port][/db][#stream]`; `env_password` is used when
    /// the URL has no password. Errors never repeat the URL (it may hold the password).
    pub fn parse(s: &str, env_password: Option<Secret>) -> Result<Target> {
        let form = "redis://[:password@]host[:port][/db][#stream]";
        let bad = |why: &str| {
            Error::usage(format!("--sink: {why}"))
                .with_hint(format!("write it as {form}, e.g. redis://127.0.0.1:6379/0#{DEFAULT_STREAM}"))
        };
        let url = url::Url::parse(s).map_err(|_| bad("not a URL"))?;
        match url.scheme() {
            "redis" => {}
            "rediss" => {
                return Err(bad("rediss:// (TLS) is not supported")
                    .with_hint("reach Redis over loopback or a private network, or through a TLS tunnel (stunnel, spiped)"));
            }
            _ => return Err(bad("only redis:// URLs are supported")),
        }
        let host = url.host_str().filter(|h| !h.is_empty()).ok_or_else(|| bad("no host"))?;
        let host = host.trim_start_matches('[').trim_end_matches(']').to_string();
        let decode = |p: &str| percent_encoding::percent_decode_str(p).decode_utf8_lossy().into_owned();
        let password =
            url.password().map(|p| Secret::new(decode(p))).or(env_password).filter(|p| !p.is_empty());
        let user = Some(decode(url.username())).filter(|u| !u.is_empty());
        if user.is_some() && password.is_none() {
            return Err(bad("a user name without a password")
                .with_hint(format!("put the password in ${PASSWORD_ENV}")));
        }
        let path = url.path().trim_matches('/');
        let db = if path.is_empty() {
            0
        } else {
            path.parse::<u32>().map_err(|_| bad("the path must be a database number (/0, /1, …)"))?
        };
        let stream = match url.fragment().map(decode) {
            Some(f) if !f.is_empty() => f,
            _ => DEFAULT_STREAM.to_string(),
        };
        if url.query().is_some() {
            return Err(bad("query parameters are not supported"));
        }
        Ok(Target { host, port: url.port().unwrap_or(6379), user, password, db, stream })
    }

    /// The target as shown in messages: no password.
    pub fn display(&self) -> String {
        let host = if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        format!("redis://{host}:{}/{}#{}", self.port, self.db, self.stream)
    }
}

/// A RESP2 reply other than an error.
#[derive(Debug, PartialEq)]
enum Reply {
    Simple(String),
    Int(i64),
    Bulk(Option<Vec<u8>>),
}

/// Why a call failed: the server refused it (`-ERR …`), or the connection did not work.
#[derive(Debug)]
enum Failure {
    Refused(String),
    Io(String),
}

/// One request: an array of bulk strings.
fn encode(args: &[&[u8]]) -> Vec<u8> {
    let mut out = format!("*{}\r\n", args.len()).into_bytes();
    for a in args {
        out.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
        out.extend_from_slice(a);
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// Read one reply.
async fn read_reply<R: AsyncBufRead + Unpin>(r: &mut R) -> std::result::Result<Reply, Failure> {
    let io = |e: std::io::Error| Failure::Io(e.to_string());
    let mut line = Vec::new();
    (&mut *r).take(MAX_REPLY as u64).read_until(b'\n', &mut line).await.map_err(io)?;
    if line.is_empty() {
        return Err(Failure::Io("the server closed the connection".into()));
    }
    let Some(text) = line.strip_suffix(b"\r\n") else {
        return Err(Failure::Io("a reply line without CRLF (is this a Redis server?)".into()));
    };
    let text = String::from_utf8_lossy(text);
    let (kind, rest) = text.split_at(text.chars().next().map_or(0, char::len_utf8));
    let number =
        |s: &str| s.parse::<i64>().map_err(|_| Failure::Io(format!("a malformed reply `{kind}{s}`")));
    match kind {
        "+" => Ok(Reply::Simple(rest.to_string())),
        "-" => Err(Failure::Refused(rest.to_string())),
        ":" => Ok(Reply::Int(number(rest)?)),
        "$" => {
            let n = number(rest)?;
            if n < 0 {
                return Ok(Reply::Bulk(None));
            }
            let n = n as usize;
            if n > MAX_REPLY {
                return Err(Failure::Io(format!("a {n}-byte reply, larger than expected")));
            }
            let mut buf = vec![0; n + 2];
            r.read_exact(&mut buf).await.map_err(io)?;
            if !buf.ends_with(b"\r\n") {
                return Err(Failure::Io("a bulk reply without CRLF".into()));
            }
            buf.truncate(n);
            Ok(Reply::Bulk(Some(buf)))
        }
        _ => {
            Err(Failure::Io(format!("an unexpected reply starting with `{kind}` (is this a Redis server?)")))
        }
    }
}

struct Conn {
    io: BufReader<TcpStream>,
}

impl Conn {
    async fn call(&mut self, args: &[&[u8]]) -> std::result::Result<Reply, Failure> {
        self.io.get_mut().write_all(&encode(args)).await.map_err(|e| Failure::Io(e.to_string()))?;
        read_reply(&mut self.io).await
    }

    /// Connect, authenticate, select the database.
    async fn open(t: &Target) -> std::result::Result<Conn, Failure> {
        let tcp =
            TcpStream::connect((t.host.as_str(), t.port)).await.map_err(|e| Failure::Io(e.to_string()))?;
        let _ = tcp.set_nodelay(true);
        let mut c = Conn { io: BufReader::new(tcp) };
        if let Some(pw) = &t.password {
            let mut args: Vec<&[u8]> = vec![b"AUTH"];
            if let Some(u) = &t.user {
                args.push(u.as_bytes());
            }
            args.push(pw.expose().as_bytes());
            c.call(&args).await?;
        }
        if t.db != 0 {
            c.call(&[b"SELECT", t.db.to_string().as_bytes()]).await?;
        }
        Ok(c)
    }
}

/// A Redis Stream output: one connection, opened on first use and again after any failure.
pub struct RedisSink {
    target: Target,
    conn: tokio::sync::Mutex<Option<Conn>>,
}

impl RedisSink {
    pub fn new(target: Target) -> RedisSink {
        RedisSink { target, conn: tokio::sync::Mutex::new(None) }
    }

    pub fn target(&self) -> &Target {
        &self.target
    }

    /// Connect (and `PING`) once at start: a refused password or database is an error (nothing would ever be
    /// delivered); an unreachable server is only a warning (events wait in the store).
    pub async fn probe(&self) -> Result<Option<String>> {
        // PING too: a server that wants a password and got none only says so to a command.
        let opened = tokio::time::timeout(IO_TIMEOUT, async {
            let mut c = Conn::open(&self.target).await?;
            c.call(&[b"PING"]).await?;
            Ok(c)
        })
        .await;
        match opened {
            Ok(Ok(c)) => {
                *self.conn.lock().await = Some(c);
                Ok(None)
            }
            Ok(Err(Failure::Refused(m))) => Err(Error::auth(self.explain(&m)).with_hint(format!(
                "check the password (${PASSWORD_ENV} or the URL) and the database number"
            ))),
            Ok(Err(Failure::Io(m))) => Ok(Some(format!(
                "{} is not reachable ({m}); events are kept and published once it is",
                self.target.display()
            ))),
            Err(_) => Ok(Some(format!(
                "{} did not answer within {} s; events are kept and published once it does",
                self.target.display(),
                IO_TIMEOUT.as_secs()
            ))),
        }
    }

    /// A Redis error as a sentence that says what to do.
    fn explain(&self, m: &str) -> String {
        let t = self.target.display();
        if m.starts_with("WRONGPASS") || m.contains("invalid password") || m.contains("invalid username") {
            format!("{t} refused the password: {m}")
        } else if m.starts_with("NOAUTH") {
            format!("{t} requires a password (set ${PASSWORD_ENV}): {m}")
        } else {
            format!("{t} refused: {m}")
        }
    }

    /// `XADD` the event; `Ok` once Redis answered with the new entry id.
    pub async fn publish(&self, ev: &Event) -> std::result::Result<(), String> {
        let mut guard = self.conn.lock().await;
        let result = tokio::time::timeout(IO_TIMEOUT, async {
            if guard.is_none() {
                *guard = Some(Conn::open(&self.target).await?);
            }
            let conn = guard.as_mut().expect("connected above");
            let id = ev.id.to_string();
            let received = jiff::Timestamp::from_millisecond(ev.received_at_ms)
                .map(|t| t.to_string())
                .unwrap_or_else(|_| ev.received_at_ms.to_string());
            let headers = serde_json::to_string(&ev.headers).unwrap_or_default();
            let args: [&[u8]; 17] = [
                b"XADD",
                self.target.stream.as_bytes(),
                b"*",
                b"id",
                id.as_bytes(),
                b"source",
                ev.source.as_bytes(),
                b"topic",
                ev.topic.as_deref().unwrap_or("").as_bytes(),
                b"delivery_id",
                ev.delivery_id.as_bytes(),
                b"received_at",
                received.as_bytes(),
                b"headers",
                headers.as_bytes(),
                b"body",
                &ev.body,
            ];
            match conn.call(&args).await? {
                Reply::Bulk(Some(_)) => Ok(()),
                other => Err(Failure::Io(format!("XADD answered {other:?} instead of an entry id"))),
            }
        })
        .await;
        let failure = match result {
            Ok(Ok(())) => return Ok(()),
            Ok(Err(f)) => f,
            Err(_) => Failure::Io(format!("no answer within {} s", IO_TIMEOUT.as_secs())),
        };
        // Whatever failed, the next attempt starts on a fresh connection.
        *guard = None;
        Err(match failure {
            Failure::Refused(m) => self.explain(&m),
            Failure::Io(m) => format!("{}: {m}", self.target.display()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Target> {
        Target::parse(s, None)
    }

    #[test]
    fn url_defaults_and_parts() {
        let t = parse("redis://127.0.0.1").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.db, t.stream.as_str()),
            ("127.0.0.1", 6379, 0, DEFAULT_STREAM)
        );
        assert!(t.password.is_none() && t.user.is_none());
        let t = parse("redis://:p%40ss@redis.internal:6380/3#orders:in").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.db, t.stream.as_str()),
            ("redis.internal", 6380, 3, "orders:in")
        );
        assert_eq!(t.password.as_ref().unwrap().expose(), "p@ss");
        assert_eq!(t.display(), "redis://redis.internal:6380/3#orders:in");
        let t = parse("redis://app:pw@[::1]:7000").unwrap();
        assert_eq!((t.host.as_str(), t.user.as_deref()), ("::1", Some("app")));
        assert_eq!(t.display(), "redis://[::1]:7000/0#shopdesk:webhooks");
    }

    #[test]
    fn env_password_only_when_the_url_has_none() {
        let env = || Some(Secret::new("from-env"));
        assert_eq!(Target::parse("redis://h", env()).unwrap().password.unwrap().expose(), "from-env");
        assert_eq!(Target::parse("redis://:url@h", env()).unwrap().password.unwrap().expose(), "url");
    }

    #[test]
    fn bad_urls_are_explained_without_the_password() {
        for (url, why) in [
            ("rediss://:hunter2@h", "TLS"),
            ("http://:hunter2@h", "only redis://"),
            ("redis://:hunter2@h/x", "database number"),
            ("redis://:hunter2@h/0?timeout=1", "query"),
            ("redis://user@h", "without a password"),
            ("not a url hunter2", "not a URL"),
        ] {
            let e = parse(url).unwrap_err();
            let text = format!("{} {}", e.message, e.hint.clone().unwrap_or_default());
            assert!(text.contains(why), "{url}: {text}");
            assert!(!text.contains("hunter2"), "{url}: {text}");
        }
        assert!(!format!("{:?}", parse("redis://:hunter2@h").unwrap()).contains("hunter2"));
    }

    #[test]
    fn requests_are_arrays_of_bulk_strings() {
        assert_eq!(encode(&[b"SELECT", b"3"]), b"*2\r\n$6\r\nSELECT\r\n$1\r\n3\r\n");
        assert_eq!(
            encode(&[b"XADD", b"s", b"*", b"body", b"a\r\nb"])[..],
            b"*5\r\n$4\r\nXADD\r\n$1\r\ns\r\n$1\r\n*\r\n$4\r\nbody\r\n$4\r\na\r\nb\r\n"[..]
        );
    }

    async fn read(bytes: &[u8]) -> std::result::Result<Reply, Failure> {
        let mut r = bytes;
        read_reply(&mut r).await
    }

    #[tokio::test]
    async fn replies_are_read_by_kind() {
        assert_eq!(read(b"+OK\r\n").await.unwrap(), Reply::Simple("OK".into()));
        assert_eq!(read(b":42\r\n").await.unwrap(), Reply::Int(42));
        assert_eq!(
            read(b"$15\r\n1700000000000-0\r\n").await.unwrap(),
            Reply::Bulk(Some(b"1700000000000-0".to_vec()))
        );
        assert_eq!(read(b"$-1\r\n").await.unwrap(), Reply::Bulk(None));
        assert!(matches!(read(b"-WRONGPASS invalid username-password pair\r\n").await,
            Err(Failure::Refused(m)) if m.starts_with("WRONGPASS")));
        for bad in [&b""[..], b"+OK", b"$5\r\nab\r\n", b"HTTP/1.1 400\r\n", b":x\r\n"] {
            assert!(matches!(read(bad).await, Err(Failure::Io(_))), "{bad:?}");
        }
    }

    #[test]
    fn refusals_say_what_to_fix() {
        let s = RedisSink::new(parse("redis://h").unwrap());
        assert!(s.explain("WRONGPASS invalid username-password pair").contains("refused the password"));
        assert!(s.explain("NOAUTH Authentication required.").contains(PASSWORD_ENV));
        assert!(s.explain("WRONGTYPE Operation against a key").contains("refused: WRONGTYPE"));
    }
}
