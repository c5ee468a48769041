//! A small seeded random generator, so fold assignment and bootstrap
//! resamples are fixed by the seed on every platform and version.

/// SplitMix64: a tiny, well-known generator, so fold assignment is fixed by
/// the seed on every platform and version.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_seeded_and_bounded() {
        let (mut a, mut b) = (SplitMix64::new(3), SplitMix64::new(3));
        let draws: Vec<usize> = (0..100).map(|_| a.below(7)).collect();
        assert_eq!(draws, (0..100).map(|_| b.below(7)).collect::<Vec<_>>());
        assert!(draws.iter().all(|d| *d < 7));
        assert!((0..7).all(|v| draws.contains(&v)));
    }
}
