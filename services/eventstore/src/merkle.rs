//! The Merkle tree of a council's log, as certificate-transparency logs build theirs (RFC 9162,
//! section 2.1): leaf `i` is the event at position `i + 1`, its hash SHA-256(0x00 || leaf data);
//! an inner node is SHA-256(0x01 || left || right); a tree of `n` leaves splits at the largest
//! power of two below `n`. A root commits to the whole log at a size; an inclusion proof shows
//! one event is in it; a consistency proof shows a later tree extends an earlier one.
//!
//! Written here rather than taken from a crate: the algorithms are a page of RFC 9162, the proofs
//! are computed over leaf hashes read from the store (no tree kept in memory between requests),
//! and the verifiers outsiders write follow the same page. Property tests check every proof of
//! every size up to 64 against its verifier, and the verifiers against tampered proofs.

use sha2::{Digest, Sha256};

/// A SHA-256 hash.
pub type Hash = [u8; 32];

/// The hash of a leaf holding `data`: SHA-256(0x00 || data).
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([0x00]);
    hasher.update(data);
    hasher.finalize().into()
}

/// The hash of an inner node: SHA-256(0x01 || left || right).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([0x01]);
    hasher.update(left);
    hasher.update(right);
    hasher.finalize().into()
}

/// The largest power of two smaller than `n` (`n` at least 2): where a tree of `n` leaves splits.
fn split(n: usize) -> usize {
    debug_assert!(n >= 2);
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

/// The root of the tree over `leaves` (leaf hashes): MTH(D[n]). The empty tree's root is the
/// hash of the empty string.
pub fn root(leaves: &[Hash]) -> Hash {
    match leaves {
        [] => Sha256::digest([]).into(),
        [leaf] => *leaf,
        _ => {
            let k = split(leaves.len());
            node_hash(&root(&leaves[..k]), &root(&leaves[k..]))
        }
    }
}

/// Why a proof cannot be made: the sizes asked for do not fit the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    /// An inclusion proof for a leaf beyond the tree.
    #[error("leaf {index} is not in a tree of size {size}")]
    IndexOutOfRange {
        /// The leaf asked for.
        index: u64,
        /// The tree size asked for.
        size: u64,
    },
    /// A consistency proof between sizes out of order, or from an empty tree.
    #[error("no consistency proof from size {from} to size {to} (need 0 < from <= to)")]
    BadRange {
        /// The earlier size.
        from: u64,
        /// The later size.
        to: u64,
    },
    /// A size beyond the log.
    #[error("the log holds {held} events, fewer than {asked}")]
    BeyondLog {
        /// The size asked for.
        asked: u64,
        /// The log's size.
        held: u64,
    },
}

/// The inclusion proof of leaf `index` in the tree over `leaves`: PATH(m, D[n]).
pub fn inclusion_proof(index: usize, leaves: &[Hash]) -> Result<Vec<Hash>, ProofError> {
    if index >= leaves.len() {
        return Err(ProofError::IndexOutOfRange {
            index: index as u64,
            size: leaves.len() as u64,
        });
    }
    Ok(path(index, leaves))
}

fn path(index: usize, leaves: &[Hash]) -> Vec<Hash> {
    if leaves.len() <= 1 {
        return Vec::new();
    }
    let k = split(leaves.len());
    if index < k {
        let mut proof = path(index, &leaves[..k]);
        proof.push(root(&leaves[k..]));
        proof
    } else {
        let mut proof = path(index - k, &leaves[k..]);
        proof.push(root(&leaves[..k]));
        proof
    }
}

/// The consistency proof between the tree over the first `from` leaves and the tree over all
/// `leaves`: PROOF(m, D[n]).
pub fn consistency_proof(from: usize, leaves: &[Hash]) -> Result<Vec<Hash>, ProofError> {
    if from == 0 || from > leaves.len() {
        return Err(ProofError::BadRange {
            from: from as u64,
            to: leaves.len() as u64,
        });
    }
    Ok(subproof(from, leaves, true))
}

fn subproof(m: usize, leaves: &[Hash], whole: bool) -> Vec<Hash> {
    let n = leaves.len();
    if m == n {
        return if whole {
            Vec::new()
        } else {
            vec![root(leaves)]
        };
    }
    let k = split(n);
    if m <= k {
        let mut proof = subproof(m, &leaves[..k], whole);
        proof.push(root(&leaves[k..]));
        proof
    } else {
        let mut proof = subproof(m - k, &leaves[k..], false);
        proof.push(root(&leaves[..k]));
        proof
    }
}

/// Whether `proof` shows that the leaf with hash `leaf` is leaf `index` of the tree of `size`
/// leaves whose root is `root` (RFC 9162, 2.1.3.2).
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut f_n, mut s_n) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s_n == 0 {
            return false;
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = node_hash(p, &r);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    s_n == 0 && &r == root
}

