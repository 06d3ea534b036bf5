//! TEMPORARY interface stub; replaced by the emulator framework (branch sandbox).
pub struct Options {
    pub bind: std::net::IpAddr,
    pub port: u16,
    pub seed: u64,
    pub faults: FaultSpec,
    pub token_ttl: std::time::Duration,
    pub throttle: u32,
}
impl Default for Options {
    fn default() -> Self {
        Options {
            bind: [127, 0, 0, 1].into(),
            port: 0,
            seed: 1,
            faults: FaultSpec::default(),
            token_ttl: std::time::Duration::from_secs(86400),
            throttle: 0,
        }
    }
}
#[derive(Debug, Clone, Default)]
pub struct FaultSpec {
    pub items: Vec<String>,
}
impl std::str::FromStr for FaultSpec {
    type Err = String;
    fn from_str(_: &str) -> Result<Self, String> {
        Ok(FaultSpec::default())
    }
}
pub struct Sandbox {
    base: String,
}
impl Sandbox {
    pub async fn start(_o: Options) -> std::io::Result<Sandbox> {
        Ok(Sandbox {
            base: "http://127.0.0.1:9".into(),
        })
    }
    pub fn base_url(&self) -> &str {
        &self.base
    }
    pub fn shopify_store_url(&self) -> String {
        format!("{}/shopify/demo-store", self.base)
    }
    pub async fn shutdown(self) {}
}
pub mod demo {
    pub const SHOPIFY_SHOP: &str = "demo-store";
    pub const SHOPIFY_CLIENT_ID: &str = "x";
    pub const SHOPIFY_CLIENT_SECRET: &str = "x";
    pub const SHOPIFY_STATIC_TOKEN: &str = "x";
}
