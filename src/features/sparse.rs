//! Compressed sparse row matrix: TF-IDF features are >99% zeros, so training
//! and prediction touch only the stored entries.

use ndarray::Array2;

/// One sparse row: column indices in increasing order, with their values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseRow {
    pub indices: Vec<u32>,
    pub values: Vec<f32>,
}

impl SparseRow {
    pub fn iter(&self) -> impl Iterator<Item = (usize, f32)> + '_ {
        self.indices.iter().map(|&i| i as usize).zip(self.values.iter().copied())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CsrMatrix {
    n_cols: usize,
    indptr: Vec<usize>,
    indices: Vec<u32>,
    values: Vec<f32>,
}

impl CsrMatrix {
    /// An empty matrix with `n_cols` columns, to [`push_row`](Self::push_row) into.
    pub fn with_columns(n_cols: usize) -> Self {
        CsrMatrix { n_cols, indptr: vec![0], indices: Vec::new(), values: Vec::new() }
    }

    pub fn push_row(&mut self, row: &SparseRow) {
        self.indices.extend_from_slice(&row.indices);
        self.values.extend_from_slice(&row.values);
        self.indptr.push(self.indices.len());
    }

    pub fn from_rows(rows: &[SparseRow], n_cols: usize) -> Self {
        let mut matrix = CsrMatrix::with_columns(n_cols);
        rows.iter().for_each(|row| matrix.push_row(row));
        matrix
    }

    pub fn n_rows(&self) -> usize {
        self.indptr.len() - 1
    }

    pub fn n_cols(&self) -> usize {
        self.n_cols
    }

    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    pub fn row(&self, i: usize) -> (&[u32], &[f32]) {
        let range = self.indptr[i]..self.indptr[i + 1];
        (&self.indices[range.clone()], &self.values[range])
    }

    /// Row `i` as an owned [`SparseRow`].
    pub fn row_owned(&self, i: usize) -> SparseRow {
        let (indices, values) = self.row(i);
        SparseRow { indices: indices.to_vec(), values: values.to_vec() }
    }

    /// Dense copy, for cross-checking against dense solvers on small data.
    pub fn to_dense(&self) -> Array2<f64> {
        let mut dense = Array2::zeros((self.n_rows(), self.n_cols));
        for r in 0..self.n_rows() {
            let (cols, vals) = self.row(r);
            for (&c, &v) in cols.iter().zip(vals) {
                dense[[r, c as usize]] = v as f64;
            }
        }
        dense
    }
}

/// Compressed sparse column matrix. The training objective walks columns:
/// its random accesses then land in per-row buffers (rows x labels), which
/// stay in cache, instead of in the much larger weight and gradient arrays.
#[derive(Debug, Clone, PartialEq)]
pub struct CscMatrix {
    n_rows: usize,
    indptr: Vec<usize>,
    indices: Vec<u32>,
    values: Vec<f32>,
}

impl CscMatrix {
    /// The transpose of `x`'s storage; row indices within a column increase.
    pub fn from_csr(x: &CsrMatrix) -> CscMatrix {
        let mut indptr = vec![0usize; x.n_cols + 1];
        for &j in &x.indices {
            indptr[j as usize + 1] += 1;
        }
        for j in 0..x.n_cols {
            indptr[j + 1] += indptr[j];
        }
        let mut next = indptr[..x.n_cols].to_vec();
        let mut indices = vec![0u32; x.nnz()];
        let mut values = vec![0f32; x.nnz()];
        for i in 0..x.n_rows() {
            let (cols, vals) = x.row(i);
            for (&j, &v) in cols.iter().zip(vals) {
                let slot = &mut next[j as usize];
                indices[*slot] = i as u32;
                values[*slot] = v;
                *slot += 1;
            }
        }
        CscMatrix { n_rows: x.n_rows(), indptr, indices, values }
    }

    pub fn n_rows(&self) -> usize {
        self.n_rows
    }

    pub fn n_cols(&self) -> usize {
        self.indptr.len() - 1
    }

    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    pub fn column(&self, j: usize) -> (&[u32], &[f32]) {
        let range = self.indptr[j]..self.indptr[j + 1];
        (&self.indices[range.clone()], &self.values[range])
    }

    /// `parts` consecutive column ranges with about the same number of
    /// non-zeros each; they depend only on the matrix, never on threads.
    pub fn balanced_column_ranges(&self, parts: usize) -> Vec<std::ops::Range<usize>> {
        let parts = parts.max(1);
        let mut bounds = vec![0];
        for part in 1..parts {
            let target = self.nnz() * part / parts;
            let split = self.indptr.partition_point(|&start| start < target).min(self.n_cols());
            bounds.push(split.max(*bounds.last().unwrap_or(&0)));
        }
        bounds.push(self.n_cols());
        bounds.windows(2).map(|w| w[0]..w[1]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> CsrMatrix {
        let rows = vec![
            SparseRow { indices: vec![0, 2], values: vec![1.0, 2.0] },
            SparseRow::default(),
            SparseRow { indices: vec![1, 2], values: vec![3.0, 4.0] },
        ];
        CsrMatrix::from_rows(&rows, 3)
    }

    #[test]
    fn builds_and_reads_rows() {
        let m = example();
        assert_eq!((m.n_rows(), m.n_cols(), m.nnz()), (3, 3, 4));
        assert_eq!(m.row(1), (&[][..], &[][..]));
        assert_eq!(m.row(2), (&[1u32, 2][..], &[3.0f32, 4.0][..]));
    }

    #[test]
    fn column_storage_holds_the_same_entries() {
        let m = example();
        let t = CscMatrix::from_csr(&m);
        assert_eq!((t.n_rows(), t.n_cols(), t.nnz()), (3, 3, 4));
        assert_eq!(t.column(0), (&[0u32][..], &[1.0f32][..]));
        assert_eq!(t.column(1), (&[2u32][..], &[3.0f32][..]));
        assert_eq!(t.column(2), (&[0u32, 2][..], &[2.0f32, 4.0][..]));
    }

    #[test]
    fn column_ranges_cover_every_column_once() {
        let t = CscMatrix::from_csr(&example());
        for parts in 1..6 {
            let ranges = t.balanced_column_ranges(parts);
            assert_eq!(ranges.len(), parts);
            assert_eq!(ranges.first().map(|r| r.start), Some(0));
            assert_eq!(ranges.last().map(|r| r.end), Some(3));
            assert!(ranges.windows(2).all(|w| w[0].end == w[1].start && w[0].start <= w[0].end));
        }
        // Column 2 holds half the entries, so two parts split before it.
        assert_eq!(t.balanced_column_ranges(2), vec![0..2, 2..3]);
    }
}