/// Whether `proof` shows that the tree of `to` leaves with root `to_root` extends the tree of
/// `from` leaves with root `from_root` (RFC 9162, 2.1.4.2).
pub fn verify_consistency(
    from: u64,
    to: u64,
    from_root: &Hash,
    to_root: &Hash,
    proof: &[Hash],
) -> bool {
    if from == 0 || from > to {
        return false;
    }
    if from == to {
        return proof.is_empty() && from_root == to_root;
    }
    let mut proof = proof.to_vec();
    // When the earlier size is a power of two, its root is the first node of the path.
    if from.is_power_of_two() {
        proof.insert(0, *from_root);
    }
    let Some((first, rest)) = proof.split_first() else {
        return false;
    };
    let (mut f_n, mut s_n) = (from - 1, to - 1);
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    let (mut f_r, mut s_r) = (*first, *first);
    for c in rest {
        if s_n == 0 {
            return false;
        }
        if f_n & 1 == 1 || f_n == s_n {
            f_r = node_hash(c, &f_r);
            s_r = node_hash(c, &s_r);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            s_r = node_hash(&s_r, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    s_n == 0 && &f_r == from_root && &s_r == to_root
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(n: usize) -> Vec<Hash> {
        (0..n)
            .map(|i| leaf_hash(format!("event {i}").as_bytes()))
            .collect()
    }

    #[test]
    fn roots_follow_the_rfc_definition() {
        let l = leaves(3);
        assert_eq!(root(&[]), <Hash>::from(Sha256::digest([])));
        assert_eq!(root(&l[..1]), l[0]);
        assert_eq!(root(&l[..2]), node_hash(&l[0], &l[1]));
        // Three leaves split 2 + 1.
        assert_eq!(root(&l), node_hash(&node_hash(&l[0], &l[1]), &l[2]));
        // The leaf prefix keeps a leaf from passing for a node.
        let mut data = vec![0x01];
        data.extend_from_slice(&l[0]);
        data.extend_from_slice(&l[1]);
        assert_ne!(leaf_hash(&data[1..]), node_hash(&l[0], &l[1]));
    }

    #[test]
    fn every_inclusion_proof_up_to_64_leaves_verifies_and_a_wrong_one_does_not() {
        let all = leaves(64);
        for size in 1..=64usize {
            let tree = &all[..size];
            let r = root(tree);
            for index in 0..size {
                let proof = inclusion_proof(index, tree).unwrap();
                let (i, n) = (index as u64, size as u64);
                assert!(
                    verify_inclusion(i, n, &tree[index], &proof, &r),
                    "{index}/{size}"
                );
                let other = leaf_hash(b"not in the log");
                assert!(!verify_inclusion(i, n, &other, &proof, &r));
                if size > 1 {
                    assert!(!verify_inclusion((i + 1) % n, n, &tree[index], &proof, &r));
                    let mut bent = proof.clone();
                    bent[0][0] ^= 1;
                    assert!(!verify_inclusion(i, n, &tree[index], &bent, &r));
                }
            }
        }
        assert!(inclusion_proof(3, &all[..3]).is_err());
    }

    #[test]
    fn every_consistency_proof_up_to_64_leaves_verifies_and_a_wrong_one_does_not() {
        let all = leaves(64);
        for to in 1..=64usize {
            let to_root = root(&all[..to]);
            for from in 1..=to {
                let from_root = root(&all[..from]);
                let proof = consistency_proof(from, &all[..to]).unwrap();
                let (m, n) = (from as u64, to as u64);
                assert!(
                    verify_consistency(m, n, &from_root, &to_root, &proof),
                    "{from}->{to}"
                );
                let forged = leaf_hash(b"a rewritten history");
                assert!(!verify_consistency(m, n, &forged, &to_root, &proof));
                assert!(!verify_consistency(m, n, &from_root, &forged, &proof));
                if let Some(first) = proof.first() {
                    let mut bent = proof.clone();
                    bent[0] = node_hash(first, first);
                    assert!(!verify_consistency(m, n, &from_root, &to_root, &bent));
                }
            }
        }
        assert!(consistency_proof(0, &all[..4]).is_err());
        assert!(consistency_proof(5, &all[..4]).is_err());
    }

    #[test]
    fn a_proof_for_a_rewritten_history_fails() {
        let mut rewritten = leaves(20);
        let from_root = root(&rewritten[..12]);
        rewritten[5] = leaf_hash(b"edited");
        let proof = consistency_proof(12, &rewritten).unwrap();
        assert!(!verify_consistency(
            12,
            20,
            &from_root,
            &root(&rewritten),
            &proof
        ));
    }
}
