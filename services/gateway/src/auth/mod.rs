//! Who is asking, and what they may do.
//!
//! - [`claims`]: the JWT claims Civic Register reads, and [`Role`].
//! - [`token`]: [`mint_token`] (and [`mint_issued_token`], carrying `iss` and `aud`), for
//!   `civic token` and the tests.
//! - [`jwks`]: RS256/ES256 public keys from a JWKS file or URL, refreshed on an unknown `kid`.
//! - [`verify`]: [`Authenticator`], turning an `Authorization` header into a [`Principal`].
//! - [`access`]: [`Access`], what a principal may do at one endpoint.
//! - [`error`]: [`AuthError`], UNAUTHENTICATED or FORBIDDEN.

pub mod access;
pub mod claims;
pub mod error;
pub mod jwks;
pub mod token;
pub mod verify;

pub use access::Access;
pub use claims::{Claims, Role};
pub use error::AuthError;
pub use token::{Issuance, TokenError, mint_issued_token, mint_token};
pub use verify::{Authenticator, Principal, VerifierError};
