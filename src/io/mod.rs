//! Files in and out, below everything else: labeled CSV in (rows of text and
//! label, with errors that name the file, row and column), files out written
//! atomically (never over an input: [`outputs`]), and the SHA-256 fingerprint a model keeps of its data.

pub mod atomic;
pub mod digest;
pub mod encoding;
pub mod labeled;
pub mod outputs;
