//! Fingerprints of files: a model records the SHA-256 of the data it was
//! trained on, so anyone can check which corpus it came from.

use sha2::{Digest, Sha256};

/// Hex SHA-256 of some bytes (used for training-data fingerprints).
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
