//! `civic token`: a development bearer token, signed with the HS256 secret `civic serve` uses
//! for the same `DATABASE_URL` (`CIVIC_JWT_SECRET`, or the one beside the database file), for a
//! council that exists in that database.

use std::time::Duration;

use anyhow::{Context as _, bail};
use civic_gateway::{Role, mint_issued_token};
use civic_runtime::DataLocation;

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

pub async fn run(args: Args) -> anyhow::Result<()> {
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
    let rules = config::TokenRules::from_env()?;
    if !rules.accepts_hs256() {
        bail!(
            "HS256 tokens are off (CIVIC_JWKS is set without CIVIC_JWT_HS256=1, or \
             CIVIC_JWT_HS256=0), so civic serve would refuse this token; get one from the \
             identity provider instead"
        );
    }
    let (url, _) = config::database_url();
    let location = config::data_location(&url)?;
    // Opening a database file that is not there would create an empty one, with a secret of its
    // own beside it: a token nobody's server accepts. Say where the database was looked for.
    if let DataLocation::File(path) = &location
        && !path.exists()
    {
        bail!(
            "there is no database at {}: run civic token with the DATABASE_URL civic serve uses \
             (the default, sqlite://civic.db, is relative to the working directory)",
            path.display()
        );
    }
    let secret = rules
        .hs256_secret(&location)?
        .context("HS256 tokens are off")?;
    let directory = config::directory().await?;
    if let Some(slug) = council {
        let found = directory
            .tenant_for_slug(slug)
            .await
            .context("look the council up")?;
        if found.is_none() {
            bail!(
                "there is no council {slug:?} in the database at {}; register it first (the \
                 registerCouncil mutation, as a platform admin)",
                describe(&location)
            );
        }
    }
    let ttl = Duration::from_secs(args.hours.saturating_mul(3600));
    let token = mint_issued_token(
        secret.expose().as_bytes(),
        council,
        args.role,
        ttl,
        &rules.issuance(),
    )?;
    say!("{token}");
    Ok(())
}

/// Where the database is, without the URL (which may hold a password).
fn describe(location: &DataLocation) -> String {
    match location {
        DataLocation::File(path) => path.display().to_string(),
        DataLocation::Server => "DATABASE_URL (a server)".to_owned(),
        DataLocation::Memory => "memory".to_owned(),
    }
}
