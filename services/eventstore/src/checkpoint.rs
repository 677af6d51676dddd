//! Signed checkpoints of a council's log, in the text formats transparency logs share (C2SP
//! `tlog-checkpoint` inside a C2SP `signed-note`), so existing tooling and a short script can
//! check them:
//!
//! ```text
//! civic-register/councils/maidstone
//! 63
//! iAvtJDN4C7rLH+B6weqwmIMXyKV4fPjt6THE7K5pjf4=
//!
//! — civic-register <base64 of the 4-byte key id and the 64-byte signature>
//! ```
//!
//! The body is the origin (platform and council), the tree size and the base64 root. A signature
//! line is an em dash, the key's name, and base64 of the 4-byte key id followed by the Ed25519
//! signature of the body. The key id is the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖
//! public key); the verifier key is published as `name+hex(key id)+base64(0x01 ‖ public key)`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::merkle::Hash;

/// The signature algorithm byte of Ed25519 in C2SP notes.
const ED25519: u8 = 0x01;

/// The origin line of a council's log: names the platform and the council.
pub fn council_origin(slug: &str) -> String {
    format!("civic-register/councils/{slug}")
}

/// What the body of a checkpoint says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The log's name: the platform and the council.
    pub origin: String,
    /// The tree size: how many events it covers.
    pub size: u64,
    /// The tree's root hash.
    pub root: Hash,
}

impl Checkpoint {
    /// The checkpoint's body: origin, size and base64 root, a line each.
    pub fn body(&self) -> String {
        format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            STANDARD.encode(self.root)
        )
    }

    /// Reads a checkpoint's body (the first three lines of a note; signature lines, after a
    /// blank line, are left to [`LogKey::verify`] / [`verify_note`]).
    pub fn parse(text: &str) -> Result<Checkpoint, NoteError> {
        let mut lines = text.split('\n');
        let (Some(origin), Some(size), Some(root)) = (lines.next(), lines.next(), lines.next())
        else {
            return Err(NoteError::Malformed(
                "a checkpoint starts with three lines: origin, tree size, base64 root hash",
            ));
        };
        if origin.trim().is_empty() {
            return Err(NoteError::Malformed(
                "the checkpoint's origin line is empty",
            ));
        }
        let size = size
            .parse()
            .map_err(|_| NoteError::Malformed("the checkpoint's size is not a number"))?;
        let root = STANDARD
            .decode(root)
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or(NoteError::Malformed(
                "the checkpoint's root is not a base64 SHA-256 hash",
            ))?;
        Ok(Checkpoint {
            origin: origin.to_owned(),
            size,
            root,
        })
    }
}

/// Why a note was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    /// Not in the checkpoint or note format.
    #[error("not a checkpoint: {0}")]
    Malformed(&'static str),
    /// The verifier key is not in the C2SP form `name+keyid+base64key` for an Ed25519 key.
    #[error("not an Ed25519 verifier key (name+keyid+base64)")]
    BadKey,
    /// No signature line of the key verifies the body.
    #[error("no signature by {0} verifies the checkpoint")]
    NotSigned(String),
}

/// The platform's signing key for checkpoints, with its name.
#[derive(Clone)]
pub struct LogKey {
    name: String,
    key: SigningKey,
}

impl std::fmt::Debug for LogKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogKey")
            .field("name", &self.name)
            .field("key", &"[secret]")
            .finish()
    }
}

impl LogKey {
    /// The key named `name` (no spaces or `+`) whose 32-byte Ed25519 seed is `seed`.
    pub fn from_seed(name: &str, seed: [u8; 32]) -> Result<LogKey, NoteError> {
        if name.is_empty() || name.contains([' ', '+', '\n']) {
            return Err(NoteError::BadKey);
        }
        Ok(LogKey {
            name: name.to_owned(),
            key: SigningKey::from_bytes(&seed),
        })
    }

    /// The key's name, as signature lines give it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The verifier key, to publish: `name+hex(key id)+base64(0x01 ‖ public key)`.
    pub fn verifier_key(&self) -> String {
        let public = self.key.verifying_key().to_bytes();
        let mut typed = vec![ED25519];
        typed.extend_from_slice(&public);
        format!(
            "{}+{}+{}",
            self.name,
            hex::encode(key_id(&self.name, &public)),
            STANDARD.encode(typed)
        )
    }

