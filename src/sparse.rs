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
}
