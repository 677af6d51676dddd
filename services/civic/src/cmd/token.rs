//! `civic token`: a development bearer token, signed with the local HS256 secret.

use std::time::Duration;

use anyhow::Context as _;
use civic_gateway::{Role, mint_token};

use crate::config;

/// Options of `civic token`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The council (slug) the token acts for; omit for a platform admin.
    #[arg(long)]
    council: Option<String>,
    /// clerk (records decisions), auditor (reads everything) or admin (platform).
    #[arg(long, value_parser = parse_role)]
    role: Role,
    /// Hours until the token expires.
    #[arg(long, default_value_t = 12)]
    hours: u64,
}

fn parse_role(value: &str) -> Result<Role, String> {
    match value {
        "clerk" => Ok(Role::Clerk),
        "auditor" => Ok(Role::Auditor),
        "admin" => Ok(Role::Admin),
        other => Err(format!(
            "{other:?} is not a role: use clerk, auditor or admin"
        )),
    }
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let dir = std::env::current_dir().context("find the working directory")?;
    let secret = config::hs256_secret(&dir)?;
    // A platform admin is not tied to a council: accept `--council` with `--role admin` as the
    // operator's context but leave it out of the token.
    let council = match args.role {
        Role::Admin => None,
        Role::Clerk | Role::Auditor => Some(
            args.council
                .as_deref()
                .context("--council SLUG is required for clerk and auditor tokens")?,
        ),
    };
    let ttl = Duration::from_secs(args.hours.saturating_mul(3600));
    let token = mint_token(secret.expose().as_bytes(), council, args.role, ttl)?;
    println!("{token}");
    Ok(())
}