    /// `checkpoint` as a signed note: its body, a blank line, and this key's signature line.
    pub fn sign(&self, checkpoint: &Checkpoint) -> String {
        let body = checkpoint.body();
        let signature = self.key.sign(body.as_bytes());
        let public = self.key.verifying_key().to_bytes();
        let mut blob = key_id(&self.name, &public).to_vec();
        blob.extend_from_slice(&signature.to_bytes());
        format!("{body}\n\u{2014} {} {}\n", self.name, STANDARD.encode(blob))
    }
}

/// SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key), first 4 bytes.
fn key_id(name: &str, public: &[u8; 32]) -> [u8; 4] {
    let mut hasher = Sha256::new();
    hasher.update(name.as_bytes());
    hasher.update([b'\n', ED25519]);
    hasher.update(public);
    let digest = hasher.finalize();
    [digest[0], digest[1], digest[2], digest[3]]
}

/// Checks that `note` carries a signature by the key `verifier_key` (C2SP form) over its body,
/// and returns the checkpoint it states.
pub fn verify_note(note: &str, verifier_key: &str) -> Result<Checkpoint, NoteError> {
    let mut parts = verifier_key.trim().splitn(3, '+');
    let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(NoteError::BadKey);
    };
    let typed = STANDARD.decode(key).map_err(|_| NoteError::BadKey)?;
    let Some((&ED25519, public)) = typed.split_first() else {
        return Err(NoteError::BadKey);
    };
    let public: [u8; 32] = public.try_into().map_err(|_| NoteError::BadKey)?;
    let id = hex::decode(id).map_err(|_| NoteError::BadKey)?;
    if id != key_id(name, &public) {
        return Err(NoteError::BadKey);
    }
    let verifying = VerifyingKey::from_bytes(&public).map_err(|_| NoteError::BadKey)?;
    let (body, signatures) = note.split_once("\n\n").ok_or(NoteError::Malformed(
        "a signed note has a blank line before its signatures",
    ))?;
    let body = format!("{body}\n");
    let signed = signatures.lines().any(|line| {
        let Some(rest) = line.strip_prefix("\u{2014} ") else {
            return false;
        };
        let Some((line_name, blob)) = rest.split_once(' ') else {
            return false;
        };
        let Ok(blob) = STANDARD.decode(blob) else {
            return false;
        };
        line_name == name
            && blob.len() == 4 + 64
            && blob[..4] == id[..]
            && Signature::from_slice(&blob[4..])
                .is_ok_and(|signature| verifying.verify(body.as_bytes(), &signature).is_ok())
    });
    if !signed {
        return Err(NoteError::NotSigned(name.to_owned()));
    }
    Checkpoint::parse(&body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merkle;

    fn key(seed: u8) -> LogKey {
        LogKey::from_seed("civic-register", [seed; 32]).unwrap()
    }

    fn checkpoint() -> Checkpoint {
        Checkpoint {
            origin: "civic-register/councils/maidstone".to_owned(),
            size: 63,
            root: merkle::leaf_hash(b"root"),
        }
    }

    #[test]
    fn a_signed_checkpoint_verifies_with_the_published_key_and_reads_back() {
        let key = key(7);
        let note = key.sign(&checkpoint());
        assert!(note.starts_with("civic-register/councils/maidstone\n63\n"));
        assert!(note.contains("\n\n\u{2014} civic-register "));
        assert_eq!(verify_note(&note, &key.verifier_key()), Ok(checkpoint()));
        let verifier = key.verifier_key();
        let parts: Vec<&str> = verifier.split('+').collect();
        assert_eq!(parts[0], "civic-register");
        assert_eq!(parts[1].len(), 8);
    }

    #[test]
    fn an_edited_body_another_key_or_no_signature_does_not_verify() {
        let key = key(7);
        let note = key.sign(&checkpoint());
        let edited = note.replacen("\n63\n", "\n64\n", 1);
        assert_eq!(
            verify_note(&edited, &key.verifier_key()),
            Err(NoteError::NotSigned("civic-register".to_owned()))
        );
        let other = self::key(8);
        assert!(verify_note(&note, &other.verifier_key()).is_err());
        assert!(verify_note(&checkpoint().body(), &key.verifier_key()).is_err());
        assert_eq!(verify_note(&note, "nonsense"), Err(NoteError::BadKey));
    }

    #[test]
    fn a_checkpoint_body_reads_back_and_bad_ones_are_refused() {
        assert_eq!(Checkpoint::parse(&checkpoint().body()), Ok(checkpoint()));
        assert!(Checkpoint::parse("origin\nlots\nroot\n").is_err());
        assert!(Checkpoint::parse("origin\n3\n").is_err());
    }
}
