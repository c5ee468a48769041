//! Files in and out, below everything else: labeled CSV in (rows of text and
//! label, with errors that name the file, row and column), files out written
//! atomically, and the SHA-256 fingerprint a model keeps of its data.

pub mod atomic;
pub mod digest;
pub mod labeled;
