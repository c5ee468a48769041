//! Memory hints for the large lookup tables prediction probes at random.

/// Asks the kernel to back `buffer` with 2 MiB pages where it can. A table
/// of tens of MiB probed at random otherwise misses the TLB on nearly every
/// lookup. Call it before the buffer is first written: pages already
/// touched keep their size. A hint only: nothing changes where it is not
/// supported.
pub fn prefer_huge_pages<T>(buffer: &mut [T]) {
    #[cfg(target_os = "linux")]
    {
        const PAGE: usize = 4096;
        let start = (buffer.as_mut_ptr() as usize).next_multiple_of(PAGE);
        let end = (buffer.as_mut_ptr() as usize + std::mem::size_of_val(buffer)) / PAGE * PAGE;
        if end > start {
            // SAFETY: the range lies inside `buffer`, which this function
            // borrows mutably, and MADV_HUGEPAGE changes only how the pages
            // are backed, never their contents or mapping.
            unsafe {
                libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = buffer;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advising_leaves_contents_and_length_as_they_are() {
        for length in [0, 1, 4095, 3 << 20] {
            let mut buffer: Vec<u32> = (0..length as u32).map(|i| i.wrapping_mul(2_654_435_761)).collect();
            let before = buffer.clone();
            prefer_huge_pages(&mut buffer);
            prefer_huge_pages(buffer.get_mut(1..).unwrap_or_default());
            assert_eq!(buffer, before, "length {length}");
        }
    }

    #[test]
    fn a_buffer_advised_before_it_is_written_holds_what_is_written() {
        let mut buffer: Vec<u64> = Vec::with_capacity(5 << 18);
        prefer_huge_pages(buffer.spare_capacity_mut());
        buffer.resize(5 << 18, 7);
        assert!(buffer.iter().all(|&x| x == 7));
    }
}
