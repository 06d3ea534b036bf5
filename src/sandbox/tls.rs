//! The sandbox's optional HTTPS listener ([`Options::tls`](super::Options)).
//!
//! # Why
//! Some vendors behave differently over TLS: WooCommerce only tries HTTP Basic auth when
//! WordPress's `is_ssl()` is true and otherwise falls through to OAuth 1.0a. To emulate that the
//! sandbox needs a real TLS endpoint, so tests exercise the same code path a production HTTPS
//! store does (certificate trust through the store's `ca_file`, Basic header on the wire).
//!
//! At start a throw-away CA and a leaf certificate for `127.0.0.1`/`localhost`/`::1` are
//! generated (`rcgen`); the leaf is served with `tokio-rustls` and the CA's PEM is exposed
//! ([`super::Sandbox::ca_pem`]) so a test writes it to a file and names it as `ca_file`. The same
//! router serves both listeners; requests that arrived over TLS carry the [`ViaTls`] extension.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair, KeyUsagePurpose};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinSet;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// Request extension: the request arrived on the HTTPS listener.
#[derive(Debug, Clone, Copy)]
pub struct ViaTls;

/// A bound HTTPS listener with its generated certificates.
pub(crate) struct TlsListener {
    pub listener: TcpListener,
    pub base_url: String,
    pub ca_pem: String,
    acceptor: TlsAcceptor,
}

fn io_err(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(format!("sandbox TLS setup: {e}"))
}

/// Generates the certificates and binds the HTTPS port.
pub(crate) async fn bind(ip: std::net::IpAddr) -> std::io::Result<TlsListener> {
    let listener = TcpListener::bind(SocketAddr::new(ip, 0)).await?;
    let addr = listener.local_addr()?;
    let base_url = match addr.ip() {
        std::net::IpAddr::V6(ip) => format!("https://[{ip}]:{}", addr.port()),
        std::net::IpAddr::V4(ip) => format!("https://{ip}:{}", addr.port()),
    };
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).map_err(io_err)?;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(DnType::CommonName, "shopdesk sandbox CA");
    ca_params.key_usages =
        vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().map_err(io_err)?).map_err(io_err)?;
    let leaf_key = KeyPair::generate().map_err(io_err)?;
    let mut leaf = CertificateParams::new(vec![
        "127.0.0.1".to_string(),
        "localhost".to_string(),
        "::1".to_string(),
        addr.ip().to_string(),
    ])
    .map_err(io_err)?;
    leaf.distinguished_name.push(DnType::CommonName, "shopdesk sandbox");
    let leaf_cert = leaf.signed_by(&leaf_key, &ca).map_err(io_err)?;
    let chain = vec![CertificateDer::from(leaf_cert.der().to_vec()), CertificateDer::from(ca.der().to_vec())];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    let config = tokio_rustls::rustls::ServerConfig::builder_with_provider(Arc::new(
        tokio_rustls::rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(io_err)?
    .with_no_client_auth()
    .with_single_cert(chain, key)
    .map_err(io_err)?;
    let mut config = config;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TlsListener { listener, base_url, ca_pem: ca.pem(), acceptor: TlsAcceptor::from(Arc::new(config)) })
}

/// The HTTPS accept loop: TLS handshake, then the shared per-connection server.
pub(crate) async fn serve(tls: TlsListener, app: Router, mut shutdown: oneshot::Receiver<()>) {
    let mut conns = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = tls.listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let app = app.clone();
                let acceptor = tls.acceptor.clone();
                conns.spawn(async move {
                    if let Ok(stream) = acceptor.accept(stream).await {
                        super::serve_connection(stream, app, true).await;
                    }
                });
            }
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    }
    conns.shutdown().await;
}
